public import EPCIS
import GRDB
import Storage
public import TraceEngine

/// The SQLite store as a ``TraceEngine/SectorEventSource``: event bodies a page of rows at a time, and the master
/// data (docs/decisions/0017-sector-rules.md).
extension SQLiteEventStore: SectorEventSource {
    /// Every vocabulary element with its attributes.
    public func sectorMasterData() async throws -> [Vocabulary] {
        try await allVocabularies()
    }

    /// Hands every event's body, decoded, with its ID, in capture order.
    public func scanSectorEvents(
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)]) async -> Void
    ) async throws {
        var after: Int64 = 0
        while true {
            let from = after
            let rows: [(row: Int64, id: String, body: String)] = try await read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, event_id, body FROM event WHERE id > ? ORDER BY id LIMIT 4000",
                    arguments: [from]
                ).map { row in (row["id"], row["event_id"], row["body"]) }
            }
            // Bodies are decoded on every core.
            let events = try concurrentChunks(rows.count) { range in
                try range.map { (try SQLiteEventDecoding.decode(rows[$0].body), rows[$0].id) }
            }
            guard let last = rows.last else { return }
            after = last.row
            await page(events)
        }
    }
}
