import EPCIS
import GRDB
public import Storage
public import TraceEngine

/// The SQLite store as a ``TraceEngine/TraceGraphSource``: one batched look-up per frontier on the identifier
/// index (`event_identifier(term, role)`, through the terms), never a recursive query
/// (docs/decisions/0005-trace-graph-source.md).
extension SQLiteEventStore: TraceGraphSource {
    /// How many keys one `IN (…)` list binds; SQLite allows 32,766 variables, smaller lists keep plans simple.
    static let traceBatchSize = 500

    /// Every stored event naming one of the keys in an object or class role.
    /// - Parameter keys: canonical identifier keys.
    /// - Returns: the events' trace facts, each once, in capture order.
    /// - Throws: ``Storage/StorageError`` `.internalFailure` when the store fails or a body cannot be read back.
    public func events(touching keys: Set<String>) async throws -> [TraceEvent] {
        try await read { db in try Self.rows(touching: keys, in: db).map(Self.traceEvent) }
    }

    /// The event rows (``SQLiteEventDecoding/columns(_:)``) naming one of the keys, each once, in capture order:
    /// one `IN (…)` look-up on the identifier index per batch of keys (traces and a peer's evidence read the same).
    static func rows(touching keys: Set<String>, in db: Database) throws -> [Row] {
        let keys = keys.sorted()
        var seen = Set<Int64>()
        var rows: [Row] = []
        for start in stride(from: 0, to: keys.count, by: traceBatchSize) {
            let batch = Array(keys[start..<min(start + traceBatchSize, keys.count)])
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
            let found = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SQLiteEventDecoding.columns()) FROM event
                    WHERE id IN (
                        SELECT event_row FROM event_identifier
                        WHERE term IN (SELECT id FROM term WHERE text IN (\(marks))))
                    ORDER BY id
                    """,
                arguments: StatementArguments(batch))
            for row in found where seen.insert(row["id"]).inserted { rows.append(row) }
        }
        return rows.sorted { ($0["id"] as Int64) < ($1["id"] as Int64) }
    }

    /// The stored master data as the reconciler's registry (parties' licences, location owners, categories).
    /// - Returns: the registry.
    /// - Throws: ``Storage/StorageError`` `.internalFailure` when the store fails.
    public func partyRegistry() async throws(StorageError) -> PartyRegistry {
        PartyRegistry(masterData: try await allVocabularies())
    }

    /// Every vocabulary element with its attributes (the registry's and the sector rules' master data).
    /// - Throws: ``Storage/StorageError`` `.internalFailure` when the store fails.
    func allVocabularies() async throws(StorageError) -> [Vocabulary] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.vocabulary_type AS type, e.element_key AS key, a.attribute AS attribute, a.value AS value
                    FROM vocabulary_element e JOIN vocabulary_attribute a ON a.element = e.id
                    ORDER BY e.id
                    """)
            var elements: [String: [String: VocabularyElement]] = [:]
            for row in rows {
                let type: String = row["type"]
                let key: String = row["key"]
                var element = elements[type]?[key] ?? VocabularyElement(id: key)
                element.attributes.append(VocabularyAttribute(id: row["attribute"], value: .string(row["value"])))
                elements[type, default: [:]][key] = element
            }
            return elements.map { Vocabulary(type: $0.key, elements: Array($0.value.values)) }
        }
    }

    private static func traceEvent(_ row: Row) throws -> TraceEvent {
        TraceEvent(
            try SQLiteEventDecoding.decode(SQLiteEventDecoding.body(row)),
            fallbackID: try SQLiteEventDecoding.hashID(row))
    }
}
