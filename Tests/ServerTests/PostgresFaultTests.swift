import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Synchronization
import TestSupport
import Testing

/// The server on a PostgreSQL cluster of the test's own, which the test restarts and kills under concurrent
/// captures: capture resumes by itself, nothing acknowledged is lost, `/health` says when the store is down, and
/// SIGTERM ends the server.
@Suite(
    "The server through PostgreSQL restarts and crashes",
    .enabled(if: ScratchPostgres.isAvailable && SuyuanBinary.canRun, "needs PostgreSQL 15, root and the built binary"))
struct PostgresFaultTests {
    /// What the clients saw.
    struct Tally: Sendable {
        var statuses: [Int: Int] = [:]
        /// Accepted jobs (202) and stored events (201), with the serials each holds.
        var accepted: [(location: String, serials: [String])] = []
        var created: [String] = []
        var dropped = 0
        /// What the first dropped requests met.
        var drops: [String] = []
    }

    /// The clients' tally, shared between their tasks.
    final class Tallies: Sendable {
        private let tally = Mutex(Tally())
        func withLock<R>(_ body: (inout Tally) -> R) -> R { tally.withLock { body(&$0) } }
    }

    /// A document of `count` ObjectEvents, written here by hand, each observing one new serial.
    static func document(_ serials: [String]) -> String {
        let events = serials.map {
            """
            {"type":"ObjectEvent","action":"OBSERVE","bizStep":"receiving","eventTime":"2026-05-01T10:00:00.000+08:00",
             "eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6901234.000017.\($0)"],
             "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"}}
            """
        }
        return """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
             "schemaVersion":"2.0","creationDate":"2026-05-01T00:00:00Z","epcisBody":{"eventList":[\(events.joined(separator: ","))]}}
            """
    }

    @Test("restart and kill -9 of PostgreSQL under 16 capturing clients lose nothing acknowledged; capture resumes; /health tells; SIGTERM ends")
    func restartUnderLoad() async throws {
        // Given a server on a cluster of this test's own, with an admin key
        let postgres = try await ScratchPostgres.start()
        let store = postgres.storeURL()
        #expect(try await SuyuanBinary.run(["migrate", "--store", store]).status == 0)
        let key = try await SuyuanBinary.run(["key", "create", "--role", "admin", "--store", store]).text
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try await ServerProcess.start(["--store", store])
        let client = HTTPClient.shared
        let tally = Tallies()

        // When 16 clients capture (documents through the job queue, single events straight into the store) while
        // the database is restarted and then killed
        try await withThrowingTaskGroup(of: Void.self) { group in
            for clientNumber in 0..<16 {
                group.addTask {
                    for round in 0..<10 {
                        let serials = (0..<5).map { "c\(clientNumber)r\(round)e\($0)" }
                        let single = round % 3 == 2
                        var request = HTTPClientRequest(url: server.baseURL + (single ? "/events" : "/capture"))
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(key)")
                        request.headers.add(name: "Content-Type", value: "application/ld+json")
                        let body = single ? Self.singleEvent(serials[0]) : Self.document(serials)
                        request.body = .bytes(ByteBuffer(string: body))
                        do {
                            let response = try await client.execute(request, timeout: .seconds(30))
                            let location = response.headers.first(name: "Location")
                            _ = try await response.body.collect(upTo: 1 << 20)
                            tally.withLock { tally in
                                tally.statuses[Int(response.status.code), default: 0] += 1
                                if response.status.code == 202, let location { tally.accepted.append((location, serials)) }
                                if response.status.code == 201 { tally.created.append(serials[0]) }
                            }
                        } catch {
                            tally.withLock { tally in
                                tally.dropped += 1
                                if tally.drops.count < 5 { tally.drops.append("\(error)") }
                            }
                        }
                        try await Task.sleep(for: .milliseconds(150))
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(400))
                try await postgres.restart()
                try await Task.sleep(for: .milliseconds(500))
                try await postgres.crash()
            }
            try await group.waitForAll()
        }

        // Then no request got a 5xx other than 503 (the store is unavailable), and none was dropped
        let seen = tally.withLock { $0 }
        #expect(seen.dropped == 0, "\(seen.drops)\nserver ended: \(server.ended.map(String.init) ?? "no")\n\(server.log.suffix(4_000))")
        #expect(seen.statuses.keys.allSatisfy { [201, 202, 503].contains($0) }, "statuses: \(seen.statuses)")
        #expect(seen.accepted.count + seen.created.count > 40, "statuses: \(seen.statuses)")

        // And every accepted job ends in success by itself, and every acknowledged event is stored
        let deadline = Date().addingTimeInterval(120)
        var running = seen.accepted.map(\.location)
        while !running.isEmpty, Date() < deadline {
            var still: [String] = []
            for location in running {
                let job = try await Self.json(client, server.baseURL + location, key: key)
                if job["running"] as? Bool != false { still.append(location) } else {
                    #expect(job["success"] as? Bool == true, "\(job)")
                }
            }
            running = still
            if !running.isEmpty { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(running.isEmpty, "capture jobs still running 120 s later: \(running.count)\n\(server.log.suffix(3_000))")
        let stored = try await Self.storedSerials(client, server.baseURL, key: key)
        let acknowledged = Set(seen.accepted.flatMap(\.serials) + seen.created)
        #expect(acknowledged.subtracting(stored).isEmpty, "lost: \(acknowledged.subtracting(stored).sorted().prefix(10))")

        // And /health says so while the database is down, and recovers with it
        try await postgres.pause()
        let down = try await client.execute(HTTPClientRequest(url: server.baseURL + "/health"), timeout: .seconds(20))
        #expect(down.status.code == 503)
        #expect(down.headers.first(name: "Retry-After") != nil)
        try await postgres.resume()
        var health = 0
        for _ in 0..<40 where health != 200 {
            health = Int(try await client.execute(HTTPClientRequest(url: server.baseURL + "/health"), timeout: .seconds(20)).status.code)
            if health != 200 { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(health == 200)

        // And SIGTERM ends the server
        let stopped = server.stop(timeout: 20)
        #expect(stopped.exited)
        #expect(stopped.status == 0)
    }

    static func singleEvent(_ serial: String) -> String {
        """
        {"type":"ObjectEvent","action":"OBSERVE","bizStep":"receiving","eventTime":"2026-05-01T10:00:00.000+08:00",
         "eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6901234.000017.\(serial)"],
         "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"}}
        """
    }

    static func json(_ client: HTTPClient, _ url: String, key: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    /// Every serial of the stored events, page by page.
    static func storedSerials(_ client: HTTPClient, _ base: String, key: String) async throws -> Set<String> {
        var serials: Set<String> = []
        var url: String? = base + "/events?perPage=1000"
        while let next = url {
            var request = HTTPClientRequest(url: next)
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 64 << 20)
            let document = (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
            let events = ((document["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])
                .flatMap { ($0["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]] } ?? []
            for event in events {
                for epc in event["epcList"] as? [String] ?? [] { serials.insert(String(epc.split(separator: ".").last ?? "")) }
            }
            url = response.headers.first(name: "Link").flatMap { link in
                link.range(of: #"<([^>]+)>"#, options: .regularExpression).map { String(link[$0].dropFirst().dropLast()) }
            }.map { $0.hasPrefix("http") ? $0 : base + $0 }
        }
        return serials
    }
}
