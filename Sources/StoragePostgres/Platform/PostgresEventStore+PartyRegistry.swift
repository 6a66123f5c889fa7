public import EPCIS
import Foundation
import Logging
import PostgresNIO
public import Storage

/// The PostgreSQL store's master data read-back, party registry changes and consumer scans
/// (``PlatformStateStore``).
extension PostgresEventStore {
    /// The scans one `INSERT` carries (four array parameters, so the batch bounds the message size, not a limit).
    static let scanBatchSize = 5_000

    public func vocabularyElements(type: String) async throws(StorageError) -> [VocabularyElement] {
        let logger = logger
        return try await withConnection { connection in
            // Attributes and children come back in the order they were stored (their `id` sequence).
            var elements: [Int64: VocabularyElement] = [:]
            for try await (id, key, attribute, value, language) in try await connection.query(
                """
                SELECT e.id, e.element_key, a.attribute, a.value, a.language FROM vocabulary_element e
                LEFT JOIN vocabulary_attribute a ON a.element = e.id
                WHERE e.vocabulary_type = \(type) ORDER BY e.id, a.id
                """, logger: logger
            ).decode((Int64, String, String?, String?, String?).self) {
                var element = elements[id] ?? VocabularyElement(id: key)
                if let attribute, let value {
                    element.attributes.append(
                        VocabularyAttribute(id: attribute, value: .masterData(value, language: language)))
                }
                elements[id] = element
            }
            for try await (id, child) in try await connection.query(
                """
                SELECT c.element, c.child_key FROM vocabulary_child c JOIN vocabulary_element e ON e.id = c.element
                WHERE e.vocabulary_type = \(type) ORDER BY c.id
                """, logger: logger
            ).decode((Int64, String).self) {
                elements[id]?.children.append(child)
            }
            // Sorted in Swift: the database's collation may order text otherwise than the in-memory store.
            return elements.values.sorted { $0.id < $1.id }
        }
    }

    public func updateParty(_ element: VocabularyElement, changes: [PartyChange]) async throws(StorageError) {
        let logger = logger
        let party = Vocabulary(type: "urn:epcglobal:epcis:vtype:Party", elements: [element])
        try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                // The rows a captured master data document writes, so that queries (`EQ_ATTR_`) see the change too.
                _ = try await PostgresMasterData.store([party], on: connection, logger: logger)
                for change in changes {
                    let at = PostgresPlatformRows.milliseconds(change.changedAt)
                    try await connection.query(
                        """
                        INSERT INTO party_change (party, attribute, old_value, new_value, changed_by, changed_at_ms,
                            reason)
                        VALUES (\(change.party), \(change.attribute), \(change.oldValue), \(change.newValue),
                            \(change.changedBy), \(at), \(change.reason))
                        """, logger: logger)
                }
            }
        }
    }

    public func partyChanges(party: String?, limit: Int) async throws(StorageError) -> [PartyChange] {
        let logger = logger
        let columns = PostgresPlatformRows.partyChangeColumns
        let limit = Int64(max(0, limit))
        let query: PostgresQuery =
            if let party {
                """
                SELECT \(unescaped: columns) FROM party_change WHERE party = \(party)
                ORDER BY changed_at_ms DESC, id DESC LIMIT \(limit)
                """
            } else {
                "SELECT \(unescaped: columns) FROM party_change ORDER BY changed_at_ms DESC, id DESC LIMIT \(limit)"
            }
        return try await withConnection { connection in
            try await PostgresPlatformRows.partyChanges(query, on: connection, logger: logger)
        }
    }

    public func recordScans(_ scans: [ScanRecord]) async throws(StorageError) {
        guard !scans.isEmpty else { return }
        let logger = logger
        let batchSize = Self.scanBatchSize
        try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                for start in stride(from: 0, to: scans.count, by: batchSize) {
                    let batch = scans[start..<min(start + batchSize, scans.count)]
                    let keys = batch.map(\.key)
                    let times = batch.map { PostgresPlatformRows.milliseconds($0.at) }
                    // A text[] cannot carry NULL through the binding, so an absent origin travels as a flag.
                    let origins = batch.map { $0.origin ?? "" }
                    let known = batch.map { $0.origin != nil }
                    try await connection.query(
                        """
                        INSERT INTO consumer_scan (key, scanned_at_ms, origin)
                        SELECT key, at, CASE WHEN known THEN origin END
                        FROM unnest(\(keys)::text[], \(times)::bigint[], \(origins)::text[], \(known)::boolean[])
                            AS scan(key, at, origin, known)
                        """, logger: logger)
                }
            }
        }
    }

    public func scanSummary(key: String) async throws(StorageError) -> ScanSummary {
        let logger = logger
        return try await withConnection { connection in
            var summary = ScanSummary.none
            for try await (count, first, last) in try await connection.query(
                "SELECT count(*), min(scanned_at_ms), max(scanned_at_ms) FROM consumer_scan WHERE key = \(key)",
                logger: logger
            ).decode((Int64, Int64?, Int64?).self) {
                summary = ScanSummary(
                    count: Int(count), first: first.map(PostgresPlatformRows.date),
                    last: last.map(PostgresPlatformRows.date), origins: [])
            }
            guard summary.count > 0 else { return .none }
            for try await origin in try await connection.query(
                "SELECT DISTINCT origin FROM consumer_scan WHERE key = \(key) AND origin IS NOT NULL", logger: logger
            ).decode(String.self) {
                summary.origins.append(origin)
            }
            // Sorted in Swift: the database's collation may order text otherwise than the in-memory store.
            summary.origins.sort()
            return summary
        }
    }
}
