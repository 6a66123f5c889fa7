import GRDB

/// The capture's side of the `term` table: every string an event row or index row holds (identifiers, parties,
/// locations, vocabulary values, business transactions and their types) is stored once in `term` and referred to
/// by its integer `id` (docs/decisions/0026-compact-sqlite.md).
///
/// One value lives for one write transaction: the ids it remembers are those of terms that transaction can see,
/// and a rolled-back capture throws its value away with the terms it inserted.
struct SQLiteTerms {
    private let find: SQLiteRawStatement
    private let insert: SQLiteRawStatement
    private let setKey: SQLiteRawStatement
    /// Terms already looked up, by text, with whether their row holds a primary key (`ai`).
    private var known: [String: (id: Int64, hasKey: Bool)] = [:]

    init(_ db: Database) throws {
        find = try SQLiteRawStatement(db, sql: "SELECT id, ai IS NOT NULL FROM term WHERE text = ?")
        insert = try SQLiteRawStatement(db, sql: "INSERT INTO term (text, ai, ai_value) VALUES (?, ?, ?)")
        setKey = try SQLiteRawStatement(db, sql: "UPDATE term SET ai = ?, ai_value = ? WHERE id = ?")
    }

    /// The id of a term, inserted when new.
    mutating func id(_ text: String) throws -> Int64 {
        try id(text, ai: nil, aiValue: nil)
    }

    /// The id of a term when there is one (SQL NULL stays NULL).
    mutating func id(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        return try id(text, ai: nil, aiValue: nil)
    }

    /// The id of an identifier's canonical key, with the primary key (AI and value) that `urn:epc:idpat:` patterns
    /// match on. A term first met as a location or party gets its primary key the first time an event names it as
    /// an identifier.
    mutating func id(_ text: String, ai: String?, aiValue: String?) throws -> Int64 {
        let cached = known[text]
        if let found = try cached ?? stored(text) {
            if !found.hasKey, let ai {
                setKey.bind(1, ai)
                setKey.bind(2, aiValue)
                setKey.bind(3, found.id)
                try setKey.run()
                known[text] = (found.id, true)
            }
            return found.id
        }
        insert.bind(1, text)
        insert.bind(2, ai)
        insert.bind(3, ai == nil ? nil : aiValue)
        try insert.run()
        let id = insert.lastInsertedRowID
        known[text] = (id, ai != nil)
        return id
    }

    private mutating func stored(_ text: String) throws -> (id: Int64, hasKey: Bool)? {
        find.bind(1, text)
        let found = try find.firstRow { ($0.int64(at: 0), $0.int64(at: 1) == 1) }
        if let found { known[text] = found }
        return found
    }
}
