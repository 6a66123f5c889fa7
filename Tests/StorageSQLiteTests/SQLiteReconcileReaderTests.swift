import EPCIS
import GRDB
import Storage
import Testing
import TraceEngine

@testable import StorageSQLite

/// The reconcile reader reads the child rows of a range of events as one range of each table, which is clustered by
/// `(event_row, seq)`: a row written after later events is still read with its own event.
@Suite struct SQLiteReconcileReaderTests {
    @Test("an identifier row added to the first event after every other event's rows is read with that event")
    func rowAddedLaterIsReadWithItsEvent() async throws {
        // Given a store with a few events, read once as a full-scan page
        let store = try SQLiteEventStore(.memory)
        let stored = try await store.capture(SQLiteFixtures.document, context: SQLiteFixtures.context).eventIDs.count
        let last = Int64(stored)
        let before = try await store.read { db in
            var reader = ReconcileColumnReader()
            return try reader.events(db, rows: .range(1, last)).map(\.event.epcs)
        }
        // When an identifier row of the first event (role 1, epc) is inserted after every other event's rows
        try await store.write { db in
            try db.execute(sql: "INSERT INTO term (text) VALUES ('urn:example:late')")
            try db.execute(
                sql: """
                    INSERT INTO event_identifier (event_row, seq, role, term)
                    VALUES (1, 1000, 1, (SELECT id FROM term WHERE text = 'urn:example:late'))
                    """)
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
