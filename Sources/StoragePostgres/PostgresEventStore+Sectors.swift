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

    /// Hands the bodies of the events a selection names after row `reference`, and of every error declaration after
    /// it, decoded, with their IDs, in capture order. The rows come from the identifier, business step and location
    /// indexes (and the partial index of error declarations), so no other body is read.
    public func scanSectorEvents(
        after reference: Int64, selecting selection: SectorSelection,
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)], _ lastReference: Int64) async -> Void
    ) async throws {
        let logger = logger
        let keys = Array(selection.keys)
        let gtins = Array(selection.gtins)
        let steps = selection.bizSteps.map(SectorSelection.storedBizStep)
        let locations = Array(selection.locations)
        let selected: [Int64] = try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT event_row FROM event_identifier WHERE key = ANY(\(keys)) AND event_row > \(reference)
                UNION SELECT event_row FROM event_identifier
                    WHERE ai = '01' AND ai_value = ANY(\(gtins)) AND event_row > \(reference)
                UNION SELECT id FROM event WHERE biz_step = ANY(\(steps)) AND id > \(reference)
                UNION SELECT id FROM event WHERE biz_location = ANY(\(locations)) AND id > \(reference)
                UNION SELECT id FROM event WHERE has_error_declaration AND id > \(reference)
                ORDER BY 1
                """,
                logger: logger)
            var selected: [Int64] = []
            for try await row in rows.decode(Int64.self) { selected.append(row) }
            return selected
        }
        var start = 0
        while start < selected.count {
            let chunk = Array(selected[start..<min(start + 4000, selected.count)])
            start += chunk.count
            let rows: [(row: Int64, eventID: String, hashID: String, body: ByteBuffer)] = try await withConnection {
                connection in
                let rows = try await connection.query(
                    "SELECT id, event_id, hash_id, body FROM event WHERE id = ANY(\(chunk)) ORDER BY id",
                    logger: logger)
                var read: [(row: Int64, eventID: String, hashID: String, body: ByteBuffer)] = []
                for try await row in rows.decode((Int64, String, String, ByteBuffer).self) { read.append(row) }
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
            guard let last = rows.last else { continue }
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
