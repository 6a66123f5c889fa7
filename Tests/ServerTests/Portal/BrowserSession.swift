import TestSupport
import BrowserTesting
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket

/// Headless Chromium driven over the DevTools protocol (CDP) through its WebSocket: one page that navigates, fills
/// and submits forms the way a person's taps would (the browser encodes and posts the form, follows the redirect and
/// keeps the cookies), reads the DOM back and takes phone-sized screenshots.
///
/// Filling sets an input's value and submitting clicks its button, through `Runtime.evaluate`; the pages themselves
/// run no script.
struct BrowserSession: Sendable {
    let connection: Connection
    let outbound: WebSocketOutboundWriter
    let sessionID: String

    /// The DevTools connection: answers and page loads, by command ID.
    actor Connection {
        private var nextID = 1
        private var waiting: [Int: CheckedContinuation<String, any Error>] = [:]
        private var loads = 0
        private var loadWaiters: [(Int, CheckedContinuation<Void, Never>)] = []

        func newID() -> Int {
            defer { nextID += 1 }
            return nextID
        }

        func wait(_ id: Int) async throws -> String {
            try await withCheckedThrowingContinuation { waiting[id] = $0 }
        }

        func answer(_ id: Int, _ text: String) {
            waiting.removeValue(forKey: id)?.resume(returning: text)
        }

        var loadCount: Int { loads }

        func loaded() {
            loads += 1
            let ready = loadWaiters.filter { $0.0 < loads }
            loadWaiters.removeAll { $0.0 < loads }
            for (_, waiter) in ready { waiter.resume() }
        }

        func waitForLoad(after count: Int) async {
            if loads > count { return }
            await withCheckedContinuation { loadWaiters.append((count, $0)) }
        }

        func failAll(_ error: any Error) {
            for (_, waiter) in waiting { waiter.resume(throwing: error) }
            waiting = [:]
            for (_, waiter) in loadWaiters { waiter.resume() }
            loadWaiters = []
        }
    }

    /// Starts Chromium, opens one page the size of a phone, runs `body`, and ends the browser.
    static func run<T: Sendable>(
        width: Int = 390, height: Int = 844, _ body: @escaping @Sendable (BrowserSession) async throws -> T
    ) async throws -> T {
        let chromium = try Chromium.located()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-cdp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium.executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)", "about:blank",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let url = try await offThePool { () throws -> String in
            var text = ""
            while true {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { throw ChromiumError("chromium ended before it listened: \(text)") }
                text += String(decoding: data, as: UTF8.self)
                if let range = text.range(of: "ws://[^\\s]+", options: .regularExpression) {
                    return String(text[range])
                }
            }
        }
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 26
        let result = ResultBox<T>()
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: Logger(label: "cdp")) {
            inbound, outbound, _ in
            let connection = Connection()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 26) {
                            guard case .text(let text) = message else { continue }
                            guard
                                let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
                                    as? [String: Any]
                            else { continue }
                            if let id = object["id"] as? Int {
                                await connection.answer(id, text)
                            } else if object["method"] as? String == "Page.loadEventFired" {
                                await connection.loaded()
                            }
                        }
                    } catch {}
                    await connection.failAll(ChromiumError("the DevTools connection closed"))
                }
                group.addTask {
                    let root = BrowserSession(connection: connection, outbound: outbound, sessionID: "")
                    let target = try await root.command("Target.createTarget", ["url": "about:blank"])
                    let targetID = (target["targetId"] as? String) ?? ""
                    let attached = try await root.command(
                        "Target.attachToTarget", ["targetId": targetID, "flatten": true])
                    let page = BrowserSession(
                        connection: connection, outbound: outbound, sessionID: (attached["sessionId"] as? String) ?? "")
                    _ = try await page.command("Page.enable", [:])
                    _ = try await page.command("Emulation.setDeviceMetricsOverride", [
                        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true,
                    ])
                    await result.set(try await body(page))
                    try await outbound.close(.normalClosure, reason: nil)
                }
                try await group.next()
                try await group.next()
            }
        }
        guard let value = await result.value else { throw ChromiumError("the browser session ended without a result") }
        return value
    }

    /// Sends a command and waits for its result (the `result` object), or throws its error.
    @discardableResult
    func command(_ method: String, _ parameters: [String: any Sendable]) async throws -> [String: Any] {
        let id = await connection.newID()
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if !sessionID.isEmpty { message["sessionId"] = sessionID }
        let data = try JSONSerialization.data(withJSONObject: message)
        async let answer = connection.wait(id)
        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
        let text = try await answer
        let object = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        if let error = object["error"] as? [String: Any] {
            throw ChromiumError("\(method): \(error["message"] ?? error)")
        }
        return (object["result"] as? [String: Any]) ?? [:]
    }

    /// Opens a URL and waits until it has loaded.
    func open(_ url: String) async throws {
        let before = await connection.loadCount
        try await command("Page.navigate", ["url": url])
        await connection.waitForLoad(after: before)
    }

    /// Evaluates JavaScript in the page; its value as text.
    @discardableResult
    func evaluate(_ expression: String) async throws -> String {
        let result = try await command(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw ChromiumError("script failed: \(exception["text"] ?? exception)")
        }
        let value = (result["result"] as? [String: Any])?["value"]
        return value.map { "\($0)" } ?? ""
    }

    /// Sets the value of the form control `selector` finds (an input or a select), as typing or choosing would.
    func fill(_ selector: String, _ value: String) async throws {
        let found = try await evaluate("""
            (() => { const e = document.querySelector(\(Self.literal(selector))); if (!e) return "missing";
              e.value = \(Self.literal(value));
              return e.value === \(Self.literal(value)) ? "ok" : "refused:" + e.value })()
            """)
        guard found == "ok" else { throw ChromiumError("fill \(selector): \(found)") }
    }

    /// Chooses the option of a select whose text contains `text`.
    func choose(_ selector: String, _ text: String) async throws {
        let found = try await evaluate("""
            (() => { const s = document.querySelector(\(Self.literal(selector))); if (!s) return "missing";
              const o = [...s.options].find(o => o.text.includes(\(Self.literal(text)))); if (!o) return "no option";
              s.value = o.value; return "ok" })()
            """)
        guard found == "ok" else { throw ChromiumError("choose \(text) in \(selector): \(found)") }
    }

    /// Puts a file into a file input, as choosing a photo would.
    func setFile(_ selector: String, _ path: String) async throws {
        let result = try await command(
            "Runtime.evaluate", ["expression": "document.querySelector(\(Self.literal(selector)))"])
        guard let object = (result["result"] as? [String: Any])?["objectId"] as? String else {
            throw ChromiumError("no file input \(selector)")
        }
        try await command("DOM.setFileInputFiles", ["files": [path], "objectId": object])
    }

    /// Fills the number input that the label with `text` names (the lots' quantity fields are named by their lot).
    func fillLabelled(_ text: String, _ value: String) async throws {
        let id = try await evaluate("""
            (() => { const l = [...document.querySelectorAll('label')]
                .find(l => l.textContent.includes(\(Self.literal(text))));
              return l ? l.htmlFor : "" })()
            """)
        guard !id.isEmpty else { throw ChromiumError("no label with \(text)") }
        try await fill("#" + id, value)
    }

    /// Clicks a button or link and waits for the page it loads.
    func click(_ selector: String) async throws {
        let before = await connection.loadCount
        let found = try await evaluate("""
            (() => { const e = document.querySelector(\(Self.literal(selector))); if (!e) return "missing";
              e.click(); return "ok" })()
            """)
        guard found == "ok" else { throw ChromiumError("click \(selector): \(found)") }
        await connection.waitForLoad(after: before)
    }

    /// The page's DOM as HTML.
    func dom() async throws -> String { try await evaluate("document.documentElement.outerHTML") }

    /// The page's text.
    func text() async throws -> String { try await evaluate("document.body.innerText") }

    /// The page's URL.
    func location() async throws -> String { try await evaluate("location.href") }

    /// A PNG of the whole page at phone width.
    func screenshot() async throws -> Data {
        let result = try await command("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true])
        return Data(base64Encoded: (result["data"] as? String) ?? "") ?? Data()
    }

    /// A JavaScript string literal.
    static func literal(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

/// A value handed out of the WebSocket handler.
actor ResultBox<T: Sendable> {
    var value: T?
    func set(_ value: T) { self.value = value }
}
