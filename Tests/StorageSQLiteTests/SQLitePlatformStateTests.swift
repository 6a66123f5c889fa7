import Storage
import StorageSQLite
import StorageTesting
import Testing

/// Every platform state scenario against a store in memory (a `DatabaseQueue`) and in a file (a `DatabasePool`).
@Suite struct SQLitePlatformStateTests {
    /// Where the store under test lives.
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, file

        var testDescription: String { rawValue }

        var suite: PlatformStateConformance {
            switch self {
            case .memory: PlatformStateConformance { try SQLiteEventStore(.memory) }
            case .file: PlatformStateConformance { try SQLiteEventStore(.file(SQLiteTestFiles.newPath())) }
            }
        }
    }

    @Test("access keys are found by secret hash and listed oldest first", arguments: Backend.allCases)
    func keys(_ backend: Backend) async throws {
        try await backend.suite.accessKeysAreFoundBySecretHash()
    }

    @Test("revoking a key twice keeps the first revocation time", arguments: Backend.allCases)
    func revoke(_ backend: Backend) async throws {
        try await backend.suite.revocationIsIdempotent()
    }

    @Test("an invalid key, or a taken key ID or secret hash, stores nothing", arguments: Backend.allCases)
    func refusedKeys(_ backend: Backend) async throws {
        try await backend.suite.refusedKeysStoreNothing()
    }

    @Test("named queries are saved, listed by name and deleted once", arguments: Backend.allCases)
    func queries(_ backend: Backend) async throws {
        try await backend.suite.namedQueriesSaveListAndDelete()
    }

    @Test("subscriptions need their query and go with it", arguments: Backend.allCases)
    func subscriptions(_ backend: Backend) async throws {
        try await backend.suite.subscriptionsBelongToTheirQuery()
    }

    @Test("a subscription's cursor round-trips to the millisecond, IDs in order", arguments: Backend.allCases)
    func cursor(_ backend: Backend) async throws {
        try await backend.suite.subscriptionCursorRoundTrips()
    }

    @Test("captured master data reads back by element key, values as text", arguments: Backend.allCases)
    func masterData(_ backend: Backend) async throws {
        try await backend.suite.capturedMasterDataReadsBackAsText()
    }

    @Test("master data in several languages keeps each value's language", arguments: Backend.allCases)
    func languages(_ backend: Backend) async throws {
        try await backend.suite.languageTaggedMasterDataKeepsItsLanguage()
    }

    @Test("the latest capture of master data wins", arguments: Backend.allCases)
    func latest(_ backend: Backend) async throws {
        try await backend.suite.latestCaptureOfMasterDataWins()
    }

    @Test("updating a party replaces its attributes and records the changes", arguments: Backend.allCases)
    func updateParty(_ backend: Backend) async throws {
        try await backend.suite.updatePartyReplacesAttributesAndRecordsChanges()
    }

    @Test("party changes list newest first, by party, up to the limit", arguments: Backend.allCases)
    func changes(_ backend: Backend) async throws {
        try await backend.suite.partyChangesListNewestFirst()
    }

    @Test("consumer scans are summarised per code", arguments: Backend.allCases)
    func scans(_ backend: Backend) async throws {
        try await backend.suite.scansAreSummarised()
    }
}
