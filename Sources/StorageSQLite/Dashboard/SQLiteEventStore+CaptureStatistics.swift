public import Foundation
import GRDB
public import Storage

/// The SQLite store's counts for the dashboard (``CaptureStatistics``): one `GROUP BY` over the record time index.
extension SQLiteEventStore: CaptureStatistics {
    public func capturedPerDay(from: Date, to: Date, offsetMinutes: Int) async throws(StorageError) -> [CapturedDay] {
        let start = SQLitePlatformRows.milliseconds(from)
        let end = SQLitePlatformRows.milliseconds(to)
        let shift = Int64(offsetMinutes) * 60_000
        return try await read { db in
            // The shifted time is positive for any record time after 1970, so integer division is the floor.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT (record_time_ms + ?) / 86400000 AS day, COUNT(*) AS events FROM event
                    WHERE record_time_ms >= ? AND record_time_ms < ? GROUP BY day ORDER BY day
                    """,
                arguments: [shift, start, end]
            ).map { row in CapturedDay(day: row["day"], count: row["events"]) }
        }
    }
}
