public import Foundation

/// A timestamp as EPCIS carries it (xsd:dateTime with a time zone): the text as captured, and the instant it names.
///
/// EPCIS 2.0 section 7.3.5 requires an explicit offset or `Z`. The text is kept so that a document is written
/// back as it was read; comparisons and the event hash use the instant.
public struct EPCISDateTime: Hashable, Sendable, CustomStringConvertible {
    /// The timestamp as captured, e.g. `2005-04-03T20:33:31.116000-06:00`.
    public let text: String
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// The fraction of the second, in nanoseconds (0...999_999_999); digits past the ninth are dropped.
    public let nanoseconds: Int32
    /// The offset from UTC of the captured text, in minutes (0 for `Z`).
    public let utcOffsetMinutes: Int

    /// Parses an xsd:dateTime with a mandatory time zone.
    /// - Parameter text: `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`.
    /// - Returns: nil when `text` is not such a timestamp, or names no real date or time.
    public init?(_ text: String) {
        guard let parsed = Self.parse(Array(text.utf8)) else { return nil }
        self.text = text
        (epochSeconds, nanoseconds, utcOffsetMinutes) = parsed
    }

    /// Makes a timestamp for an instant, written in UTC with milliseconds (`2026-11-21T08:00:00.000Z`).
    /// - Parameter date: the instant.
    public init(_ date: Date) {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = millis - seconds * 1000
        epochSeconds = seconds
        nanoseconds = Int32(fraction * 1_000_000)
        utcOffsetMinutes = 0
        text = Self.utcText(seconds: seconds, milliseconds: Int(fraction))
    }

    /// The instant as a Foundation date (sub-microsecond precision may be lost).
    public var date: Date {
        Date(timeIntervalSince1970: Double(epochSeconds) + Double(nanoseconds) / 1_000_000_000)
    }

    /// The instant in UTC with exactly three fraction digits, truncated: `2005-04-04T02:33:31.116Z`.
    public var utcMillisecondText: String {
        Self.utcText(seconds: epochSeconds, milliseconds: Int(nanoseconds / 1_000_000))
    }

    public var description: String { text }

    /// Equal when they name the same instant with the same offset, however the text spells it.
    public static func == (lhs: EPCISDateTime, rhs: EPCISDateTime) -> Bool {
        lhs.epochSeconds == rhs.epochSeconds && lhs.nanoseconds == rhs.nanoseconds
            && lhs.utcOffsetMinutes == rhs.utcOffsetMinutes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSeconds)
        hasher.combine(nanoseconds)
        hasher.combine(utcOffsetMinutes)
    }

    /// Orders by instant.
    public static func < (lhs: EPCISDateTime, rhs: EPCISDateTime) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }
}

extension EPCISDateTime: Comparable {}

extension EPCISDateTime {
    private static func parse(_ b: [UInt8]) -> (Int64, Int32, Int)? {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = b[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
            i < b.count, b[i] == 0x54 || b[i] == 0x74
        else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2)
        else { return nil }
        var nanos = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                if count < 9 { nanos = nanos * 10 + Int(b[i] - 0x30) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 9)..<9 { nanos *= 10 }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(0x3A), let om = digits(2), oh <= 14, om < 60 else { return nil }
            offset = sign * (oh * 60 + om)
        } else {
            return nil
        }
        guard i == b.count, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour < 24 || (hour == 24 && minute == 0 && second == 0 && nanos == 0), minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset * 60)
        return (seconds, Int32(nanos), offset)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01; H. Hinnant's civil-from-days), for
    /// callers that format dates often and cannot afford ICU.
    /// - Parameter z0: days since 1970-01-01, negative before it.
    /// - Returns: the year, month (1–12) and day (1–31).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func utcText(seconds: Int64, milliseconds: Int) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = civil(fromDays: days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))"
            + ":\(pad(secondOfDay % 60, 2)).\(pad(milliseconds, 3))Z"
    }
}
