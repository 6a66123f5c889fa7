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

    @Test("a capture job's errors are RFC 9457 problems (type and title), each with its place as a pointer")
    func captureJobErrorsAreProblems() async throws {
        // Given an event already stored
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let event = BindingConformanceTests.event(serial: 1)
            #expect(try await client.send(.post, "/events", key: server.admin, body: event).status == .created)
            // When a document holding it again is captured
            let document = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
                 "schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[\(event)]}}
                """
            let accepted = try await client.send(.post, "/capture", key: server.admin, body: document)
            let location = try #require(accepted.headers[.location])
            #expect(try await eventually {
                try await client.send(.get, location, key: server.admin).json()["running"] as? Bool == false
            })
            // Then the job's errors say why, as problems
            for job in [try await client.send(.get, location, key: server.admin).json(),
                        try #require(try JSONSerialization.jsonObject(
                            with: Data(try await client.send(.get, "/capture", key: server.admin).text.utf8))
                            as? [[String: Any]]).first ?? [:]] {
                #expect(job["success"] as? Bool == false)
                let errors = try #require(job["errors"] as? [[String: Any]])
                #expect(!errors.isEmpty)
                for error in errors {
                    #expect(error["type"] as? String == "epcisException:ResourceAlreadyExistsException")
                    #expect(error["title"] is String)
                    #expect((error["detail"] as? String)?.contains("already stored") == true)
                    #expect(error["pointer"] as? String == "eventID")
                }
            }
        }
    }

    @Test("an unknown GS1-EPC-Format is a 406 NotAcceptableException, on every operation that answers events",
          arguments: ["/events", "/events/urn%3Auuid%3Anone", "/epcs", "/queries/mine/events"])
    func unknownEPCFormatIsNotAcceptable(path: String) async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let query = #"{"name":"mine","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            let response = try await client.send(
                .get, path, key: server.admin, headers: [HTTPField.Name("GS1-EPC-Format")!: "Always_Barcodes"])
            #expect(response.status == .notAcceptable, "\(path): \(response.status)")
            #expect(try response.json()["type"] as? String == "epcisException:NotAcceptableException")
        }
    }

    @Test("capture refusals have the binding's types: ValidationException, UnsupportedMediaTypeException")
    func captureRefusalTypes() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let document = try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
            let behaviour = try await client.send(
                .post, "/capture", key: server.admin, body: document,
                headers: [HTTPField.Name("GS1-Capture-Error-Behaviour")!: "all"])
            #expect(behaviour.status == .badRequest)
            #expect(try behaviour.json()["type"] as? String == "epcisException:ValidationException")
            for path in ["/capture", "/events"] {
                let mislabelled = try await client.send(
                    .post, path, key: server.admin, body: "\u{8}\n", headers: [.contentType: "application/json"])
                #expect(mislabelled.status == .unsupportedMediaType, "\(path)")
                #expect(try mislabelled.json()["type"] as? String == "epcisException:UnsupportedMediaTypeException")
                let unknown = try await client.send(
                    .post, path, key: server.admin, body: document, headers: [.contentType: "text/csv"])
                #expect(unknown.status == .unsupportedMediaType, "\(path)")
                #expect(try unknown.json()["type"] as? String == "epcisException:UnsupportedMediaTypeException")
            }
        }
    }

    @Test("a new subscription's Location is an absolute URI (the binding types it format: uri)")
    func subscriptionLocationIsAbsolute() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let query = #"{"name":"mine","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            let subscribe = #"{"dest":"https://client.example.com/cb","schedule":{"hour":"1","minute":"5"}}"#
            let created = try await client.send(
                .post, "/queries/mine/subscriptions", key: server.admin, body: subscribe,
                headers: [.contentType: "application/json"])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.json()["subscriptionID"] as? String)
            #expect(created.headers[.location] == Self.baseURL + "/queries/mine/subscriptions/" + id)
        }
    }
}

