import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// An idle server is idle: with nothing to do, `suyuan serve` sleeps instead of polling.
@Suite("An idle server", .enabled(if: SuyuanBinary.canRun, "needs the built binary"))
struct IdleServerTests {
    /// The process's CPU time (user + system) in clock ticks, from /proc/PID/stat.
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field of
        // the line, stime the 15th.
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    @Test("suyuan serve on a store with events uses under 5 % of a core while nobody asks it anything")
    func idleIsIdle() async throws {
        // Given a server on a store with a captured document and a scanned code, left alone to settle
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-idle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = "sqlite:" + folder.appendingPathComponent("s.sqlite").path
        let example = TestPaths.epcisConformance.appendingPathComponent("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
        #expect(try SuyuanBinary.run(["capture", example.path, "--store", store]).status == 0)
        let server = try ServerProcess(["--store", store])
        defer { server.stop() }
        let page = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: server.baseURL + "/01/10614141073464/21/2018"), timeout: .seconds(30))
        #expect(page.status.code == 200)
        try await Task.sleep(for: .seconds(2))

        // When nothing happens for five seconds
        let before = try Self.cpuTicks(server.process.processIdentifier)
        try await Task.sleep(for: .seconds(5))
        let after = try Self.cpuTicks(server.process.processIdentifier)

        // Then it used under 5 % of one core (25 ticks of 1/100 s); it used a whole core before it slept instead
        // of polling
        let ticksPerSecond = Int(sysconf(Int32(_SC_CLK_TCK)))
        #expect(after - before < ticksPerSecond * 5 / 20, "\(after - before) ticks in 5 s")
    }
}
