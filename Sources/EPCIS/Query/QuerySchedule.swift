public import Foundation

/// When a scheduled subscription runs (EPCIS 2.0 `QuerySchedule`: the REST binding's `schedule` object and the
/// WebSocket query parameters `second`, `minute`, `hour`, `dayOfMonth`, `month`, `dayOfWeek`).
///
/// Each field is a comma-separated list of numbers and ranges `[low-high]`, as the binding's pattern has it
/// (`"0,30"`, `"[9-17]"`, `"1,[3-5]"`); `*` and cron's steps (`"0/30"`, `"*/15"`) are read too, since the binding's
/// own example uses one. A time matches when every field matches, in UTC. A field that is left out
/// matches every value, except that the fields finer than the finest one given default to their least value, as in
/// cron: `{"hour": "1", "minute": "5"}` runs once a day at 01:05:00, not in each of the sixty seconds of that
/// minute; `{"dayOfWeek": "1"}` runs on Mondays at 00:00:00. `dayOfWeek` counts 1 for Monday to 7 for Sunday; when
/// both `dayOfMonth` and `dayOfWeek` are given, a day must match both.
public struct QuerySchedule: Hashable, Sendable {
    /// One field of the schedule: its name, its range and the allowed values as written.
    public enum Field: String, CaseIterable, Sendable {
        case second, minute, hour, dayOfMonth, month, dayOfWeek

        /// The values the field can take.
        public var range: ClosedRange<Int> {
            switch self {
            case .second, .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 1...7
            }
        }
    }

    /// The fields as given (the text of each), which is what a subscription shows and stores.
    public let fields: [Field: String]
    private let allowed: [Field: Set<Int>]

    /// Reads a schedule.
    /// - Parameter fields: field name to value, as in the REST binding's `schedule` object.
    /// - Throws: ``QueryParameterError`` naming the field and the rule: an unknown field, a value that is not a
    ///   list of numbers and `[low-high]` ranges, a number outside the field's range, a range whose low end is
    ///   above its high end, or no field at all.
    public init(fields: [String: String]) throws(QueryParameterError) {
        var parsed: [Field: String] = [:]
        var allowed: [Field: Set<Int>] = [:]
        for (name, text) in fields {
            guard let field = Field(rawValue: name) else {
                throw QueryParameterError(
                    .queryParameter, parameter: name,
                    "is not a schedule field (second, minute, hour, dayOfMonth, month, dayOfWeek)")
            }
            allowed[field] = try Self.values(text, field: field)
            parsed[field] = text
        }
        guard !parsed.isEmpty else {
            throw QueryParameterError(.queryParameter, parameter: "schedule", "needs at least one field")
        }
        // Finer fields than the finest one given run at their least value (cron's convention).
        if let finest = Field.allCases.firstIndex(where: { parsed[$0] != nil }) {
            for field in Field.allCases[..<finest] where [.second, .minute, .hour].contains(field) {
                allowed[field] = [field.range.lowerBound]
            }
        }
        self.fields = parsed
        self.allowed = allowed
    }

    /// The field values as strings keyed by field name (for JSON and storage).
    public var fieldTexts: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
    }

    /// Whether `date` (UTC, to the second) is a time of the schedule.
    public func matches(_ date: Date) -> Bool {
        let parts = Self.calendar.dateComponents([.second, .minute, .hour, .day, .month, .weekday], from: date)
        return allows(.second, parts.second!) && allows(.minute, parts.minute!) && allows(.hour, parts.hour!)
            && allows(.dayOfMonth, parts.day!) && allows(.month, parts.month!)
            && allows(.dayOfWeek, Self.isoWeekday(parts.weekday!))
    }

    /// The first time of the schedule strictly after `date`, to the second; nil when no day in the next eight
    /// years matches (`{"month": "2", "dayOfMonth": "30"}` never does).
    public func next(after date: Date) -> Date? {
        let start = date.timeIntervalSince1970.rounded(.down) + 1
        let first = Date(timeIntervalSince1970: start)
        var day = Self.calendar.startOfDay(for: first)
        let seconds = sorted(.second)
        let minutes = sorted(.minute)
        let hours = sorted(.hour)
        for _ in 0..<(366 * 8) {
            let parts = Self.calendar.dateComponents([.day, .month, .weekday], from: day)
            if allows(.dayOfMonth, parts.day!) && allows(.month, parts.month!)
                && allows(.dayOfWeek, Self.isoWeekday(parts.weekday!))
            {
                let base = day.timeIntervalSince1970
                for hour in hours {
                    for minute in minutes {
                        let minuteStart = base + Double(hour * 3600 + minute * 60)
                        if minuteStart + 59 < start { continue }
                        for second in seconds where minuteStart + Double(second) >= start {
                            return Date(timeIntervalSince1970: minuteStart + Double(second))
                        }
                    }
                }
            }
            day = Self.calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return nil
    }

    private func allows(_ field: Field, _ value: Int) -> Bool { allowed[field]?.contains(value) ?? true }

    private func sorted(_ field: Field) -> [Int] { allowed[field].map { $0.sorted() } ?? Array(field.range) }

    private static func isoWeekday(_ gregorian: Int) -> Int { gregorian == 1 ? 7 : gregorian - 1 }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The values a field's text allows: numbers and `[low-high]` ranges separated by commas.
    private static func values(_ text: String, field: Field) throws(QueryParameterError) -> Set<Int> {
        var values: Set<Int> = []
        func number(_ part: Substring) throws(QueryParameterError) -> Int {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigitCharacter), part.count <= 2, let value = Int(part)
            else {
                throw QueryParameterError(
                    .queryParameter, parameter: field.rawValue,
                    "\"\(text)\" is not a list of numbers and [low-high] ranges separated by commas")
            }
            guard field.range.contains(value) else {
                throw QueryParameterError(
                    .queryParameter, parameter: field.rawValue,
                    "\(value) is outside \(field.range.lowerBound) to \(field.range.upperBound)")
            }
            return value
        }
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            let element = element.trimmingCharacters(in: .whitespaces)[...]
            if element == "*" {
                values.formUnion(field.range)
            } else if let slash = element.firstIndex(of: "/") {
                // `start/step` and `*/step`, cron's steps: the binding's own example writes `"second": "0/30"`.
                let first = element[..<slash] == "*" ? field.range.lowerBound : try number(element[..<slash])
                let step = try number(element[element.index(after: slash)...])
                guard step > 0 else {
                    throw QueryParameterError(.queryParameter, parameter: field.rawValue, "a step must be above 0")
                }
                values.formUnion(stride(from: first, through: field.range.upperBound, by: step))
            } else if element.hasPrefix("[") && element.hasSuffix("]") {
                let bounds = element.dropFirst().dropLast().split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count == 2 else {
                    throw QueryParameterError(
                        .queryParameter, parameter: field.rawValue, "\"\(element)\" is not a range [low-high]")
                }
                let low = try number(bounds[0])
                let high = try number(bounds[1])
                guard low <= high else {
                    throw QueryParameterError(
                        .queryParameter, parameter: field.rawValue, "the range \(element) runs backwards")
                }
                values.formUnion(low...high)
            } else {
                values.insert(try number(element))
            }
        }
        return values
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
