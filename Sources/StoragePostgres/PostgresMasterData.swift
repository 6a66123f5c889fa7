import Storage
import EPCIS
import Logging
import PostgresNIO

/// CBV master data in `vocabulary_element`, `vocabulary_attribute` and `vocabulary_child`, and the
/// ``MasterDataLookup`` that `WD_`, `HASATTR_` and `EQ_ATTR_` query parameters use. The same rules as the SQLite
/// store: capturing an element that is already stored replaces its attributes and adds its children.
struct PostgresMasterData: MasterDataLookup {
    private var parents: [String: Set<String>] = [:]
    private var attributeValues: [String: [String: [String]]] = [:]

    /// Stores vocabularies; returns how many elements were stored or updated.
    static func store(_ vocabularies: [Vocabulary], on connection: PostgresConnection, logger: Logger)
        async throws -> Int
    {
        var count = 0
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = IdentifierURI(element.id).canonicalKey
                let type = vocabulary.type
                let rows = try await connection.query(
                    """
                    INSERT INTO vocabulary_element (vocabulary_type, element_key) VALUES (\(type), \(key))
                    ON CONFLICT (vocabulary_type, element_key) DO UPDATE SET element_key = EXCLUDED.element_key
                    RETURNING id
                    """, logger: logger)
                guard let id = try await rows.collect().first?.decode(Int64.self) else { continue }
                try await connection.query("DELETE FROM vocabulary_attribute WHERE element = \(id)", logger: logger)
                let attributes = element.attributes.map(\.id)
                let values = element.attributes.map { text(of: $0.value) }
                // A text[] cannot carry NULL through the binding, so an absent language travels as a flag.
                let languages = element.attributes.map { $0.value.masterDataLanguage ?? "" }
                let tagged = element.attributes.map { $0.value.masterDataLanguage != nil }
                if !attributes.isEmpty {
                    try await connection.query(
                        """
                        INSERT INTO vocabulary_attribute (element, attribute, value, language)
                        SELECT \(id), attribute, value, CASE WHEN tagged THEN language END
                        FROM unnest(
                            \(attributes)::text[], \(values)::text[], \(languages)::text[], \(tagged)::boolean[]
                        ) AS item(attribute, value, language, tagged)
                        """, logger: logger)
                }
                let children = element.children.map { IdentifierURI($0).canonicalKey }
                if !children.isEmpty {
                    try await connection.query(
                        """
                        INSERT INTO vocabulary_child (element, child_key)
                        SELECT \(id), * FROM unnest(\(children)::text[]) ON CONFLICT DO NOTHING
                        """, logger: logger)
                }
                count += 1
            }
        }
        return count
    }

    /// Loads every element's attributes and children (queries with `WD_`/`HASATTR_`/`EQ_ATTR_` only).
    init(connection: PostgresConnection, logger: Logger) async throws {
        let attributes = try await connection.query(
            """
            SELECT e.element_key, a.attribute, a.value FROM vocabulary_element e
            LEFT JOIN vocabulary_attribute a ON a.element = e.id
            """, logger: logger)
        for try await (key, attribute, value) in attributes.decode((String, String?, String?).self) {
            var values = attributeValues[key] ?? [:]
            if let attribute, let value { values[attribute, default: []].append(value) }
            attributeValues[key] = values
        }
        let children = try await connection.query(
            "SELECT e.element_key, c.child_key FROM vocabulary_child c JOIN vocabulary_element e ON e.id = c.element",
            logger: logger)
        for try await (parent, child) in children.decode((String, String).self) {
            parents[child, default: []].insert(parent)
        }
    }

    func isSameOrDescendant(_ id: String, of ancestor: String) -> Bool {
        var seen: Set<String> = []
        var frontier = [id]
        while let current = frontier.popLast() {
            if current == ancestor { return true }
            guard seen.insert(current).inserted else { continue }
            frontier.append(contentsOf: parents[current] ?? [])
        }
        return false
    }

    func attributes(of id: String) -> [String: [String]]? {
        attributeValues[id]
    }

    /// The same text as ``InMemoryMasterData`` gives a value, so that every backend compares alike.
    private static func text(of value: ExtensionValue) -> String {
        value.masterDataText
    }
}
