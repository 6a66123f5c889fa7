public import Foundation

/// How many events were captured on one day, as counted in a time zone.
public struct CapturedDay: Hashable, Sendable {
    /// The day: whole days since 1970-01-01 in the time zone counted in.
    public var day: Int
    /// How many events were captured (by their record time) that day.
    public var count: Int

    /// Makes a day's count.
    public init(day: Int, count: Int) {
        self.day = day
        self.count = count
    }

    /// The day an instant falls on, at an offset.
    /// - Parameters:
    ///   - date: the instant.
    ///   - offsetMinutes: minutes east of UTC.
    /// - Returns: whole days since 1970-01-01 at that offset.
    public static func day(of date: Date, offsetMinutes: Int) -> Int {
        let milliseconds = RecallRecord.millisecondsSince1970(date) + Int64(offsetMinutes) * 60_000
        return Int((Double(milliseconds) / 86_400_000).rounded(.down))
    }

    /// The instant a day starts, at an offset.
    /// - Parameters:
    ///   - day: whole days since 1970-01-01 at that offset.
    ///   - offsetMinutes: minutes east of UTC.
    public static func start(of day: Int, offsetMinutes: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400 - Double(offsetMinutes) * 60)
    }
}

/// Counts of what a store holds, for the regulator's dashboard: read with an aggregate in the database, never by
/// loading the events.
public protocol CaptureStatistics: Sendable {
    /// The events captured per day (by record time, the time the platform stored them, not the time they
    /// happened), on the days of `from ..< to` that have any, ascending.
    /// - Parameters:
    ///   - from: the first instant counted.
    ///   - to: the instant after the last one counted.
    ///   - offsetMinutes: the time zone whose days are counted, in minutes east of UTC (480 for China).
    /// - Returns: one count per day that has events; days without are left out.
    func capturedPerDay(from: Date, to: Date, offsetMinutes: Int) async throws(StorageError) -> [CapturedDay]
}
