import TestSupport
import BrowserTesting
import DemoChains
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Server
import Storage
import StorageSQLite
import Testing

@Suite("Consumer pages in headless Chromium")
struct ConsumerPageBrowserTests {
    /// Counts the pixels of the recall banner's red (#c62828) in a PNG, with the oracle Python's Pillow.
    static func redPixels(_ png: Data) throws -> (count: Int, top: Int) {
        let python = try requireEnvironmentValue("SUYUAN_ORACLE_PYTHON")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-shot-\(UUID().uuidString).png")
        try png.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys
            from PIL import Image
            image = Image.open(sys.argv[1]).convert("RGB")
            width, height = image.size
            red = [(x, y) for y in range(height) for x in range(0, width, 2)
                   if (lambda p: abs(p[0] - 198) < 12 and abs(p[1] - 40) < 12 and abs(p[2] - 40) < 12)(image.getpixel((x, y)))]
            print(len(red), min((y for _, y in red), default=-1))
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
        guard process.terminationStatus == 0, numbers.count == 2 else {
            throw MissingValue(description: "the pixel check failed: \(text)")
        }
        return (numbers[0], numbers[1])
    }

    @Test("on a phone-sized screen the recalled can shows the red banner at the top and its journey; a good can has no red")
    func bannerAndJourney() async throws {
        let chromium = try Chromium.located()
        let demo = try await DemoServer.make()
        let path = try DemoServer.path(demo.can)
        try await demo.server.app.test(.live) { client in
            let port = try #require(client.port)
            let url = "http://127.0.0.1:\(port)\(path)?lang=en"
            // Before the recall: the page renders its journey, and nothing on it is banner-red
            let dom = try await offThePool { try chromium.dumpDOM(url) }
            #expect(dom.contains("class=\"journey\""))
            #expect(dom.contains("<li><time datetime="))
            let before = try await offThePool {
                try Self.redPixels(try chromium.screenshot(url, width: 390, height: 844))
            }
            #expect(before.count == 0)
            // After the recall: the banner is in the DOM and drawn red near the top of the screen
            let body = #"{"id":"\#(demo.powderLot)","reason":"melamine 3.1 mg/kg"}"#
            #expect(try await client.send(.post, "/recalls", key: demo.server.regulator, body: body).status == .created)
            let recalledDOM = try await offThePool { try chromium.dumpDOM(url) }
            #expect(recalledDOM.contains("id=\"recall\""))
            #expect(recalledDOM.contains("RECALLED"))
            let shot = try await offThePool { try chromium.screenshot(url, width: 390, height: 844) }
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/screenshots")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? shot.write(to: folder.appendingPathComponent("consumer-recalled-phone.png"))
            let after = try await offThePool { try Self.redPixels(shot) }
            #expect(after.count > 2_000)
            #expect(after.top >= 0 && after.top < 300)
        }
    }
}

/// Reads an environment variable a test needs (scripts/test sets them).
func requireEnvironmentValue(_ name: String) throws -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        throw MissingValue(description: "\(name) is not set: run the tests through scripts/test")
    }
    return value
}
