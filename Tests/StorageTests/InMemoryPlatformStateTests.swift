import Storage
import StorageTesting
import Testing

/// Every platform state scenario against the in-memory store (the reference).
@Suite struct InMemoryPlatformStateTests {
    let suite = PlatformStateConformance { InMemoryEventStore() }

    @Test("access keys are found by secret hash and listed oldest first") func keys() async throws {
        try await suite.accessKeysAreFoundBySecretHash()
    }

    @Test("revoking a key twice keeps the first revocation time") func revoke() async throws {
        try await suite.revocationIsIdempotent()
    }

    @Test("an invalid key, or a taken key ID or secret hash, stores nothing") func refusedKeys() async throws {
        try await suite.refusedKeysStoreNothing()
    }

    @Test("named queries are saved, listed by name and deleted once") func queries() async throws {
        try await suite.namedQueriesSaveListAndDelete()
    }

    @Test("subscriptions need their query and go with it") func subscriptions() async throws {
        try await suite.subscriptionsBelongToTheirQuery()
    }

    @Test("a subscription's cursor round-trips to the millisecond, IDs in order") func cursor() async throws {
        try await suite.subscriptionCursorRoundTrips()
    }

    @Test("captured master data reads back by element key, values as text") func masterData() async throws {
        try await suite.capturedMasterDataReadsBackAsText()
    }

    @Test("master data in several languages keeps each value's language") func languages() async throws {
        try await suite.languageTaggedMasterDataKeepsItsLanguage()
    }

    @Test("the latest capture of master data wins") func latest() async throws {
        try await suite.latestCaptureOfMasterDataWins()
    }

    @Test("updating a party replaces its attributes and records the changes") func updateParty() async throws {
        try await suite.updatePartyReplacesAttributesAndRecordsChanges()
    }

    @Test("party changes list newest first, by party, up to the limit") func changes() async throws {
        try await suite.partyChangesListNewestFirst()
    }

    @Test("consumer scans are summarised per code") func scans() async throws {
        try await suite.scansAreSummarised()
    }
}
