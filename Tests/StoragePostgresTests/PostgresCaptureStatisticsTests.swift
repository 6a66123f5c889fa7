import Storage
import StoragePostgres
import StorageTesting
import Testing

/// Every dashboard count scenario against PostgreSQL, in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresCaptureStatisticsTests {
    @Test("events are counted per day of their record time in the time zone asked for")
    func perDay() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await CaptureStatisticsConformance { store }.capturedPerDayInTimeZone()
        }
    }
}
