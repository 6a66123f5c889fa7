import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Synchronization
import Testing

/// Issue 14, item 6: bodies and heads over the limits get the status that says so, and a stray upgrade request an
/// answer.
@Suite("Request size limits and upgrades")
struct RequestLimitTests {
    /// A JSON object of more than 1 MiB, written by hand: one long string member.
    static let largeJSON = #"{"name":"big","label":""# + String(repeating: "a", count: 1_100_000) + #""}"#

    @Test(
        "a JSON body over 1 MiB is a 413 problem on every JSON endpoint, not a 500",
        arguments: ["/queries", "/queries/mine/subscriptions", "/keys", "/parties/urn%3Aepc%3Aid%3Apgln%3A0614141.00888",
                    "/recalls"])
    func largeJSONBody(path: String) async throws {
        // Given a server with a query to subscribe to
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let query = #"{"name":"mine","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            // When a body over the limit is sent
            let response = try await client.send(
                .post, path, key: server.admin, body: Self.largeJSON, headers: [.contentType: "application/json"])
            // Then it is a 413 that says what the limit is
            #expect(response.status == .contentTooLarge, "\(path): \(response.status)")
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect((try response.json()["detail"] as? String ?? "").contains("1048576"))
        }
    }

    @Test("a request head of 90 KB is answered 431 and the connection closed, not left hanging")
    func largeHead() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let request = "GET /events HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + String(repeating: "p", count: 90 * 1_024) + "\r\n\r\n"
            let exchange = try await RawHTTP.send(request, port: port)
            #expect(!exchange.timedOut, "the server neither answered nor closed the connection")
            #expect(exchange.status == 431, "\(exchange.received.prefix(200))")
            #expect(exchange.received.contains("431"))
        }
    }

    @Test(
        "Connection: Upgrade on a path that is no WebSocket is answered, not dropped",
        arguments: [
            "Connection: Upgrade\r\nUpgrade: websocket\r\n",
            "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n",
            "Connection: Upgrade\r\nUpgrade: h2c\r\n",
            "Connection: Upgrade\r\n",
        ])
    func upgradeElsewhere(upgradeHeaders: String) async throws {
        let server = try await TestServer.make()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let request = "GET /events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(server.regulator)\r\n"
                + upgradeHeaders + "\r\n"
            // (A served request leaves the connection open: the answer is its head, however long a loaded machine
            // takes to send it.)
            let exchange = try await RawHTTP.send(request, port: port, timeout: .seconds(30), stopAfterHead: true)
            let status = try #require(exchange.status, "no answer: \(exchange.received.prefix(200))")
            // Either the request is served as if it had not asked to upgrade, or refused with a rule.
            #expect(status == 200 || ((status == 400 || status == 426) && exchange.received.contains("Upgrade")),
                    "\(exchange.received.prefix(400))")
        }
    }

    @Test(
        "a request whose upgrade is declined is answered and its connection closed, never left to hang the next one",
        arguments: [
            "GET /events HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n",
            "GET /queries/mine/events HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n",
            "GET /events HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: h2c\r\n",
            "CONNECT 127.0.0.1:443 HTTP/1.1\r\n",
        ])
    func declinedUpgradeClosesConnection(requestStart: String) async throws {
        // Given a connection whose first request asks for an upgrade the server does not make, and a second request
        // behind it
        let server = try await TestServer.make()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let request = requestStart + "Host: localhost\r\nAuthorization: Bearer \(server.regulator)\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
            // When both are sent
            let exchange = try await RawHTTP.send(request, port: port, timeout: .seconds(10))
            // Then the first is answered and the connection closed after it (NIO's decoder reads nothing after an
            // upgrade request, so the second would have waited for ever)
            #expect(!exchange.timedOut, "the connection hung: \(exchange.received.prefix(300))")
            #expect(exchange.status != nil, "no answer: \(exchange.received.prefix(300))")
            #expect(exchange.received.lowercased().contains("connection: close"), "\(exchange.received.prefix(400))")
        }
    }

    @Test("a request head that cannot be parsed is answered 400 and closed, with no error in the server log")
    func unparsableHeadIsNoServerError() async throws {
        // Given a server whose log is recorded
        let server = try await TestServer.make()
        let records = LogRecords()
        var logger = Logger(label: "test") { _ in RecordingLogHandler(records: records) }
        logger.logLevel = .debug
        let app = buildApplication(store: server.store, configuration: server.configuration, logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // When a header holds a NUL byte (Schemathesis probes whether a server takes one)
            let probe = "GET /health HTTP/1.1\r\nHost: x\r\nX-Probe: a\u{0}b\r\n\r\n"
            let exchange = try await RawHTTP.send(probe, port: port)
            // Then it is answered 400 and closed
            #expect(!exchange.timedOut)
            #expect(exchange.status == 400, "\(exchange.received.prefix(300))")
            // And nothing is logged as an error (the upgrade negotiation took the close for a failure)
            try await Task.sleep(for: .milliseconds(200))
            #expect(records.messages(atLeast: .error).isEmpty, "\(records.messages(atLeast: .error))")
        }
    }
}

/// What a ``RecordingLogHandler`` has received.
final class LogRecords: Sendable {
    private let entries = Mutex<[(level: Logger.Level, text: String)]>([])

    func append(_ level: Logger.Level, _ text: String) {
        entries.withLock { $0.append((level, text)) }
    }

    func messages(atLeast level: Logger.Level) -> [String] {
        entries.withLock { $0.filter { $0.level >= level }.map(\.text) }
    }
}

/// A log handler that keeps every message with its metadata, for tests that check what a server logs.
struct RecordingLogHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        records.append(event.level, "\(event.message) \(fields)")
    }
}
