import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

/// `suyuan serve` as a user runs it: the binary that `swift build --build-tests` leaves in .build/debug.
@Suite("suyuan serve, the binary")
struct ServeCommandTests {
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/suyuan")
    }

    @Test("serve starts on a free port, answers /health and a keyed query, and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        // Given a store with a regulator key made by `suyuan key create`
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = "sqlite:" + folder.appendingPathComponent("s.sqlite").path
        let create = Process()
        create.executableURL = Self.binary
        create.arguments = ["key", "create", "--role", "regulator", "--store", store]
        let keyOutput = Pipe()
        create.standardOutput = keyOutput
        create.standardError = FileHandle.nullDevice
        try create.run()
        let key = String(decoding: keyOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        create.waitUntilExit()
        #expect(create.terminationStatus == 0)
        #expect(key.hasPrefix("sy_"))

        // When the server starts on port 0 (a free one, which its log names)
        let server = Process()
        server.executableURL = Self.binary
        server.arguments = ["serve", "--store", store, "--port", "0"]
        let log = Pipe()
        server.standardError = log
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var port: Int?
        var seen = ""
        while port == nil, server.isRunning {
            let chunk = log.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(seen[range].split(separator: ":").last ?? "")
            }
        }
        let found = try #require(port, "the server did not say where it listens: \(seen)")

        // Then it answers, and refuses a query without its key
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let health = try await client.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(found)/health"), timeout: .seconds(10))
            #expect(health.status.code == 200)
            var query = HTTPClientRequest(url: "http://127.0.0.1:\(found)/events")
            #expect(try await client.execute(query, timeout: .seconds(10)).status.code == 401)
            query.headers.add(name: "Authorization", value: "Bearer \(key)")
            #expect(try await client.execute(query, timeout: .seconds(10)).status.code == 200)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()

        // And SIGTERM stops it gracefully, with exit status 0
        server.terminate()
        let deadline = Date().addingTimeInterval(15)
        while server.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.isRunning)
        #expect(server.terminationStatus == 0)
    }
}
