import EPCIS
import Logging
import PostgresNIO
import Storage

/// Answers one page of a SimpleEventQuery, as the SQLite store does: candidates narrowed by
/// ``PostgresQueryFilter`` come in the order of the query, a batch at a time, and each is checked with
/// ``EventMatcher``.
///
/// Order: capture sequence by default; `orderBy=eventTime|recordTime` in SQL (to the millisecond, ties in capture
/// order), with keyset paging after the last row. `orderBy` an extension field is sorted in Swift over every match,
/// and its token holds the position.
struct PostgresQueryRunner {
    let query: EPCISQuery
    let page: PageRequest
    let connection: PostgresConnection
    let logger: Logger

    /// Candidates read per statement.
    static let batchSize = 512

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

    func run() async throws -> EventPage {
        let fingerprint = PageToken.fingerprint(of: query)
        let token = try page.token.map { (text: String) throws(StorageError) in
            try PageToken(text, fingerprint: fingerprint)
        }
        let masterData: any MasterDataLookup =
            needsMasterData
            ? try await PostgresMasterData(connection: connection, logger: logger) : InMemoryMasterData()
        let matcher = EventMatcher(masterData: masterData)
        let filter = PostgresQueryFilter(query.predicates)
        if case .field = order {
            return try await fieldOrdered(matcher: matcher, filter: filter, token: token, fingerprint: fingerprint)
        }
        if token == nil, let max = query.maxEventCount {
            var count = 0
            try await scan(filter: filter, matcher: matcher, after: nil) { _, _, _ in
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
            try await scan(filter: filter, matcher: matcher, after: token) { event, row, key in
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
        filter: PostgresQueryFilter, matcher: EventMatcher, after: PageToken?,
        _ body: (StoredEvent, Int64, Int64) throws -> Bool
    ) async throws {
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
            var statement = filter
            var sql =
                "SELECT event.id, \(keyColumn) AS sort_key, event.event_id, event.hash_id, event.body FROM event"
                + " WHERE (\(filter.sql))"
            if let cursor {
                let key = statement.nextPlaceholder
                statement.bindings.append(cursor.key)
                let row = statement.nextPlaceholder
                statement.bindings.append(cursor.row)
                switch order {
                case .column(_, let descending):
                    sql +=
                        " AND (\(keyColumn) \(descending ? "<" : ">") \(key) OR (\(keyColumn) = \(key)"
                        + " AND event.id > \(row)))"
                default:
                    sql += " AND event.id > \(row)"
                }
            }
            sql += " ORDER BY \(orderSQL) LIMIT \(Self.batchSize)"
            // The SQL holds column names and placeholders only; every value is in the bindings.
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: statement.bindings), logger: logger)
            var count = 0
            var stop = false
            for try await (id, key, eventID, hashID, text) in rows.decode((Int64, Int64, String, String, ByteBuffer).self) {
                count += 1
                guard !stop else { continue }
                cursor = (id, key)
                let stored = try PostgresEventDecoding.storedEvent(eventID: eventID, hashID: hashID, body: text)
                guard matcher.matches(stored.event, query) else { continue }
                if try !body(stored, id, key) { stop = true }
            }
            if stop || count < Self.batchSize { return }
        }
    }

    /// `orderBy` an extension field: every match sorted by ``EventMatcher``, paged by position.
    private func fieldOrdered(
        matcher: EventMatcher, filter: PostgresQueryFilter, token: PageToken?, fingerprint: String
    ) async throws -> EventPage {
        var candidates: [StoredEvent] = []
        try await scan(filter: filter, matcher: matcher, after: nil) { event, _, _ in
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
