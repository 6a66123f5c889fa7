import TestSupport
import BrowserTesting
import Dispatch
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing

/// The consumer page of hand-written data in headless Chromium, in Chinese and in English, at WeChat's web view
/// size: the recall banner is drawn red at the top, and Chinese text is drawn as glyphs, not as empty boxes.
@Suite("Consumer pages in Chinese and English in headless Chromium")
struct ConsumerPageLanguageBrowserTests {
    /// Measures the brand mark 溯源 (drawn in #00695c at the top left, 1.3rem): how many of its pixels there are, and
    /// the width and height of what they cover. Two CJK glyphs are each about 1 em square, so the mark is about twice
    /// as wide as high (40 × 19 px); a browser without a CJK font draws two narrow empty boxes instead (14 × 14 px).
    static func mark(_ png: Data) throws -> (pixels: Int, width: Int, height: Int) {
        let python = try requireEnvironmentValue("SUYUAN_ORACLE_PYTHON")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-mark-\(UUID().uuidString).png")
        try png.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys
            from PIL import Image
            image = Image.open(sys.argv[1]).convert("RGB")
            width, height = image.size
            def teal(p): return p[1] - p[0] > 30 and p[2] - p[0] > 25
            points = [(x, y) for y in range(min(height, 64)) for x in range(min(width, 110))
                      if teal(image.getpixel((x, y)))]
            xs = [x for x, _ in points]
            ys = [y for _, y in points]
            print(len(points), max(xs) - min(xs) + 1 if xs else 0, max(ys) - min(ys) + 1 if ys else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard process.terminationStatus == 0, numbers.count == 3 else {
            throw MissingValue(description: "the glyph check failed: \(text)")
        }
        return (numbers[0], numbers[1], numbers[2])
    }

    /// Whether a measured mark is two CJK glyphs: wider than one and a half em, about twice as wide as high.
    static func isDrawnAsGlyphs(_ mark: (pixels: Int, width: Int, height: Int)) -> Bool {
        mark.pixels > 60 && mark.width > 30 && Double(mark.width) >= 1.6 * Double(mark.height)
    }

    /// A fontconfig that knows only DejaVu (no CJK font): what a machine without the CJK font draws.
    static func latinOnlyFonts() throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-fonts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("fonts.conf")
        try """
            <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>
            <cachedir>\(folder.path)/cache</cachedir></fontconfig>
            """.write(to: config, atomically: true, encoding: .utf8)
        return ["FONTCONFIG_FILE": config.path]
    }

    @Test("at 375 and 414 px the recalled loin's page is red at the top in both languages, and 溯源 is drawn as glyphs")
    func recalledInBothLanguages() async throws {
        let chromium = try Chromium.located()
        // Given the hand-written pork chain, with the carcass lot recalled
        let server = try await ConsumerPageDataTests.server(HandWrittenDocuments.porkJSON)
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let recall = #"{"id":"https://id.gs1.org/01/06901234000016/10/CARC01","#
                + #""reason":"瘦肉精 clenbuterol 0.8 µg/kg"}"#
            #expect(try await client.send(.post, "/recalls", key: server.regulator, body: recall).status == .created)
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/screenshots")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (language, width) in [("zh-CN", 375), ("en", 414)] {
                // When the page is opened in each language at a WeChat web view's size
                let url = "http://127.0.0.1:\(port)\(HandWrittenDocuments.loinPath)?lang=\(language)"
                let dom = try await offThePool { try chromium.dumpDOM(url) }
                let shot = try await offThePool { try chromium.screenshot(url, width: width, height: 812) }
                try? shot.write(to: folder.appendingPathComponent("consumer-\(language)-phone.png"))
                // Then the banner is in the DOM in the language, and drawn red near the top
                #expect(dom.contains("id=\"recall\""))
                #expect(dom.contains(language == "en" ? "RECALLED" : "已召回"))
                let red = try await offThePool { try ConsumerPageBrowserTests.redPixels(shot) }
                #expect(red.count > 2_000, "\(language)")
                #expect(red.top >= 0 && red.top < 320, "\(language)")
                // And 溯源 is drawn as two different glyphs
                let mark = try await offThePool { try Self.mark(shot) }
                #expect(Self.isDrawnAsGlyphs(mark), "\(language): 溯源 looks like two empty boxes: \(mark)")
            }
            // And the same check sees empty boxes when the browser has no CJK font (the check can fail)
            let url = "http://127.0.0.1:\(port)\(HandWrittenDocuments.loinPath)?lang=zh-CN"
            let fonts = try Self.latinOnlyFonts()
            let boxes = try await offThePool {
                try chromium.screenshot(url, width: 375, height: 812, environment: fonts)
            }
            try? boxes.write(to: folder.appendingPathComponent("consumer-zh-CN-no-cjk-font.png"))
            let tofu = try await offThePool { try Self.mark(boxes) }
            #expect(tofu.pixels > 0)
            #expect(!Self.isDrawnAsGlyphs(tofu), "without a CJK font the check should see boxes: \(tofu)")
        }
    }
}

