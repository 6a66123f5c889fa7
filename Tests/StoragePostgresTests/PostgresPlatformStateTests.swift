import Storage
import StoragePostgres
import StorageTesting
import Testing

/// Every platform state scenario against PostgreSQL, each in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresPlatformStateTests {
    /// Runs one scenario with a store that lives as long as the scenario.
    private func run(_ scenario: @Sendable (PlatformStateConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await scenario(PlatformStateConformance { store })
        }
    }

    @Test("access keys are found by secret hash and listed oldest first") func keys() async throws {
        try await run { try await $0.accessKeysAreFoundBySecretHash() }
    }

    @Test("revoking a key twice keeps the first revocation time") func revoke() async throws {
        try await run { try await $0.revocationIsIdempotent() }
    }

    @Test("an invalid key, or a taken key ID or secret hash, stores nothing") func refusedKeys() async throws {
        try await run { try await $0.refusedKeysStoreNothing() }
    }

    @Test("named queries are saved, listed by name and deleted once") func queries() async throws {
        try await run { try await $0.namedQueriesSaveListAndDelete() }
    }

    @Test("subscriptions need their query and go with it") func subscriptions() async throws {
        try await run { try await $0.subscriptionsBelongToTheirQuery() }
    }

    @Test("a subscription's cursor round-trips to the millisecond, IDs in order") func cursor() async throws {
        try await run { try await $0.subscriptionCursorRoundTrips() }
    }

    @Test("captured master data reads back by element key, values as text") func masterData() async throws {
        try await run { try await $0.capturedMasterDataReadsBackAsText() }
    }

    @Test("master data in several languages keeps each value's language") func languages() async throws {
        try await run { try await $0.languageTaggedMasterDataKeepsItsLanguage() }
    }

    @Test("the latest capture of master data wins") func latest() async throws {
        try await run { try await $0.latestCaptureOfMasterDataWins() }
    }

    @Test("updating a party replaces its attributes and records the changes") func updateParty() async throws {
        try await run { try await $0.updatePartyReplacesAttributesAndRecordsChanges() }
    }

    @Test("party changes list newest first, by party, up to the limit") func changes() async throws {
        try await run { try await $0.partyChangesListNewestFirst() }
    }

    @Test("consumer scans are summarised per code") func scans() async throws {
        try await run { try await $0.scansAreSummarised() }
    }
}
