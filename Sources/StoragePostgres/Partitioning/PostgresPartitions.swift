import Foundation
import Logging
import PostgresNIO

/// The monthly RANGE partitions of `event` in the ``PostgresLayout/monthly`` layout: which month holds a record
/// time, and creating the months a capture needs before it writes.
enum PostgresPartitions {
    /// One calendar month in UTC: the partition's name and its bounds in milliseconds since the epoch, the lower
    /// bound included and the upper one not (as `FOR VALUES FROM … TO …` reads them).
    struct Month: Hashable, Sendable {
        var year: Int
        var month: Int

        /// The month that holds a time (milliseconds since the epoch, UTC).
        init(containing milliseconds: Int64) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
            let parts = Self.calendar.dateComponents([.year, .month], from: date)
            year = parts.year ?? 1970
            month = parts.month ?? 1
        }

        init(year: Int, month: Int) {
            self.year = year
            self.month = month
        }

        /// `event_y2026m12`.
        var name: String { "event_y\(String(format: "%04d", year))m\(String(format: "%02d", month))" }
        /// The first millisecond of the month.
        var start: Int64 { Self.milliseconds(year: year, month: month) }
        /// The first millisecond of the next month.
        var end: Int64 { next.start }
        /// The month after.
        var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }

        /// `CREATE TABLE … PARTITION OF event FOR VALUES FROM (start) TO (end)`.
        var createStatement: String {
            "CREATE TABLE \(name) PARTITION OF event FOR VALUES FROM (\(start)) TO (\(end))"
        }

        private static let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar
        }()

        private static func milliseconds(year: Int, month: Int) -> Int64 {
            let first = DateComponents(year: year, month: month, day: 1)
            let date = calendar.date(from: first) ?? Date(timeIntervalSince1970: 0)
            return Int64((date.timeIntervalSince1970 * 1_000).rounded())
        }
    }

    /// The months a capture at `recordTimes` needs: each one's own and the next, created ahead so that the first
    /// capture of a month rarely waits on DDL; in order.
    static func months(forRecordTimes times: some Sequence<Int64>) -> [Month] {
        var months: Set<Month> = []
        for time in times {
            let month = Month(containing: time)
            months.insert(month)
            months.insert(month.next)
        }
        return months.sorted { ($0.year, $0.month) < ($1.year, $1.month) }
    }

    /// The partitions of `event` that exist.
    static func existing(on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var names: Set<String> = []
        for try await name in try await connection.query(
            """
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'event'::regclass
            """, logger: logger
        ).decode(String.self) {
            names.insert(name)
        }
        return names
    }

    /// How long creating a month ahead may wait for its lock on `event` before it is left to a later capture.
    static let aheadLockTimeout = "2s"

    /// Creates the missing partitions for a capture at `recordTimes`, each in a transaction of its own before the
    /// capture's: `CREATE TABLE … PARTITION OF` locks the parent, which should not last as long as a capture, and an
    /// empty partition left by a capture that rolled back does no harm. Two captures that race are serialised by an
    /// advisory lock and the second finds the partition there.
    ///
    /// A month the capture's own rows need is waited for. A month made ahead is not: a long reader of `event` (a
    /// reconciliation) holds a lock that the DDL would queue behind, and every query after it behind the DDL, so it
    /// gives up after ``aheadLockTimeout`` and the next capture tries again.
    static func ensure(recordTimes: some Sequence<Int64>, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        let times = Array(recordTimes)
        let required = Set(times.map { Month(containing: $0) })
        let present = try await existing(on: connection, logger: logger)
        for month in months(forRecordTimes: times) where !present.contains(month.name) {
            let ahead = !required.contains(month)
            do {
                try await connection.transaction(logger: logger) { connection in
                    try await PostgresAdvisoryLock.partition.holdForTransaction(on: connection, logger: logger)
                    if ahead {
                        try await connection.query(
                            PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(aheadLockTimeout)'"), logger: logger)
                    }
                    guard !(try await existing(on: connection, logger: logger).contains(month.name)) else { return }
                    // The statement holds the month's name and bounds, computed from integers: no request text.
                    try await connection.query(PostgresQuery(unsafeSQL: month.createStatement), logger: logger)
                }
            } catch {
                guard ahead else { throw error }
                logger.notice(
                    "the partition \(month.name) made ahead waits for a later capture: \(String(reflecting: error))")
            }
        }
    }
}
