import Storage
import StorageTesting
import Testing

@Suite struct InMemoryEventStoreTests {
    let suite = StorageConformance { InMemoryEventStore() }

    @Test("capture stores every event with its hash and record time") func capture() async throws {
        try await suite.captureStoresEveryEvent()
    }

    @Test("a document with an invalid event stores nothing") func invalid() async throws {
        try await suite.invalidDocumentStoresNothing()
    }

    @Test("a re-sent document is refused as a duplicate") func resent() async throws {
        try await suite.resentDocumentIsRefused()
    }

    @Test("the same event under another eventID is refused by its hash") func sameEvent() async throws {
        try await suite.sameEventUnderAnotherIDIsRefused()
    }

    @Test("proceed stores the new events and reports the duplicates") func proceed() async throws {
        try await suite.proceedStoresTheRest()
    }

    @Test("an error declaration is stored beside the event it corrects") func errorDeclaration() async throws {
        try await suite.errorDeclarationKeepsTheEventID()
    }

    @Test("queries page with tokens that belong to the query") func paging() async throws {
        try await suite.queriesPageWithTokens()
    }

    @Test("a query by identifier finds the item in either spelling") func byIdentifier() async throws {
        try await suite.queryByIdentifier()
    }

    @Test("a document of several capture batches is stored all or nothing")
    func largeDocument() async throws {
        try await suite.largeDocumentIsAllOrNothing()
    }

    @Test("two events of one document may not share an eventID") func eventIDTwice() async throws {
        try await suite.eventIDTwiceInADocumentIsRefused()
    }
}

@Suite struct InMemoryRecallStoreTests {
    let suite = RecallConformance { InMemoryEventStore() }

    @Test("a recorded recall reads back whole") func readsBack() async throws { try await suite.recordedRecallReadsBack() }

    @Test("traced identifiers are recalled in any spelling") func traced() async throws {
        try await suite.tracedIdentifiersAreRecalled()
    }

    @Test("an acknowledgement marks the party's rows only") func acknowledge() async throws {
        try await suite.acknowledgementMarksThePartysRows()
    }

    @Test("acknowledging an unknown recall or party is refused") func unknown() async throws {
        try await suite.acknowledgementOfUnknownIsRefused()
    }

    @Test("an invalid or duplicate recall stores nothing") func invalid() async throws {
        try await suite.invalidRecallStoresNothing()
    }

    @Test("recalls list newest first") func list() async throws { try await suite.recallsListNewestFirst() }
}
