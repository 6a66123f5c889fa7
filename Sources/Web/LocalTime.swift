public import Foundation
import EPCIS

/// An instant as people where it happened read it: the event's own `eventTimeZoneOffset`, not UTC.
public struct LocalTime: Hashable, Sendable {
    /// The instant.
    public var date: Date
    /// Minutes east of UTC.
    public var offsetMinutes: Int

    /// An instant at an offset.
    /// - Parameters:
    ///   - date: the instant.
    ///   - offsetMinutes: minutes east of UTC.
    public init(_ date: Date, offsetMinutes: Int) {
        self.date = date
        self.offsetMinutes = offsetMinutes
    }

    /// An instant at an EPCIS `eventTimeZoneOffset` (`+08:00`, `-05:30`, `Z`); UTC when the text is not one.
    /// - Parameters:
    ///   - date: the instant.
    ///   - offset: the offset text.
    public init(_ date: Date, offset: String) {
        self.init(date, offsetMinutes: Self.minutes(offset) ?? 0)
    }

    /// Minutes east of UTC of an offset text, nil when it is not one.
    public static func minutes(_ offset: String) -> Int? {
        if offset == "Z" || offset == "z" { return 0 }
        let characters = Array(offset)
        guard characters.count == 6, characters[0] == "+" || characters[0] == "-", characters[3] == ":",
            let hours = Int(String(characters[1...2])), let minutes = Int(String(characters[4...5])),
            hours <= 14, minutes < 60
        else { return nil }
        return (characters[0] == "-" ? -1 : 1) * (hours * 60 + minutes)
    }

    private var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offsetMinutes * 60
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let (year, month, day) = EPCISDateTime.civil(fromDays: days)
        let inDay = seconds - days * 86_400
        return (year, month, day, inDay / 3_600, inDay % 3_600 / 60)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The day, as the catalog writes one (`2026-03-01`, `2026年3月1日`).
    /// - Parameter catalog: the reader's catalog.
    public func day(_ catalog: MessageCatalog) -> String {
        let parts = fields
        return catalog.format("format.day", [
            "year": String(parts.year), "month": String(parts.month), "month2": Self.two(parts.month),
            "day": String(parts.day), "day2": Self.two(parts.day),
        ])
    }

    /// The day and the minute, with the zone (`2026-03-01 14:05 UTC+8`, `2026年3月1日 14:05 北京时间`).
    /// - Parameter catalog: the reader's catalog.
    public func minute(_ catalog: MessageCatalog) -> String {
        let parts = fields
        return catalog.format("format.minute", [
            "day": day(catalog), "hour": Self.two(parts.hour), "minute": Self.two(parts.minute), "zone": zone(catalog),
        ])
    }

    /// The zone: `UTC+8`, `UTC-5:30`, `UTC`; the catalog may name an offset (`北京时间` for +8).
    /// - Parameter catalog: the reader's catalog.
    public func zone(_ catalog: MessageCatalog) -> String {
        if let name = catalog.message("format.zoneNames.m\(offsetMinutes)") { return name }
        guard offsetMinutes != 0 else { return "UTC" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        let text = magnitude % 60 == 0 ? "\(magnitude / 60)" : "\(magnitude / 60):\(Self.two(magnitude % 60))"
        return "UTC\(sign)\(text)"
    }

    /// The machine-readable form for `<time datetime>`: `2026-03-01T14:05+08:00`.
    public var isoText: String {
        let parts = fields
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(parts.year)-\(Self.two(parts.month))-\(Self.two(parts.day))T\(Self.two(parts.hour)):"
            + "\(Self.two(parts.minute))\(sign)\(Self.two(magnitude / 60)):\(Self.two(magnitude % 60))"
    }
}
