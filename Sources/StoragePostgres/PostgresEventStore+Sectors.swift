public import EPCIS
import Foundation
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

    /// Hands every event's body after row `reference`, decoded, with its ID, in capture order.
    public func scanSectorEvents(
        after reference: Int64,
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)], _ lastReference: Int64) async -> Void
    ) async throws {
        let logger = logger
        var after = reference
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
            await page(events, last.row)
        }
    }

    /// The parts of the sector pass's kept state, in order; nil if none was kept.
    public func restoreSectorCheckpoint() async throws -> [[UInt8]]? {
        let logger = logger
        let parts: [[UInt8]] = try await withConnection { connection in
            var parts: [[UInt8]] = []
            let rows = try await connection.query("SELECT bytes FROM sector_checkpoint_part ORDER BY part", logger: logger)
            for try await part in rows.decode(Data.self) { parts.append([UInt8](part)) }
            return parts
        }
        return parts.isEmpty ? nil : parts
    }

    /// Keeps the sector pass's state in place of the last one, in one transaction.
    public func saveSectorCheckpoint(_ parts: [[UInt8]]) async throws {
        let logger = logger
        let stored = parts.map { Data($0) }
        try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                try await connection.query("DELETE FROM sector_checkpoint_part", logger: logger)
                for (index, part) in stored.enumerated() {
                    try await connection.query(
                        "INSERT INTO sector_checkpoint_part (part, bytes) VALUES (\(Int32(index)), \(part))",
                        logger: logger)
                }
            }
        }
    }
}
