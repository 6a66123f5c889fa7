public import EPCIS
import Foundation
public import Storage
import Testing

/// The scenarios every ``Storage/CaptureStatistics`` backend must pass, written once; each backend's test target
/// calls them from its own `@Test` functions.
public struct CaptureStatisticsConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any EventStore & CaptureStatistics

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(makeStore: @escaping @Sendable () async throws -> any EventStore & CaptureStatistics) {
        self.makeStore = makeStore
    }

    /// Events are counted per day of their record time in the time zone asked for, within the window, and days
    /// without events are left out.
    public func capturedPerDayInTimeZone() async throws {
        // Given five events recorded around midnight in China, one before and one after the window
        let store = try await makeStore()
        let captures: [(recorded: String, serials: [String])] = [
            ("2026-02-28T23:59:59+08:00", ["s-0"]), ("2026-03-01T23:30:00+08:00", ["s-1", "s-2"]),
            ("2026-03-02T00:30:00+08:00", ["s-3"]), ("2026-03-05T12:00:00+08:00", ["s-4"]),
        ]
        for capture in captures {
            let context = CaptureContext(recordTime: try #require(EPCISDateTime(capture.recorded)))
            _ = try await store.capture(
                StorageConformance.document(events: capture.serials.map(StorageConformance.shipping(serial:))),
                context: context)
        }
        let from = try #require(EPCISDateTime("2026-03-01T00:00:00+08:00")).date
        let to = try #require(EPCISDateTime("2026-03-05T00:00:00+08:00")).date
        // When counted by China's days
        let china = try await store.capturedPerDay(from: from, to: to, offsetMinutes: 480)
        // Then 23:30 and 00:30 fall on two days, and the events outside the window are not counted
        let first = CapturedDay.day(of: from, offsetMinutes: 480)
        #expect(china == [CapturedDay(day: first, count: 2), CapturedDay(day: first + 1, count: 1)])
        #expect(CapturedDay.start(of: first, offsetMinutes: 480) == from)
        // When counted by UTC days, the same three events fall on one day (2026-03-01 15:30Z and 16:30Z)
        let utc = try await store.capturedPerDay(from: from, to: to, offsetMinutes: 0)
        #expect(utc == [CapturedDay(day: CapturedDay.day(of: from, offsetMinutes: 0) + 1, count: 3)])
        // And an empty window counts nothing
        #expect(try await store.capturedPerDay(from: to, to: to, offsetMinutes: 480).isEmpty)
    }
}
