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

    @Test("no response carries an empty GS1-Extensions header (the binding's value is name=URI pairs)",
          arguments: [HTTPRequest.Method.get, .options])
    func noEmptyExtensions(method: HTTPRequest.Method) async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            for path in ["/", "/events", "/eventTypes", "/capture", "/queries"] {
                let response = try await client.send(method, path, key: server.admin)
                #expect(response.status.code < 300, "\(method) \(path): \(response.status)")
                #expect(response.headers[HTTPField.Name("GS1-Extensions")!] == nil, "\(method) \(path)")
                #expect(response.headers[HTTPField.Name("GS1-EPCIS-Version")!] == "2.0.0", "\(method) \(path)")
            }
        }
    }

    @Test(
        "query results are application/json unless the client prefers application/ld+json",
        arguments: [
            (nil, "application/json"), ("*/*", "application/json"), ("application/json", "application/json"),
            ("application/ld+json", "application/ld+json"), ("application/ld+json, application/json", "application/ld+json"),
            ("application/json, application/ld+json", "application/json"),
        ] as [(String?, String)])
    func queryResultMediaType(accept: String?, contentType: String) async throws {
        let server = try await BindingConformanceTests.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let headers: HTTPFields = accept.map { [.accept: $0] } ?? [:]
            for path in ["/events", "/eventTypes/ObjectEvent/events"] {
                let response = try await client.send(.get, path, key: server.regulator, headers: headers)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == contentType, "\(path) with Accept: \(accept ?? "-")")
            }
        }
    }

    @Test("POST /events answers 201 with the event as stored, its eventID included (the binding's EPCISEvent)")
    func postEventReturnsEvent() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let created = try await client.send(
                .post, "/events", key: server.admin, body: BindingConformanceTests.event(serial: 7),
                headers: [HTTPField.Name("GS1-EPC-Format")!: "Always_GS1_Digital_Link"])
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.contentType] == "application/json")
            let event = try created.json()
            #expect(event["type"] as? String == "ObjectEvent")
            #expect(event["action"] as? String == "OBSERVE")
            #expect(event["epcList"] as? [String] == ["https://id.gs1.org/01/10614141073464/21/7"])
            let id = try #require(event["eventID"] as? String)
            #expect(id.hasPrefix("ni:///sha-256;"))
            #expect(created.headers[.location] == "/events/" + (id.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id))
        }
    }

    @Test("GET /queries/{name}/events without an upgrade takes the WebSocket form's subscription controls")
    func queryEventsTakeSubscriptionControls() async throws {
        let server = try await BindingConformanceTests.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let query = #"{"name":"steps","query":{"EQ_bizStep":["inspecting"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            // Controls a socket would take are no query parameters: the events are those of the query
            let stream = try await client.send(
                .get, "/queries/steps/events?stream=true&reportIfEmpty=false&initialRecordTime=2020-04-04T20:33:31Z",
                key: server.regulator)
            #expect(stream.status == .ok, "\(stream.text)")
            #expect(try BindingConformanceTests.eventCount(stream) == 3)
            let schedule = try await client.send(
                .get, "/queries/steps/events?minute=5&hour=1&reportIfEmpty=true", key: server.regulator)
            #expect(schedule.status == .ok, "\(schedule.text)")
            // Controls a socket would refuse are refused as it would
            let both = try await client.send(.get, "/queries/steps/events?stream=true&minute=5", key: server.regulator)
            #expect(both.status == .badRequest)
            #expect(try both.json()["type"] as? String == "epcisException:SubscriptionControlsException")
            // And a parameter that is neither is still no SimpleEventQuery parameter
            let unknown = try await client.send(.get, "/queries/steps/events?colour=red", key: server.regulator)
            #expect(unknown.status == .badRequest)
        }
    }
}
