import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
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
}
