public import EPCIS
import Logging
import PostgresNIO
import Storage
public import TraceEngine

/// The PostgreSQL store as a ``TraceEngine/SectorEventSource``: event bodies a page of rows at a time, and the
/// master data (docs/decisions/0017-sector-rules.md).
extension PostgresEventStore: SectorEventSource {
    /// Every vocabulary element with its attributes.
    public func sectorMasterData() async throws -> [Vocabulary] {
        try await allVocabularies()
    }

    /// Hands every event's body, decoded, with its ID, in capture order.
    public func scanSectorEvents(
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)]) async -> Void
    ) async throws {
        let logger = logger
        var after: Int64 = 0
        while true {
            let from = after
            let rows: [(row: Int64, eventID: String, hashID: String, body: String)] = try await withConnection {
                connection in
                let rows = try await connection.query(
                    "SELECT id, event_id, hash_id, body FROM event WHERE id > \(from) ORDER BY id LIMIT 4000",
                    logger: logger)
                var read: [(row: Int64, eventID: String, hashID: String, body: String)] = []
                for try await row in rows.decode((Int64, String, String, String).self) { read.append(row) }
                return read
            }
            // Bodies are decoded on every core.
            let events = try concurrentChunks(rows.count) { range in
                try range.map {
                    let row = rows[$0]
                    let stored = try PostgresEventDecoding.storedEvent(
                        eventID: row.eventID, hashID: row.hashID, body: row.body)
                    return (stored.event, row.eventID)
                }
            }
            guard let last = rows.last else { return }
            after = last.row
            await page(events)
        }
    }
}
