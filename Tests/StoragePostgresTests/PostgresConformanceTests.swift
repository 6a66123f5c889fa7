import Storage
import StoragePostgres
import StorageTesting
import Testing

/// Every conformance scenario against PostgreSQL, each in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresConformanceTests {
    /// Runs one scenario with a store that lives as long as the scenario.
    private func run(_ scenario: @Sendable (StorageConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await scenario(StorageConformance { store })
        }
    }

    @Test("capture stores every event with its hash and record time") func capture() async throws {
        try await run { try await $0.captureStoresEveryEvent() }
    }

    @Test("a document with an invalid event stores nothing") func invalid() async throws {
        try await run { try await $0.invalidDocumentStoresNothing() }
    }

    @Test("a re-sent document is refused as a duplicate") func resent() async throws {
        try await run { try await $0.resentDocumentIsRefused() }
    }

    @Test("the same event under another eventID is refused by its hash") func sameEvent() async throws {
        try await run { try await $0.sameEventUnderAnotherIDIsRefused() }
    }

    @Test("proceed stores the new events and reports the duplicates") func proceed() async throws {
        try await run { try await $0.proceedStoresTheRest() }
    }

    @Test("an error declaration is stored beside the event it corrects") func errorDeclaration() async throws {
        try await run { try await $0.errorDeclarationKeepsTheEventID() }
    }

    @Test("queries page with tokens that belong to the query") func paging() async throws {
        try await run { try await $0.queriesPageWithTokens() }
    }

    @Test("a query by identifier finds the item in either spelling") func byIdentifier() async throws {
        try await run { try await $0.queryByIdentifier() }
    }

    @Test("a document of several capture batches is stored all or nothing")
    func largeDocument() async throws {
        try await run { try await $0.largeDocumentIsAllOrNothing() }
    }

    @Test("two events of one document may not share an eventID") func eventIDTwice() async throws {
        try await run { try await $0.eventIDTwiceInADocumentIsRefused() }
    }
}

/// Every recall scenario against PostgreSQL, each in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresRecallStoreTests {
    private func run(_ scenario: @Sendable (RecallConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await scenario(RecallConformance { store })
        }
    }

    @Test("a recorded recall reads back whole") func readsBack() async throws {
        try await run { try await $0.recordedRecallReadsBack() }
    }

    @Test("traced identifiers are recalled in any spelling") func traced() async throws {
        try await run { try await $0.tracedIdentifiersAreRecalled() }
    }

    @Test("an acknowledgement marks the party's rows only") func acknowledge() async throws {
        try await run { try await $0.acknowledgementMarksThePartysRows() }
    }

    @Test("acknowledging an unknown recall or party is refused") func unknown() async throws {
        try await run { try await $0.acknowledgementOfUnknownIsRefused() }
    }

    @Test("an invalid or duplicate recall stores nothing") func invalid() async throws {
        try await run { try await $0.invalidRecallStoresNothing() }
    }

    @Test("recalls list newest first") func list() async throws { try await run { try await $0.recallsListNewestFirst() } }
}
