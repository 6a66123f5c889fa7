import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Issue 14, the Schemathesis run against the binding's openapi.json: what the server's answers must look like
/// (problem bodies, media types, headers, bodies), each found by the fuzzer and written here by hand.
@Suite("EPCIS 2.0 REST binding responses")
struct BindingResponseTests {
    static let baseURL = "https://epcis.example.org"

    static func server() async throws -> TestServer {
        try await TestServer.make(configuration: ServerConfiguration(port: 0, publicBaseURL: baseURL + "/"))
    }

    @Test(
        "a missing resource is a 404 NoSuchNameException, the binding's one 404 type, whatever is missing",
        arguments: [
            "/events/urn%3Auuid%3Anone", "/queries/none", "/queries/none/events", "/queries/none/subscriptions",
            "/queries/mine/subscriptions/none", "/capture/none", "/no/such/route",
        ])
    func notFound(path: String) async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let query = #"{"name":"mine","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            let response = try await client.send(.get, path, key: server.admin)
            #expect(response.status == .notFound)
            #expect(try response.json()["type"] as? String == "epcisException:NoSuchNameException")
        }
    }

    @Test(
        "a problem's instance is the absolute URI of the request's resource, escaped where the path is no URI path",
        arguments: [
            ("/events/urn%3Auuid%3Anone", "/events/urn%3Auuid%3Anone"),
            ("/events?perPage=0", "/events"),
            ("/events/a%zz%2", "/events/a%25zz%252"),
            ("/events/%E4%B8%AD|^", "/events/%E4%B8%AD%7C%5E"),
        ])
    func instanceIsAbsolute(path: String, instance: String) async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let response = try await client.send(.get, path, key: server.admin)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try response.json()["instance"] as? String == Self.baseURL + instance)
        }
    }
}
