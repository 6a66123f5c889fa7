import EPCIS
import Storage
import StorageSQLite
import Testing

@Suite struct SQLiteStoreTests {
    @Test("migrations are applied once, in order, and not again on reopen")
    func migrationsAppliedOnce() async throws {
        // Given a new file store
        let path = SQLiteTestFiles.newPath()
        let first = try await SQLiteEventStore(.file(path)).appliedMigrations()
        // When it is opened again
        let second = try await SQLiteEventStore(.file(path)).appliedMigrations()
        // Then
        #expect(
            first == [
                "v1-events", "v1-master-data", "v1-projections", "v2-ledger", "v3-recalls", "v4-platform",
                "v5-scheduled-subscriptions", "v6-one-event-id-index",
                "v7-event-facts-index", "v8-reconcile-checkpoint", "v9-capture-jobs", "v10-federation",
                "v11-master-data-language", "v12-consumer-reports", "v13-recall-serials", "v16-sector-checkpoint",
                "v17-ledger-tiles",
                "v18-compact-terms", "v19-error-declaration-index",
            ])
        #expect(second == first)
    }

    @Test("a file store reopened keeps its events and refuses their re-send")
    func reopenKeepsEvents() async throws {
        // Given
        let path = SQLiteTestFiles.newPath()
        let receipt = try await SQLiteEventStore(.file(path)).capture(
            SQLiteFixtures.document, context: SQLiteFixtures.context)
        // When
        let reopened = try SQLiteEventStore(.file(path))
        // Then
        let page = try await reopened.events(matching: EPCISQuery(), page: PageRequest(size: 100))
        #expect(page.events.map(\.id) == receipt.eventIDs)
        #expect(page.events.map(\.event.bizStep) == SQLiteFixtures.story.map(\.bizStep))
        await #expect(throws: StorageError.self) {
            try await reopened.capture(SQLiteFixtures.document, context: SQLiteFixtures.context)
        }
    }

    @Test("a query returns the events as captured")
    func faithful() async throws {
        let store = try SQLiteEventStore(.memory)
        _ = try await store.capture(SQLiteFixtures.document, context: SQLiteFixtures.context)
        let events = try await store.events(matching: EPCISQuery(), page: PageRequest()).events.map(\.event)
        for (stored, original) in zip(events, SQLiteFixtures.story) {
            var expected = original
            expected.recordTime = SQLiteFixtures.context.recordTime
            expected.eventID = stored.eventID
            #expect(stored == expected)
        }
    }

    @Test("a page token of a store in a file stays valid in another process's view of the same query")
    func tokenIsStable() async throws {
        let path = SQLiteTestFiles.newPath()
        _ = try await SQLiteEventStore(.file(path)).capture(SQLiteFixtures.document, context: SQLiteFixtures.context)
        let query = try EPCISQuery(parameters: [("EQ_bizStep", "shipping|receiving|packing")])
        let first = try await SQLiteEventStore(.file(path)).events(matching: query, page: PageRequest(size: 1))
        let rebuilt = try EPCISQuery(parameters: [("EQ_bizStep", "packing|receiving|shipping")])
        let second = try await SQLiteEventStore(.file(path)).events(
            matching: rebuilt, page: PageRequest(size: 5, token: first.nextPageToken))
        #expect(first.events.count + second.events.count == 3)
    }
}

@Suite struct SQLiteLargeCaptureTests {
    @Test("a capture of thousands of events keeps document order and indexes every identifier")
    func largeCapture() async throws {
        // Given 3,000 commissioning events (enough to build the rows on several cores)
        let events = (0..<3_000).map { index in
            var event = SQLiteFixtures.event(.objectEvent, index % 60, .add, "commissioning", at: SQLiteFixtures.shed)
            event.epcList = [SQLiteFixtures.item(10_000 + index)]
            return event
        }
        let store = try SQLiteEventStore(.memory)
        // When
        let receipt = try await store.capture(EPCISDocument(events: events), context: SQLiteFixtures.context)
        // Then
        let all = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 10_000))
        #expect(all.events.map(\.id) == receipt.eventIDs)
        let one = try EPCISQuery(parameters: [("MATCH_epc", SQLiteFixtures.item(12_345).text)])
        let found = try await store.events(matching: one, page: PageRequest())
        #expect(found.events.map(\.event.epcList) == [[SQLiteFixtures.item(12_345)]])
    }
}
