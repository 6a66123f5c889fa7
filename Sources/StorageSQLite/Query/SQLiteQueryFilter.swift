import EPCIS
import GRDB
import Storage

/// The SQL `WHERE` condition that narrows a SimpleEventQuery to candidate events with indexed look-ups.
///
/// Every value is a bound argument (`?`); the SQL text holds only column names and placeholders. The condition is
/// exact or looser than the query, never stricter: the runner checks each candidate with ``EventMatcher``, which
/// stays the one definition of the semantics. Translated into SQL: eventType, eventTime and recordTime (to the
/// millisecond, loosened by one millisecond where sub-millisecond digits matter), action, bizStep, disposition,
/// readPoint and bizLocation (for `WD_`, the runner first expands the ids with their master data descendants),
/// transformationID, every `MATCH_` parameter (canonical key, or AI
/// and key digits for `urn:epc:idpat:` patterns), eventID, error declarations (their existence), bizTransaction,
/// source, destination, and for sensor parameters the presence of sensor data. Checked in Swift only, on the narrowed
/// set: quantities, persistent dispositions, error declaration details, extension, ILMD and sensor fields (values
/// compared after unit conversion), `HASATTR_`/`EQ_ATTR_`.
struct SQLiteQueryFilter {
    /// The condition on table `event` (`1` when nothing narrows).
    var sql: String
    /// The values of its placeholders, in order.
    /// The values of its placeholders as text, in order (for tests and logs).
    var values: [String]

    /// The bound arguments, in placeholder order.
    var arguments: StatementArguments { StatementArguments(bindings) }

    private var bindings: [any DatabaseValueConvertible & Sendable] = []
    private var clauses: [String] = []

    init(_ predicates: [QueryPredicate]) {
        sql = "1"
        values = []
        for predicate in predicates { add(predicate) }
        if !clauses.isEmpty { sql = clauses.joined(separator: " AND ") }
    }

    private mutating func add(_ predicate: QueryPredicate) {
        switch predicate {
        case .eventType(let types): amongTerms("event.event_type", types.map(\.rawValue))
        case .eventTime(let op, let time): compare("event.event_time_ms", op, time)
        case .recordTime(let op, let time): compare("event.record_time_ms", op, time)
        case .action(let actions): amongTerms("event.action", actions.map(\.rawValue))
        case .bizStep(let uris): amongTerms("event.biz_step", Array(uris))
        case .disposition(let uris): amongTerms("event.disposition", Array(uris))
        case .readPoint(let ids, false): amongTerms("event.read_point", Array(ids))
        case .bizLocation(let ids, false): amongTerms("event.biz_location", Array(ids))
        case .transformationID(let ids): amongTerms("event.transformation_id", Array(ids))
        case .identifier(let field, let patterns): identifiers(field, patterns)
        case .eventID(let ids): eventIDs(Array(ids))
        case .errorDeclarationExists, .errorDeclarationTime, .errorReason, .correctiveEventID:
            clauses.append("event.has_error_declaration = 1")
        case .bizTransaction(_, let ids) where ids.isEmpty: clauses.append(Self.nothing)
        case .bizTransaction(let type, let ids):
            let sorted = ids.sorted()
            clauses.append(
                "event.id IN (SELECT event_row FROM event_biz_transaction WHERE transaction_id IN "
                    + Self.terms(sorted.count) + " AND type = (SELECT id FROM term WHERE text = ?))")
            bind(sorted + [type])
        case .source(let type, let ids): party("source", type, ids)
        case .destination(let type, let ids): party("destination", type, ids)
        case .sensorElementExists, .sensorReport, .sensorTime, .sensorValue, .percRank:
            // Only an event with sensor data can match; the stored JSON body names the list when it has one.
            if !clauses.contains(Self.hasSensorData) { clauses.append(Self.hasSensorData) }
        default: break
        }
    }

    /// Events whose body holds a sensorElementList (bodies are JSON-LD, inflated by `suyuan_body`; the key is
    /// written only for a non-empty list, and every sensor predicate, unit conversion included, is then decided by
    /// ``EventMatcher``).
    static let hasSensorData = "instr(suyuan_body(event.body), '\"sensorElementList\"') > 0"

    /// The condition of a predicate over an empty set, which no event satisfies. `IN ()` with one placeholder
    /// would ask for one bound value more than there are (SQLite error 21).
    private static let nothing = "0"

    /// `(SELECT id FROM term WHERE text IN (?, …))`: the ids of `count` bound strings (``SQLiteTerms``).
    private static func terms(_ count: Int) -> String {
        "(SELECT id FROM term WHERE text IN \(SQLiteCapture.placeholders(count)))"
    }

    /// A column of term ids holding one of `items`.
    private mutating func amongTerms(_ column: String, _ items: [String]) {
        guard !items.isEmpty else { return clauses.append(Self.nothing) }
        let sorted = items.sorted()
        clauses.append("\(column) IN \(Self.terms(sorted.count))")
        bind(sorted)
    }

    /// Events whose ID is one of `ids`: a supplied ID in `event_id`, or the hash ID of an event stored without one
    /// (both bound in their stored forms, ``SQLiteCompactID``).
    private mutating func eventIDs(_ ids: [String]) {
        guard !ids.isEmpty else { return clauses.append(Self.nothing) }
        let sorted = ids.sorted()
        let marks = SQLiteCapture.placeholders(sorted.count)
        let prefixes = "(" + Array(repeating: "substr(?, 1, 8)", count: sorted.count).joined(separator: ", ") + ")"
        clauses.append(
            "(event.event_id IN \(marks) OR (substr(event.hash, 1, 8) IN \(prefixes) AND event.hash IN \(marks)"
                + " AND event.event_id IS NULL))")
        let stored = sorted.map { SQLiteCompactID.value($0) as any DatabaseValueConvertible & Sendable }
        values += sorted + sorted + sorted
        bindings += stored + stored + stored
    }

    private mutating func compare(_ column: String, _ op: Comparison, _ time: EPCISDateTime) {
        let low = EventRecord.milliseconds(time)
        // Rows hold whole milliseconds; a bound with sub-millisecond digits is widened to the enclosing millisecond.
        let high = time.nanoseconds % 1_000_000 == 0 ? low : low + 1
        switch op {
        case .equal: clauses.append("\(column) BETWEEN ? AND ?"); bindNumbers([low, high])
        case .greater, .greaterOrEqual: clauses.append("\(column) >= ?"); bindNumbers([low])
        case .less, .lessOrEqual: clauses.append("\(column) <= ?"); bindNumbers([high])
        }
    }

    private mutating func party(_ direction: String, _ type: String, _ ids: Set<String>) {
        guard !ids.isEmpty else { return clauses.append(Self.nothing) }
        let sorted = ids.sorted()
        clauses.append(
            "event.id IN (SELECT event_row FROM event_party WHERE party IN \(Self.terms(sorted.count))"
                + " AND direction = ? AND type = (SELECT id FROM term WHERE text = ?))")
        bind(sorted)
        bindNumbers([SQLiteEventCodes.direction(direction)])
        bind([type])
    }

    private mutating func identifiers(_ field: IdentifierField, _ patterns: [IdentifierPattern]) {
        let roles: [String]
        switch field {
        case .epc: roles = ["epc", "child"]
        case .parentID: roles = ["parent"]
        case .inputEPC: roles = ["input"]
        case .outputEPC: roles = ["output"]
        case .anyEPC: roles = ["epc", "child", "parent", "input", "output"]
        case .epcClass: roles = ["quantity", "child_quantity"]
        case .inputEPCClass: roles = ["input_quantity"]
        case .outputEPCClass: roles = ["output_quantity"]
        case .anyEPCClass: roles = ["quantity", "child_quantity", "input_quantity", "output_quantity"]
        }
        let codes = SQLiteEventCodes.roles(roles)
        let roleSQL = " AND role IN " + SQLiteCapture.placeholders(codes.count)
        var keys: [String] = []
        var alternatives: [String] = []
        var alternativeValues: [any DatabaseValueConvertible & Sendable] = []
        for pattern in patterns {
            switch pattern.match {
            case .canonicalKey(let key): keys.append(key)
            case .primaryKey(let ai, let digits, let offset):
                if digits.isEmpty {
                    alternatives.append("SELECT id FROM term WHERE ai = ?")
                    alternativeValues.append(ai)
                } else if offset == 0 {
                    // A prefix range on (ai, ai_value) uses the index; digits sort before ':' in every key.
                    alternatives.append("SELECT id FROM term WHERE ai = ? AND ai_value >= ? AND ai_value < ?")
                    alternativeValues += [ai, digits, digits + "\u{FFFF}"]
                } else {
                    alternatives.append("SELECT id FROM term WHERE ai = ? AND substr(ai_value, ?, ?) = ?")
                    alternativeValues += [ai, String(offset + 1), String(digits.count), digits]
                }
            }
        }
        if !keys.isEmpty {
            let sorted = Array(Set(keys)).sorted()
            alternatives.insert("SELECT id FROM term WHERE text IN \(SQLiteCapture.placeholders(sorted.count))", at: 0)
            alternativeValues = sorted.map { $0 as any DatabaseValueConvertible & Sendable } + alternativeValues
        }
        guard !alternatives.isEmpty else { return }
        // The terms first (a few rows), then their events through `event_identifier_term`.
        clauses.append(
            "event.id IN (SELECT event_row FROM event_identifier WHERE term IN ("
                + alternatives.joined(separator: " UNION ") + ")" + roleSQL + ")")
        values += alternativeValues.map { "\($0)" } + codes.map(String.init)
        bindings += alternativeValues + codes.map { $0 as any DatabaseValueConvertible & Sendable }
    }

    private mutating func bind(_ items: [String]) {
        values += items
        bindings += items.map { $0 as any DatabaseValueConvertible & Sendable }
    }

    private mutating func bindNumbers(_ items: [Int64]) {
        values += items.map(String.init)
        bindings += items.map { $0 as any DatabaseValueConvertible & Sendable }
    }
}
