import EPCIS
import GRDB
import Storage

/// Answers one page of a SimpleEventQuery: candidates narrowed by ``SQLiteQueryFilter`` come in order of the
/// query, a batch at a time, and each is checked with ``EventMatcher`` (which decides the predicates that SQL
/// does not, and confirms the others).
///
/// Order: capture sequence by default; `orderBy=eventTime|recordTime` in SQL (to the millisecond, ties in capture
/// order), with keyset paging after the last row. `orderBy` an extension field is sorted in Swift over every
/// match, and its token holds the position (the one case without keyset paging).
struct SQLiteQueryRunner {
    let query: EPCISQuery
    let page: PageRequest

    /// Candidates read per statement.
    private static let batchSize = 512

    private enum Order {
        case sequence
        case column(String, descending: Bool)
        case field
    }

    private var order: Order {
        switch query.orderBy {
        case nil: .sequence
        case .eventTime: .column("event_time_ms", descending: query.orderDirection == .descending)
        case .recordTime: .column("record_time_ms", descending: query.orderDirection == .descending)
        case .field: .field
        }
    }

    func run(_ db: Database) throws -> EventPage {
        let fingerprint = PageToken.fingerprint(of: query)
        let token = try page.token.map { (text: String) throws(StorageError) in
            try PageToken(text, fingerprint: fingerprint)
        }
        let masterData = try needsMasterData ? SQLiteMasterData(db) : nil
        let matcher = EventMatcher(masterData: masterData ?? InMemoryMasterData())
        // `WD_` locations narrow in SQL as the location and its descendants from master data.
        let narrowing = query.predicates.map { predicate -> QueryPredicate in
            switch (predicate, masterData) {
            case (.readPoint(let ids, true), let masterData?):
                .readPoint(masterData.withDescendants(ids), withDescendants: false)
            case (.bizLocation(let ids, true), let masterData?):
                .bizLocation(masterData.withDescendants(ids), withDescendants: false)
            default: predicate
            }
        }
        let filter = SQLiteQueryFilter(narrowing)
        if case .field = order {
            return try fieldOrdered(db, matcher: matcher, filter: filter, token: token, fingerprint: fingerprint)
        }
        if token == nil, let max = query.maxEventCount {
            var count = 0
            try scan(db, filter: filter, matcher: matcher, after: nil) { _, _, _ in
                count += 1
                return query.eventCountLimit.map { count < $0 } ?? true
            }
            if count > max {
                throw StorageError(.queryTooLarge, "maxEventCount: \(count) events match, more than \(max)")
            }
        }
        let delivered = token?.delivered ?? 0
        let remaining = query.eventCountLimit.map { $0 - delivered } ?? Int.max
        let wanted = min(page.size, max(remaining, 0))
        var found: [(event: StoredEvent, row: Int64, key: Int64)] = []
        if wanted > 0 {
            try scan(db, filter: filter, matcher: matcher, after: token) { event, row, key in
                found.append((event, row, key))
                return found.count <= wanted
            }
        }
        let events = found.prefix(wanted)
        var next: String?
        if found.count > wanted, remaining > wanted, let last = events.last {
            next =
                PageToken(
                    fingerprint: fingerprint, delivered: delivered + events.count, lastRow: last.row, lastKey: last.key
                ).text
        }
        return EventPage(events: events.map(\.event), nextPageToken: next)
    }

    private var needsMasterData: Bool {
        query.predicates.contains { predicate in
            switch predicate {
            case .readPoint(_, true), .bizLocation(_, true), .hasAttribute, .attributeEquals: true
            default: false
            }
        }
    }

    /// Reads candidates in order after `after`, hands each match to `body` until it returns false.
    private func scan(
        _ db: Database, filter: SQLiteQueryFilter, matcher: EventMatcher, after: PageToken?,
        _ body: (StoredEvent, Int64, Int64) throws -> Bool
    ) throws {
        var cursor = after.map { (row: $0.lastRow, key: $0.lastKey) }
        let keyColumn: String
        var orderSQL = "event.id"
        switch order {
        case .column(let column, let descending):
            keyColumn = "event.\(column)"
            orderSQL = "\(keyColumn) \(descending ? "DESC" : "ASC"), event.id"
        default:
            keyColumn = "event.id"
        }
        while true {
            var sql =
                "SELECT \(SQLiteEventDecoding.columns()), \(keyColumn) AS sort_key FROM event"
                + " WHERE (\(filter.sql))"
            var arguments = filter.arguments
            if let cursor {
                switch order {
                case .column(_, let descending):
                    sql += " AND (\(keyColumn) \(descending ? "<" : ">") ? OR (\(keyColumn) = ? AND event.id > ?))"
                    arguments += [cursor.key, cursor.key, cursor.row]
                default:
                    sql += " AND event.id > ?"
                    arguments += [cursor.row]
                }
            }
            sql += " ORDER BY \(orderSQL) LIMIT \(Self.batchSize)"
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            for row in rows {
                let id: Int64 = row["id"]
                let key: Int64 = row["sort_key"]
                cursor = (id, key)
                let stored = try SQLiteEventDecoding.storedEvent(row)
                guard matcher.matches(stored.event, query) else { continue }
                guard try body(stored, id, key) else { return }
            }
            if rows.count < Self.batchSize { return }
        }
    }

    /// `orderBy` an extension field: every match sorted by ``EventMatcher``, paged by position.
    private func fieldOrdered(
        _ db: Database, matcher: EventMatcher, filter: SQLiteQueryFilter, token: PageToken?,
        fingerprint: String
    ) throws -> EventPage {
        var candidates: [StoredEvent] = []
        try scan(db, filter: filter, matcher: matcher, after: nil) { event, _, _ in
            candidates.append(event)
            return true
        }
        let ordered: [StoredEvent]
        do {
            ordered = try matcher.apply(query, to: candidates, event: \.event)
        } catch {
            throw StorageError(query: error)
        }
        let start = Int(token?.lastKey ?? 0)
        guard start <= ordered.count else {
            throw StorageError(.invalidPageToken, "the page token is past the end of the result")
        }
        let events = Array(ordered[start..<min(start + page.size, ordered.count)])
        let end = start + events.count
        let next =
            end < ordered.count
            ? PageToken(fingerprint: fingerprint, delivered: end, lastRow: 0, lastKey: Int64(end)).text : nil
        return EventPage(events: events, nextPageToken: next)
    }
}

extension SQLiteEventStore {
    /// SQLite's plan for the first candidate batch of a query (`EXPLAIN QUERY PLAN`), one line per step: tests check
    /// that look-ups use the indexes.
    func queryPlan(for query: EPCISQuery) async throws(StorageError) -> [String] {
        let filter = SQLiteQueryFilter(query.predicates)
        return try await plan(
            of: "SELECT event.id FROM event WHERE (\(filter.sql)) ORDER BY event.id LIMIT 512",
            arguments: filter.arguments)
    }

    /// SQLite's plan for a statement (`EXPLAIN QUERY PLAN`), one line per step. Parameters left unbound are NULL,
    /// which does not change the plan.
    func plan(of sql: String, arguments: StatementArguments = []) async throws(StorageError) -> [String] {
        try await read { db in
            let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN \(sql)")
            statement.setUncheckedArguments(arguments)
            return try Row.fetchAll(statement).map { row in row["detail"] as String }
        }
    }
}
