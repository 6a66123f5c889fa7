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

    /// Hands the bodies of the events a selection names after row `reference`, and of every error declaration after
    /// it, decoded, with their IDs, in capture order. The rows come from the term, identifier, business step and
    /// location indexes (and the partial index of error declarations), so no other body is read.
    public func scanSectorEvents(
        after reference: Int64, selecting selection: SectorSelection,
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)], _ lastReference: Int64) async -> Void
    ) async throws {
        func json(_ values: some Sequence<String>) -> String {
            let data = try? JSONSerialization.data(withJSONObject: Array(values), options: [])
            return data.flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        }
        let arguments: StatementArguments = [
            json(selection.keys), json(selection.gtins), json(selection.bizSteps.map(SectorSelection.storedBizStep)),
            json(selection.locations), reference,
        ]
        let selected: [Int64] = try await read { db in
            try Int64.fetchAll(db, sql: Self.sectorRows, arguments: arguments)
        }
        var start = 0
        while start < selected.count {
            let chunk = Array(selected[start..<min(start + 4000, selected.count)])
            start += chunk.count
            let ids = "[" + chunk.map(String.init).joined(separator: ",") + "]"
            let rows: [(row: Int64, id: String, body: String)] = try await read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(SQLiteEventDecoding.columns()) FROM event
                        WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id
                        """,
                    arguments: [ids]
                ).map { row in (row["id"], try SQLiteEventDecoding.eventID(row), try SQLiteEventDecoding.body(row)) }
            }
            // Bodies are decoded on every core.
            let events = try concurrentChunks(rows.count) { range in
                try range.map { (try SQLiteEventDecoding.decode(rows[$0].body), rows[$0].id) }
            }
            guard let last = rows.last else { continue }
            await page(events, last.row)
        }
    }

    /// The rows a ``TraceEngine/SectorSelection`` names after a row (?5): identifiers by key (?1) or GTIN (?2),
    /// business steps (?3), business locations (?4), and every error declaration.
    private static let sectorRows = """
        WITH selected_term(id) AS (
            SELECT id FROM term WHERE text IN (SELECT value FROM json_each(?1))
            UNION SELECT id FROM term WHERE ai = '01' AND ai_value IN (SELECT value FROM json_each(?2))
        )
        SELECT event_row FROM event_identifier
            WHERE term IN (SELECT id FROM selected_term) AND event_row > ?5
        UNION SELECT id FROM event
            WHERE biz_step IN (SELECT id FROM term WHERE text IN (SELECT value FROM json_each(?3))) AND id > ?5
        UNION SELECT id FROM event
            WHERE biz_location IN (SELECT id FROM term WHERE text IN (SELECT value FROM json_each(?4))) AND id > ?5
        UNION SELECT id FROM event WHERE has_error_declaration = 1 AND id > ?5
        ORDER BY 1
        """

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
