import Storage
import StorageSQLite
import StorageTesting
import Testing

/// The federation scenarios against a store in memory and in a file.
@Suite struct SQLiteFederationTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, file

        var testDescription: String { rawValue }

        func store() throws -> SQLiteEventStore {
            switch self {
            case .memory: try SQLiteEventStore(.memory)
            case .file: try SQLiteEventStore(.file(SQLiteTestFiles.newPath()))
            }
        }

        var suite: FederationConformance { FederationConformance { try store() } }
    }

    @Test("a peer key names its platform and nothing else", arguments: Backend.allCases)
    func peerKeys(_ backend: Backend) async throws {
        try await backend.suite.peerKeysNameTheirPlatform()
    }

    @Test("push cursors are kept per peer and move", arguments: Backend.allCases)
    func cursors(_ backend: Backend) async throws {
        try await backend.suite.pushCursorsArePerPeer()
    }

    @Test("recall rows are relayed once; a relayed copy relays each new answer", arguments: Backend.allCases)
    func relay(_ backend: Backend) async throws {
        try await backend.suite.recallRowsAreRelayedOnce()
    }

    @Test("evidence for some keys verifies offline against a signed head", arguments: Backend.allCases)
    func evidence(_ backend: Backend) async throws {
        try await FederationConformance.evidenceVerifiesOffline(try backend.store())
    }
}
