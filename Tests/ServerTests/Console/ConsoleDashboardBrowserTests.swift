import TestSupport
import BrowserTesting
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import StorageSQLite
import Testing

/// The dashboard of hand-written data drawn by headless Chromium in Chinese and in English: the capture chart's bars
/// are drawn as high as their counts, the findings chart's bars in each kind's colour, and Chinese text as glyphs.
@Suite("The console dashboard in headless Chromium")
struct ConsoleDashboardBrowserTests {
    /// What a screenshot shows of the charts: the blue capture bars (#1565c0) as their heights in pixels, left to
    /// right, and how many pixels each findings colour covers.
    struct Charts: Decodable {
        var captureBars: [Int]
        var colours: [String: Int]
    }

    static func charts(_ png: Data, colours: [String]) throws -> Charts {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-dash-\(UUID().uuidString).png")
        try png.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys
            from PIL import Image
            image = Image.open(sys.argv[1]).convert("RGB")
            width, height = image.size
            pixels = image.load()
            def near(p, c, tolerance=6): return all(abs(p[i] - c[i]) <= tolerance for i in range(3))
            def rgb(text): return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
            blue = rgb("#1565c0")
            columns = {}
            for x in range(width):
                ys = [y for y in range(height) if near(pixels[x, y], blue)]
                if len(ys) >= 3: columns[x] = len(ys)
            bars, run = [], []
            for x in sorted(columns):
                if run and x != run[-1] + 1:
                    bars.append(run)
                    run = []
                run.append(x)
            if run: bars.append(run)
            heights = [max(columns[x] for x in bar) for bar in bars if len(bar) >= 4]
            counts = {c: sum(1 for x in range(width) for y in range(height) if near(pixels[x, y], rgb(c)))
                      for c in sys.argv[2:]}
            print(json.dumps({"captureBars": heights, "colours": counts}))
            """
        return try JSONDecoder().decode(Charts.self, from: try runOraclePython(["-c", script, file.path] + colours))
    }

    /// The totals of the capture chart's bars that have events, left to right, as the page gives them.
    static func captureTotals(_ page: String) -> [Int] {
        guard let start = page.range(of: #"id="captured-chart""#),
            let end = page.range(of: "</svg>", range: start.upperBound..<page.endIndex)
        else { return [] }
        return page[start.upperBound..<end.lowerBound].components(separatedBy: #"data-total=""#).dropFirst()
            .compactMap { Int($0.prefix { $0.isNumber }) }.filter { $0 > 0 }
    }

    @Test("both charts are drawn to scale in both languages, and 溯源 and the Chinese labels are drawn as glyphs")
    func chartsInBothLanguages() async throws {
        let chromium = try Chromium.located()
        // Given the hand-written documents (five events captured today, four two days ago) and a recall, whose
        // notices to the holders are captured today too
        let server = try await ConsoleLanguageTests.server()
        try await server.app.test(.router) { client in
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            let recall = #"{"id":"\#(ConsoleDocuments.lot)","reason":"三聚氰胺 3.1 mg/kg"}"#
            #expect(try await client.send(.post, "/recalls", key: server.regulator, body: recall).status == .created)
            // And one holder's acknowledgement and a consumer's report
            let record = try #require(try await server.store.recalls(limit: 1).first)
            let holder = try #require(record.holders.first?.party)
            let ack = try await client.send(
                .post, "/recalls/\(record.id)/ack", key: try await server.partyKey(holder), body: #"{"by":"王店长"}"#)
            #expect(ack.status == .ok)
            let lot = ConsoleDocuments.lot.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let form = "key=" + lot
                + "&problem=quality&text=%E5%86%B2%E8%B0%83%E5%90%8E%E6%9C%89%E7%BB%93%E5%9D%97&lang=zh-CN"
            let reported = try await client.send(
                .post, "/report", body: form, headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(reported.status == .seeOther)
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/screenshots")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for language in ["zh-CN", "en"] {
                // When the signed-in dashboard is saved as the browser received it and drawn at a desktop's size
                let response = try await client.send(
                    .get, "/console?lang=\(language)", headers: [.cookie: cookie])
                #expect(response.status == .ok)
                let page = FileManager.default.temporaryDirectory
                    .appendingPathComponent("suyuan-dashboard-\(language)-\(UUID().uuidString).html")
                try Data(response.text.utf8).write(to: page)
                defer { try? FileManager.default.removeItem(at: page) }
                let url = page.absoluteString
                let shot = try await offThePool { try chromium.screenshot(url, width: 1280, height: 1100) }
                try? shot.write(to: folder.appendingPathComponent("console-dashboard-\(language).png"))
                // Then the capture chart has two bars, four events two days ago and today's, drawn in proportion
                let totals = Self.captureTotals(response.text)
                #expect(totals.count == 2 && totals.first == 4 && (totals.last ?? 0) >= 5 + record.holders.count,
                        "\(language): \(totals)")
                let charts = try await offThePool {
                    try Self.charts(shot, colours: ["#c62828", "#6a1b9a", "#2e7d32", "#ad1457"])
                }
                #expect(charts.captureBars.count == 2, "\(language): \(charts.captureBars)")
                if charts.captureBars.count == 2 {
                    let drawn = Double(charts.captureBars[1]) / Double(max(charts.captureBars[0], 1))
                    let counted = Double(totals.last ?? 0) / 4
                    #expect(abs(drawn - counted) < 0.08, "\(language): \(charts.captureBars)")
                    #expect(charts.captureBars[1] > 60, "\(language): \(charts.captureBars)")
                }
                // And the findings chart draws each kind found (mismatch, unknown source, unlicensed, clone)
                for (colour, count) in charts.colours { #expect(count > 40, "\(language) \(colour): \(count)") }
                // And 溯源 is drawn as two glyphs, not as empty boxes
                let mark = try await offThePool { try ConsumerPageLanguageBrowserTests.mark(shot) }
                #expect(ConsumerPageLanguageBrowserTests.isDrawnAsGlyphs(mark), "\(language): \(mark)")
            }
        }
    }
}
