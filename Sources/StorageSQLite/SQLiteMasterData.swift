import EPCIS
import GRDB
import Storage

/// CBV master data in `vocabulary_element`, `vocabulary_attribute` and `vocabulary_child`, and the
/// ``MasterDataLookup`` that `WD_`, `HASATTR_` and `EQ_ATTR_` query parameters use.
///
/// Capturing an element that is already stored replaces its attributes and adds its children (EPCIS 2.0
/// section 7.3.5.4 leaves updates to the implementation; the latest document wins).
struct SQLiteMasterData: MasterDataLookup {
    private var parents: [String: Set<String>] = [:]
    private var attributeValues: [String: [String: [String]]] = [:]

    /// Stores vocabularies; returns how many elements were stored or updated.
    static func store(_ vocabularies: [Vocabulary], in db: Database) throws -> Int {
        var count = 0
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = IdentifierURI(element.id).canonicalKey
                try db.execute(
                    sql: """
                        INSERT INTO vocabulary_element (vocabulary_type, element_key) VALUES (?, ?)
                        ON CONFLICT (vocabulary_type, element_key) DO NOTHING
                        """, arguments: [vocabulary.type, key])
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM vocabulary_element WHERE vocabulary_type = ? AND element_key = ?",
                    arguments: [vocabulary.type, key])
                guard let id else { continue }
                try db.execute(sql: "DELETE FROM vocabulary_attribute WHERE element = ?", arguments: [id])
                for attribute in element.attributes {
                    try db.execute(
                        sql: """
                            INSERT INTO vocabulary_attribute (element, attribute, value, language) VALUES (?, ?, ?, ?)
                            """,
                        arguments: [id, attribute.id, text(of: attribute.value), attribute.value.masterDataLanguage])
                }
                for child in element.children {
                    try db.execute(
                        sql: "INSERT INTO vocabulary_child (element, child_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        arguments: [id, IdentifierURI(child).canonicalKey])
                }
                count += 1
            }
        }
        return count
    }

    /// Loads every element's attributes and children (queries with `WD_`/`HASATTR_`/`EQ_ATTR_` only).
    init(_ db: Database) throws {
        let attributes = try Row.fetchAll(
            db,
            sql: """
                SELECT e.element_key, a.attribute, a.value FROM vocabulary_element e
                LEFT JOIN vocabulary_attribute a ON a.element = e.id
                """)
        for row in attributes {
            let key: String = row[0]
            var values = attributeValues[key] ?? [:]
            if let attribute: String = row[1], let value: String = row[2] {
                values[attribute, default: []].append(value)
            }
            attributeValues[key] = values
        }
        let children = try Row.fetchAll(
            db,
            sql: """
                SELECT e.element_key, c.child_key FROM vocabulary_child c
                JOIN vocabulary_element e ON e.id = c.element
                """)
        for row in children {
            parents[row[1], default: []].insert(row[0])
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

    /// `ids` and every direct or indirect child of them, so that `WD_` parameters narrow with an index too.
    func withDescendants(_ ids: Set<String>) -> Set<String> {
        var children: [String: [String]] = [:]
        for (child, parents) in parents {
            for parent in parents { children[parent, default: []].append(child) }
        }
        var result = ids
        var frontier = Array(ids)
        while let current = frontier.popLast() {
            for child in children[current] ?? [] where result.insert(child).inserted {
                frontier.append(child)
            }
        }
        return result
    }

    func attributes(of id: String) -> [String: [String]]? {
        attributeValues[id]
    }

    /// The same text as ``InMemoryMasterData`` gives a value, so that both backends compare alike.
    private static func text(of value: ExtensionValue) -> String {
        value.masterDataText
    }
}
