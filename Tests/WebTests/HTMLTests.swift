import Foundation
import Testing
import Web

@Suite("HTML")
struct HTMLTests {
    @Test("escapes the five characters that can break out of text or an attribute")
    func escapes() {
        #expect(HTML.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTML.escape("猪肉 批次 A1") == "猪肉 批次 A1")
    }

    @Test("a document escapes its title and keeps its body")
    func document() {
        let page = HTML.document(title: "<Lot>", body: "<main>ok</main>")
        #expect(page.contains("<title>&lt;Lot&gt;</title>"))
        #expect(page.contains("<main>ok</main>"))
        #expect(page.contains(#"name="viewport""#))
    }

    @Test("utcDay agrees with Foundation's ISO 8601 day on every day from 1900 to 2100, and before 1970 too")
    func utcDay() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()
            .dateSeparator(.dash)
        for day in stride(from: 0, to: 73_049, by: 1) {
            // Late in the day, so that a rounding toward the next day would show.
            let date = start.addingTimeInterval(Double(day) * 86_400 + 86_399.5)
            guard HTML.utcDay(date) == date.formatted(style) else {
                Issue.record("\(date): \(HTML.utcDay(date)) but Foundation says \(date.formatted(style))")
                return
            }
        }
        #expect(HTML.utcDay(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(HTML.utcDay(Date(timeIntervalSince1970: -0.5)) == "1969-12-31")
    }
}
