public import Foundation

/// Debian's headless Chromium, which scripts/test installs and names in `SUYUAN_CHROMIUM`: the real browser the
/// web pages are tested in.
public struct Chromium: Sendable {
    /// The browser's executable.
    public let executable: String

    /// The browser named by `SUYUAN_CHROMIUM`, else `chromium` on the PATH.
    /// - Throws: when there is none (run the tests through scripts/test, which installs it).
    public static func located() throws -> Chromium {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["SUYUAN_CHROMIUM"]].compactMap { $0 }
        for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            candidates.append("\(directory)/chromium")
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ChromiumError("no headless Chromium: set SUYUAN_CHROMIUM or run scripts/test, which installs it")
        }
        return Chromium(executable: found)
    }

    /// The DOM after the page has loaded and run, serialised as HTML (`--dump-dom`).
    /// - Parameter url: an http(s) or file URL.
    public func dumpDOM(_ url: String) throws -> String {
        String(decoding: try run(["--dump-dom", url]), as: UTF8.self)
    }

    /// A PNG screenshot of the page in a window of the given size (`--screenshot`).
    /// - Parameters:
    ///   - url: an http(s) or file URL.
    ///   - width: window width in CSS pixels (e.g. 390 for a phone).
    ///   - height: window height.
    ///   - environment: variables to set for the browser (e.g. `FONTCONFIG_FILE`, to draw with fewer fonts).
    public func screenshot(_ url: String, width: Int, height: Int, environment: [String: String] = [:]) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try run(
            ["--screenshot=\(file.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url],
            environment: environment)
        return try Data(contentsOf: file)
    }

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Data {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000",
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ChromiumError("chromium \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return data
    }
}

/// Why the browser could not be used.
public struct ChromiumError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
