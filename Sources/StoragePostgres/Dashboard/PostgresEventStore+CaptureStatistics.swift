public import Foundation
import Logging
import PostgresNIO
public import Storage

/// The PostgreSQL store's counts for the dashboard (``CaptureStatistics``): one `GROUP BY` over the record time
/// index.
extension PostgresEventStore: CaptureStatistics {
    public func capturedPerDay(from: Date, to: Date, offsetMinutes: Int) async throws(StorageError) -> [CapturedDay] {
        let logger = logger
        let start = PostgresPlatformRows.milliseconds(from)
        let end = PostgresPlatformRows.milliseconds(to)
        let shift = Int64(offsetMinutes) * 60_000
        return try await withConnection { connection in
            var days: [CapturedDay] = []
            for try await (day, count) in try await connection.query(
                """
                SELECT floor((record_time_ms + \(shift))::double precision / 86400000)::bigint AS day, count(*)
                FROM event WHERE record_time_ms >= \(start) AND record_time_ms < \(end) GROUP BY 1 ORDER BY 1
                """, logger: logger
            ).decode((Int64, Int64).self) {
                days.append(CapturedDay(day: Int(day), count: Int(count)))
            }
            return days
        }
    }
}
