import Storage
import EPCIS
import PostgresNIO

/// The SQL `WHERE` condition that narrows a SimpleEventQuery to candidate events with indexed look-ups: the same
/// translation as the SQLite store's filter, in PostgreSQL (`= ANY($n)` over bound arrays).
///
/// Every value is bound (`$n`); the SQL text holds only column names and placeholders, which is why it may be
/// handed to `PostgresQuery(unsafeSQL:binds:)`. The condition is exact or looser than the query, never stricter:
/// the runner checks each candidate with ``EventMatcher``, which stays the one definition of the semantics.
/// Translated: eventType, eventTime and recordTime (to the millisecond, widened where sub-millisecond digits
/// matter), action, bizStep, disposition, readPoint and bizLocation without descendants, transformationID, every
/// `MATCH_` parameter, eventID, error declarations (their existence), bizTransaction, source, destination.
/// Checked in Swift only: `WD_` hierarchies, quantities, persistent dispositions, error declaration details,
/// extension, ILMD and sensor fields, `HASATTR_`/`EQ_ATTR_`.
struct PostgresQueryFilter {
    /// The condition on table `event` (`TRUE` when nothing narrows).
    var sql: String
    /// The values of its placeholders as text, in order (for tests and logs).
    var values: [String] = []
    /// The bound values, in placeholder order.
    var bindings = PostgresBindings()

    private var clauses: [String] = []

    init(_ predicates: [QueryPredicate]) {
        sql = "TRUE"
        for predicate in predicates { add(predicate) }
        if !clauses.isEmpty { sql = clauses.joined(separator: " AND ") }
    }

    /// Events with a non-empty sensorElementList (the capture sets the column; bodies are compressed, and every
    /// sensor predicate, unit conversion included, is then decided by ``EventMatcher``).
    static let hasSensorData = "event.has_sensor_data"

    /// The placeholder of the next bound value.
    var nextPlaceholder: String { "$\(bindings.count + 1)" }

    private mutating func add(_ predicate: QueryPredicate) {
        switch predicate {
        case .eventType(let types): among("event.event_type", types.map(\.rawValue))
        case .eventTime(let op, let time): compare("event.event_time_ms", op, time)
        case .recordTime(let op, let time): compare("event.record_time_ms", op, time)
        case .action(let actions): among("event.action", actions.map(\.rawValue))
        case .bizStep(let uris): among("event.biz_step", Array(uris))
        case .disposition(let uris): among("event.disposition", Array(uris))
        case .readPoint(let ids, false): among("event.read_point", Array(ids))
        case .bizLocation(let ids, false): among("event.biz_location", Array(ids))
        case .transformationID(let ids): among("event.transformation_id", Array(ids))
        case .identifier(let field, let patterns): identifiers(field, patterns)
        case .eventID(let ids): among("event.event_id", Array(ids))
        case .errorDeclarationExists, .errorDeclarationTime, .errorReason, .correctiveEventID:
            clauses.append("event.has_error_declaration")
        case .bizTransaction(_, let ids) where ids.isEmpty: clauses.append(Self.nothing)
        case .bizTransaction(let type, let ids):
            let type = bind(type)
            let ids = bind(ids.sorted())
            clauses.append(
                "event.id IN (SELECT event_row FROM event_biz_transaction WHERE type = \(type)"
                    + " AND transaction_id = ANY(\(ids)))")
        case .source(let type, let ids): party("source", type, ids)
        case .destination(let type, let ids): party("destination", type, ids)
        case .sensorElementExists, .sensorReport, .sensorTime, .sensorValue, .percRank:
            // Only an event with sensor data can match.
            if !clauses.contains(Self.hasSensorData) { clauses.append(Self.hasSensorData) }
        default: break
        }
    }

    /// The condition of a predicate over an empty set, which no event satisfies (said outright rather than by
    /// binding an empty array).
    private static let nothing = "FALSE"

    private mutating func among(_ column: String, _ items: [String]) {
        guard !items.isEmpty else { return clauses.append(Self.nothing) }
        let placeholder = bind(items.sorted())
        clauses.append("\(column) = ANY(\(placeholder))")
    }

    private mutating func compare(_ column: String, _ op: Comparison, _ time: EPCISDateTime) {
        let low = EventRecord.milliseconds(time)
        // Rows hold whole milliseconds; a bound with sub-millisecond digits is widened to the enclosing millisecond.
        let high = time.nanoseconds % 1_000_000 == 0 ? low : low + 1
        switch op {
        case .equal:
            let low = bind(low)
            let high = bind(high)
            clauses.append("\(column) BETWEEN \(low) AND \(high)")
        case .greater, .greaterOrEqual: clauses.append("\(column) >= \(bind(low))")
        // Strictly less is exact on whole milliseconds (`LT_recordTime` at a month's first millisecond leaves that
        // month's partition out of the plan); less or equal keeps the bound's own millisecond.
        case .less: clauses.append("\(column) < \(bind(high))")
        case .lessOrEqual: clauses.append("\(column) <= \(bind(high))")
        }
    }

    private mutating func party(_ direction: String, _ type: String, _ ids: Set<String>) {
        guard !ids.isEmpty else { return clauses.append(Self.nothing) }
        let ids = bind(ids.sorted())
        let direction = bind(direction)
        let type = bind(type)
        clauses.append(
            "event.id IN (SELECT event_row FROM event_party WHERE party = ANY(\(ids))"
                + " AND direction = \(direction) AND type = \(type))")
    }

    private mutating func identifiers(_ field: IdentifierField, _ patterns: [IdentifierPattern]) {
        let roleList: [String]
        switch field {
        case .epc: roleList = ["epc", "child"]
        case .parentID: roleList = ["parent"]
        case .inputEPC: roleList = ["input"]
        case .outputEPC: roleList = ["output"]
        case .anyEPC: roleList = ["epc", "child", "parent", "input", "output"]
        case .epcClass: roleList = ["quantity", "child_quantity"]
        case .inputEPCClass: roleList = ["input_quantity"]
        case .outputEPCClass: roleList = ["output_quantity"]
        case .anyEPCClass: roleList = ["quantity", "child_quantity", "input_quantity", "output_quantity"]
        }
        let keys = Array(
            Set(
                patterns.compactMap { pattern -> String? in
                    if case .canonicalKey(let key) = pattern.match { return key }
                    return nil
                })
        ).sorted()
        guard !patterns.isEmpty else { return }
        let roles = bind(roleList)
        var alternatives: [String] = []
        if !keys.isEmpty {
            alternatives.append(
                "SELECT event_row FROM event_identifier WHERE key = ANY(\(bind(keys))) AND role = ANY(\(roles))")
        }
        for pattern in patterns {
            guard case .primaryKey(let ai, let digits, let offset) = pattern.match else { continue }
            let aiPlaceholder = bind(ai)
            if digits.isEmpty {
                alternatives.append(
                    "SELECT event_row FROM event_identifier WHERE ai = \(aiPlaceholder) AND role = ANY(\(roles))")
            } else {
                // substr compares digits whatever the collation (a `< digits || U+FFFF` bound depends on it).
                let start = bind(Int64(offset + 1))
                let length = bind(Int64(digits.count))
                let digits = bind(digits)
                alternatives.append(
                    "SELECT event_row FROM event_identifier WHERE ai = \(aiPlaceholder)"
                        + " AND substr(ai_value, \(start)::int, \(length)::int) = \(digits) AND role = ANY(\(roles))")
            }
        }
        clauses.append("event.id IN (" + alternatives.joined(separator: " UNION ") + ")")
    }

    private mutating func bind(_ items: [String]) -> String {
        let placeholder = nextPlaceholder
        values.append("{" + items.joined(separator: ",") + "}")
        bindings.append(items)
        return placeholder
    }

    private mutating func bind(_ item: String) -> String {
        let placeholder = nextPlaceholder
        values.append(item)
        bindings.append(item)
        return placeholder
    }

    private mutating func bind(_ item: Int64) -> String {
        let placeholder = nextPlaceholder
        values.append(String(item))
        bindings.append(item)
        return placeholder
    }
}
