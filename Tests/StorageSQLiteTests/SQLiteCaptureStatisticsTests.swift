import Storage
import StorageSQLite
import StorageTesting
import Testing

/// Every dashboard count scenario against a store in memory (a `DatabaseQueue`) and in a file (a `DatabasePool`).
@Suite struct SQLiteCaptureStatisticsTests {
    @Test("events are counted per day of their record time in the time zone asked for", arguments: [false, true])
    func perDay(onDisk: Bool) async throws {
        let suite = CaptureStatisticsConformance {
            onDisk ? try SQLiteEventStore(.file(SQLiteTestFiles.newPath())) : try SQLiteEventStore(.memory)
        }
        try await suite.capturedPerDayInTimeZone()
    }
}
