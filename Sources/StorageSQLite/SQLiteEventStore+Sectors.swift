public import EPCIS
import Foundation
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

    /// Hands every event's body after row `reference`, decoded, with its ID, in capture order.
    public func scanSectorEvents(
        after reference: Int64,
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)], _ lastReference: Int64) async -> Void
    ) async throws {
        var after = reference
        while true {
            let from = after
            let rows: [(row: Int64, id: String, body: String)] = try await read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT \(SQLiteEventDecoding.columns()) FROM event WHERE id > ? ORDER BY id LIMIT 4000",
                    arguments: [from]
                ).map { row in (row["id"], try SQLiteEventDecoding.eventID(row), try SQLiteEventDecoding.body(row)) }
            }
            // Bodies are decoded on every core.
            let events = try concurrentChunks(rows.count) { range in
                try range.map { (try SQLiteEventDecoding.decode(rows[$0].body), rows[$0].id) }
            }
            guard let last = rows.last else { return }
            after = last.row
            await page(events, last.row)
        }
    }

    /// The parts of the sector pass's kept state, in order; nil if none was kept.
    public func restoreSectorCheckpoint() async throws -> [[UInt8]]? {
        let parts = try await read { db in
            try Row.fetchAll(db, sql: "SELECT bytes FROM sector_checkpoint_part ORDER BY part").map { row in
                try row.withUnsafeData(atIndex: 0) { [UInt8]($0 ?? Data()) }
            }
        }
        return parts.isEmpty ? nil : parts
    }

    /// Keeps the sector pass's state in place of the last one, in one transaction.
    public func saveSectorCheckpoint(_ parts: [[UInt8]]) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sector_checkpoint_part")
            let insert = try db.cachedStatement(sql: "INSERT INTO sector_checkpoint_part (part, bytes) VALUES (?, ?)")
            for (index, part) in parts.enumerated() { try insert.execute(arguments: [index, Data(part)]) }
        }
    }
}
