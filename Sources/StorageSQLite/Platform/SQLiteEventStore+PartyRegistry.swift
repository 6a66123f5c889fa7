public import EPCIS
import Foundation
import GRDB
public import Storage

/// The SQLite store's master data read-back, party registry changes and consumer scans (``PlatformStateStore``).
extension SQLiteEventStore {
    /// The scans one `INSERT` carries (3 parameters each, well under SQLite's 32,766-parameter limit).
    static let scanBatchSize = 500

    public func vocabularyElements(type: String) async throws(StorageError) -> [VocabularyElement] {
        try await read { db in
            // Elements keep the attributes and children in the order they were stored (rowid order).
            var elements: [Int64: VocabularyElement] = [:]
            let attributes = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.element_key, a.attribute, a.value, a.language FROM vocabulary_element e
                    LEFT JOIN vocabulary_attribute a ON a.element = e.id
                    WHERE e.vocabulary_type = ? ORDER BY e.id, a.rowid
                    """,
                arguments: [type])
            for row in attributes {
                let id: Int64 = row[0]
                var element = elements[id] ?? VocabularyElement(id: row[1])
                if let attribute: String = row[2], let value: String = row[3] {
                    element.attributes.append(
                        VocabularyAttribute(id: attribute, value: .masterData(value, language: row[4])))
                }
                elements[id] = element
            }
            let children = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.element, c.child_key FROM vocabulary_child c
                    JOIN vocabulary_element e ON e.id = c.element
                    WHERE e.vocabulary_type = ? ORDER BY c.rowid
                    """,
                arguments: [type])
            for row in children { elements[row[0]]?.children.append(row[1]) }
            return elements.values.sorted { $0.id < $1.id }
        }
    }

    public func updateParty(_ element: VocabularyElement, changes: [PartyChange]) async throws(StorageError) {
        let party = Vocabulary(type: "urn:epcglobal:epcis:vtype:Party", elements: [element])
        try await write { db in
            // The rows a captured master data document writes, so that queries (`EQ_ATTR_`) see the change too.
            _ = try SQLiteMasterData.store([party], in: db)
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO party_change (party, attribute, old_value, new_value, changed_by, changed_at_ms, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for change in changes {
                try statement.execute(arguments: [
                    change.party, change.attribute, change.oldValue, change.newValue, change.changedBy,
                    SQLitePlatformRows.milliseconds(change.changedAt), change.reason,
                ])
            }
        }
    }

    public func partyChanges(party: String?, limit: Int) async throws(StorageError) -> [PartyChange] {
        let limit = max(0, limit)
        return try await read { db in
            let rows =
                if let party {
                    try Row.fetchAll(
                        db,
                        sql: "SELECT * FROM party_change WHERE party = ? ORDER BY changed_at_ms DESC, id DESC LIMIT ?",
                        arguments: [party, limit])
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM party_change ORDER BY changed_at_ms DESC, id DESC LIMIT ?",
                        arguments: [limit])
                }
            return rows.map(SQLitePlatformRows.partyChange)
        }
    }

    public func recordScans(_ scans: [ScanRecord]) async throws(StorageError) {
        guard !scans.isEmpty else { return }
        let batchSize = Self.scanBatchSize
        try await write { db in
            for start in stride(from: 0, to: scans.count, by: batchSize) {
                let batch = scans[start..<min(start + batchSize, scans.count)]
                let values = Array(repeating: "(?, ?, ?)", count: batch.count).joined(separator: ", ")
                var arguments = StatementArguments()
                for scan in batch {
                    arguments += [scan.key, SQLitePlatformRows.milliseconds(scan.at), scan.origin]
                }
                // Only placeholders are built here; every value is bound. Full batches reuse one cached statement.
                let statement = try db.cachedStatement(
                    sql: "INSERT INTO consumer_scan (key, scanned_at_ms, origin) VALUES \(values)")
                try statement.execute(arguments: arguments)
            }
        }
    }

    public func scanSummary(key: String) async throws(StorageError) -> ScanSummary {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS count, min(scanned_at_ms) AS first, max(scanned_at_ms) AS last
                    FROM consumer_scan WHERE key = ?
                    """,
                arguments: [key])
            let count: Int = row?["count"] ?? 0
            guard let row, count > 0 else { return .none }
            let origins = try String.fetchAll(
                db, sql: "SELECT DISTINCT origin FROM consumer_scan WHERE key = ? AND origin IS NOT NULL",
                arguments: [key])
            let first: Int64? = row["first"]
            let last: Int64? = row["last"]
            return ScanSummary(
                count: count, first: first.map(SQLitePlatformRows.date), last: last.map(SQLitePlatformRows.date),
                origins: origins.sorted())
        }
    }
}
