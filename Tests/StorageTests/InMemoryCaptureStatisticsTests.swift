import Storage
import StorageTesting
import Testing

/// Every dashboard count scenario against the in-memory store (the reference).
@Suite struct InMemoryCaptureStatisticsTests {
    @Test("events are counted per day of their record time in the time zone asked for")
    func perDay() async throws {
        try await CaptureStatisticsConformance { InMemoryEventStore() }.capturedPerDayInTimeZone()
    }
}
