import EPCIS
import Foundation
import Testing

@Suite("Query schedules (scheduled subscriptions)")
struct QueryScheduleTests {
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: text)!
    }

    @Test("the binding's example {hour 1, minute 5} runs once a day at 01:05:00 UTC")
    func dailyExample() throws {
        let schedule = try QuerySchedule(fields: ["hour": "1", "minute": "5"])
        #expect(schedule.next(after: Self.utc("2026-12-03T20:40:00Z")) == Self.utc("2026-12-04T01:05:00Z"))
        #expect(schedule.next(after: Self.utc("2026-12-04T01:04:59Z")) == Self.utc("2026-12-04T01:05:00Z"))
        // Strictly after: a run at 01:05:00 waits for the next day, not the next second of that minute.
        #expect(schedule.next(after: Self.utc("2026-12-04T01:05:00Z")) == Self.utc("2026-12-05T01:05:00Z"))
        #expect(schedule.matches(Self.utc("2026-12-04T01:05:00Z")))
        #expect(!schedule.matches(Self.utc("2026-12-04T01:05:01Z")))
    }

    @Test("lists, [low-high] ranges, steps and *")
    func listsAndRanges() throws {
        let schedule = try QuerySchedule(fields: ["minute": "0,[30-32]", "hour": "[9-10]"])
        let after = Self.utc("2026-12-03T09:00:00Z")
        var times: [Date] = []
        var last = after
        for _ in 0..<9 {
            last = try #require(schedule.next(after: last))
            times.append(last)
        }
        #expect(
            times == [
                "09:30", "09:31", "09:32", "10:00", "10:30", "10:31", "10:32",
            ].map { Self.utc("2026-12-03T\($0):00Z") } + ["09:00", "09:30"].map { Self.utc("2026-12-04T\($0):00Z") })
        let everyThirty = try QuerySchedule(fields: ["second": "0/30"])
        #expect(everyThirty.next(after: Self.utc("2026-12-03T09:00:10Z")) == Self.utc("2026-12-03T09:00:30Z"))
        #expect(everyThirty.next(after: Self.utc("2026-12-03T09:00:30Z")) == Self.utc("2026-12-03T09:01:00Z"))
        let quarterly = try QuerySchedule(fields: ["minute": "*/15"])
        #expect(quarterly.next(after: Self.utc("2026-12-03T09:16:00Z")) == Self.utc("2026-12-03T09:30:00Z"))
    }

    @Test("days: dayOfWeek counts 1 for Monday; dayOfMonth skips months without that day; both must match")
    func days() throws {
        // 2026-12-03 is a Thursday.
        let mondays = try QuerySchedule(fields: ["dayOfWeek": "1"])
        #expect(mondays.next(after: Self.utc("2026-12-03T12:00:00Z")) == Self.utc("2026-12-07T00:00:00Z"))
        let sundays = try QuerySchedule(fields: ["dayOfWeek": "7", "hour": "6"])
        #expect(sundays.next(after: Self.utc("2026-12-03T12:00:00Z")) == Self.utc("2026-12-06T06:00:00Z"))
        let thirtyFirst = try QuerySchedule(fields: ["dayOfMonth": "31"])
        #expect(thirtyFirst.next(after: Self.utc("2027-01-31T00:00:00Z")) == Self.utc("2027-03-31T00:00:00Z"))
        let leapDay = try QuerySchedule(fields: ["month": "2", "dayOfMonth": "29"])
        #expect(leapDay.next(after: Self.utc("2026-12-03T00:00:00Z")) == Self.utc("2028-02-29T00:00:00Z"))
        // Friday the 13th: both fields must hold (2027-08-13 is the first after this date).
        let friday13 = try QuerySchedule(fields: ["dayOfMonth": "13", "dayOfWeek": "5"])
        #expect(friday13.next(after: Self.utc("2026-12-03T00:00:00Z")) == Self.utc("2027-08-13T00:00:00Z"))
        let never = try QuerySchedule(fields: ["month": "2", "dayOfMonth": "30"])
        #expect(never.next(after: Self.utc("2026-12-03T00:00:00Z")) == nil)
    }

    @Test("bad schedules are refused, naming the field and the rule")
    func refused() {
        let cases: [([String: String], String, String)] = [
            (["minute": "60"], "minute", "60 is outside 0 to 59"),
            (["hour": "24"], "hour", "24 is outside 0 to 23"),
            (["dayOfWeek": "0"], "dayOfWeek", "0 is outside 1 to 7"),
            (["dayOfMonth": "[5-2]"], "dayOfMonth", "runs backwards"),
            (["second": "1;2"], "second", "is not a list of numbers"),
            (["minute": "[1-]"], "minute", "is not a list of numbers"),
            (["fortnight": "1"], "fortnight", "is not a schedule field"),
            ([:], "schedule", "needs at least one field"),
        ]
        for (fields, parameter, words) in cases {
            let error = #expect(throws: QueryParameterError.self) { try QuerySchedule(fields: fields) }
            #expect(error?.parameter == parameter)
            #expect(error?.message.contains(words) == true, "\(fields): \(error?.message ?? "")")
        }
    }

    @Test("the fields read back as written")
    func fieldTexts() throws {
        let schedule = try QuerySchedule(fields: ["hour": "1", "minute": "5,[30-35]"])
        #expect(schedule.fieldTexts == ["hour": "1", "minute": "5,[30-35]"])
        #expect(try QuerySchedule(fields: schedule.fieldTexts) == schedule)
    }
}
