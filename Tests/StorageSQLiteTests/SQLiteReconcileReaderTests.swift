import EPCIS
import GRDB
import Storage
import Testing
import TraceEngine

@testable import StorageSQLite

/// The reconcile reader reads child rows by rowid range when they are in event-row order, and through the
/// `event_row` indexes when they are not.
@Suite struct SQLiteReconcileReaderTests {
    @Test("an identifier row appended out of event order is still read, with its event")
    func outOfOrderRowFallsBackToTheIndex() async throws {
        // Given a store with a few events, read once as a full-scan page
        let store = try SQLiteEventStore(.memory)
        let stored = try await store.capture(SQLiteFixtures.document, context: SQLiteFixtures.context).eventIDs.count
        let last = Int64(stored)
        let before = try await store.read { db in
            var reader = ReconcileColumnReader()
            return try reader.events(db, rows: .range(1, last)).map(\.event.epcs)
        }
        // When an identifier row of the first event is appended after every other event's rows
        try await store.write { db in
            try db.execute(
                sql: "INSERT INTO event_identifier (event_row, role, key) VALUES (1, 'epc', 'urn:example:late')")
        }
        let after = try await store.read { db in
            var reader = ReconcileColumnReader()
            return try reader.events(db, rows: .range(1, last)).map(\.event.epcs)
        }
        // Then the page holds it with the first event, and every other event as before
        #expect(before.count == stored && stored > 2)
        #expect(after.first == (before.first ?? []) + ["urn:example:late"])
        #expect(Array(after.dropFirst()) == Array(before.dropFirst()))
    }
}
