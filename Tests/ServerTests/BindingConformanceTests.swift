import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Issue 14, item 8: what the EPCIS 2.0 REST binding (its openapi.json) says of headers, parameters, endpoints and
/// exception types.
@Suite("EPCIS 2.0 REST binding conformance")
struct BindingConformanceTests {
    static func event(serial: Int, step: String = "inspecting") -> String {
        """
        {"type":"ObjectEvent","eventTime":"2026-03-01T10:0\(serial):00Z","eventTimeZoneOffset":"+00:00",
         "epcList":["urn:epc:id:sgtin:0614141.107346.\(serial)"],"action":"OBSERVE","bizStep":"\(step)"}
        """
    }

    /// A server holding three ObjectEvents of items 1, 2 and 3.
    static func serverWithThreeEvents(
        configuration: ServerConfiguration = ServerConfiguration(port: 0)
    ) async throws -> TestServer {
        let server = try await TestServer.make(configuration: configuration)
        try await server.app.test(.router) { client in
            for serial in 1...3 {
                let created = try await client.send(.post, "/events", key: server.admin, body: event(serial: serial))
                #expect(created.status == .created)
            }
        }
        return server
    }

    static func eventCount(_ response: TestResponse) throws -> Int {
        let body = try response.json()
        let results = (body["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any]
        return ((results?["resultsBody"] as? [String: Any])?["eventList"] as? [Any])?.count ?? -1
    }

    static func nextLink(_ response: TestResponse) -> String? {
        guard let link = response.headers[HTTPField.Name("Link")!] else { return nil }
        return String(link.dropFirst().prefix { $0 != ">" })
    }

    @Test("GS1-EPC-Format: Never_Translates is accepted and keeps identifiers as captured")
    func neverTranslates() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let response = try await client.send(
                .get, "/events", key: server.regulator, headers: [HTTPField.Name("GS1-EPC-Format")!: "Never_Translates"])
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.text.contains("urn:epc:id:sgtin:0614141.107346.1"))
        }
    }

    @Test("an extension event type (a URI) in eventType is accepted: alone it matches nothing, beside a type it adds none")
    func extensionEventType() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let uri = "https%3A%2F%2Fns.example.com%2Fepcis%2FTemperatureEvent"
            let alone = try await client.send(.get, "/events?eventType=\(uri)", key: server.regulator)
            #expect(alone.status == .ok, "\(alone.text)")
            #expect(try Self.eventCount(alone) == 0)
            let beside = try await client.send(.get, "/events?eventType=ObjectEvent%7C\(uri)", key: server.regulator)
            #expect(try Self.eventCount(beside) == 3)
            let view = try await client.send(.get, "/eventTypes/\(uri)/events", key: server.regulator)
            #expect(view.status == .ok)
            #expect(try Self.eventCount(view) == 0)
            // A name that is neither a type nor a URI is still refused
            #expect(try await client.send(.get, "/events?eventType=PartyEvent", key: server.regulator).status
                == .badRequest)
        }
    }

    @Test("GET /epcs lists the known EPCs, paged with perPage and a Link to the next page")
    func epcs() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let all = try await client.send(.get, "/epcs", key: server.regulator)
            #expect(all.status == .ok, "\(all.text)")
            #expect(all.headers[.contentType] == "application/json")
            let members = try #require(try all.json()["member"] as? [String])
            #expect(members.count == 3)
            // Paged: one at a time reaches all three
            var seen: [String] = []
            var next: String? = "/epcs?perPage=1"
            while let uri = next {
                let page = try await client.send(.get, uri, key: server.regulator)
                #expect(page.status == .ok)
                seen += try page.json()["member"] as? [String] ?? []
                next = Self.nextLink(page)
            }
            #expect(seen == members)
            // As Digital Links on request (the canonical key of a GS1 identifier is one)
            let links = try await client.send(
                .get, "/epcs", key: server.regulator,
                headers: [HTTPField.Name("GS1-EPC-Format")!: "Always_GS1_Digital_Link"])
            #expect((try links.json()["member"] as? [String])?.contains("https://id.gs1.org/01/10614141073464/21/2") == true)
        }
    }

    @Test("DELETE /nextPageToken/{token} releases a token the server issued (204); one it never issued is a 400")
    func deleteNextPageToken() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let first = try await client.send(.get, "/events?perPage=1", key: server.regulator)
            let link = try #require(Self.nextLink(first))
            let token = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "nextPageToken" }?.value)
            let released = try await client.send(.delete, "/nextPageToken/\(token)", key: server.regulator)
            #expect(released.status == .noContent, "\(released.text)")
            let bogus = try await client.send(.delete, "/nextPageToken/not-a-token", key: server.regulator)
            #expect(bogus.status == .badRequest)
        }
    }

    @Test("Accept: application/json is answered as application/json; application/ld+json as JSON-LD")
    func acceptJSON() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let json = try await client.send(.get, "/events", key: server.regulator, headers: [.accept: "application/json"])
            #expect(json.headers[.contentType] == "application/json")
            let ld = try await client.send(
                .get, "/events", key: server.regulator, headers: [.accept: "application/ld+json"])
            #expect(ld.headers[.contentType] == "application/ld+json")
        }
    }

    @Test("a stored event posted again, or a query name taken, is a 409 ResourceAlreadyExistsException")
    func alreadyExists() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let again = try await client.send(.post, "/events", key: server.admin, body: Self.event(serial: 1))
            #expect(again.status == .conflict)
            #expect(try again.json()["type"] as? String == "epcisException:ResourceAlreadyExistsException")
            let query = #"{"name":"taken","query":{"EQ_bizStep":["inspecting"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            let taken = try await client.send(.post, "/queries", key: server.admin, body: query)
            #expect(taken.status == .conflict)
            #expect(try taken.json()["type"] as? String == "epcisException:ResourceAlreadyExistsException")
        }
    }

    @Test("more events than maxEventCount is a 413 QueryTooLargeException")
    func queryTooLarge() async throws {
        let server = try await Self.serverWithThreeEvents()
        try await server.app.test(.router) { client in
            let response = try await client.send(.get, "/events?maxEventCount=2", key: server.regulator)
            #expect(response.status == .contentTooLarge, "\(response.text)")
            #expect(try response.json()["type"] as? String == "epcisException:QueryTooLargeException")
            #expect(try await client.send(.get, "/events?maxEventCount=3", key: server.regulator).status == .ok)
        }
    }

    @Test("perPage above the server's maximum returns at most the maximum, with a Link to the rest")
    func perPageAboveMaximum() async throws {
        let server = try await Self.serverWithThreeEvents(configuration: ServerConfiguration(port: 0, maxPageSize: 2))
        try await server.app.test(.router) { client in
            let response = try await client.send(.get, "/events?perPage=500", key: server.regulator)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try Self.eventCount(response) == 2)
            #expect(Self.nextLink(response) != nil)
        }
    }

    @Test(
        "invalid perPage or nextPageToken on a collection endpoint is a 400 QueryParameterException",
        arguments: ["/eventTypes", "/bizSteps", "/dispositions", "/bizLocations", "/readPoints", "/epcs", "/queries",
                    "/queries/mine/subscriptions", "/capture", "/events"])
    func invalidPaging(path: String) async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let query = #"{"name":"mine","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            for parameters in ["perPage=0", "perPage=-3", "perPage=many", "nextPageToken=not-a-token"] {
                let response = try await client.send(.get, "\(path)?\(parameters)", key: server.admin)
                #expect(response.status == .badRequest, "\(path)?\(parameters): \(response.status)")
                #expect(try response.json()["type"] as? String == "epcisException:QueryParameterException")
            }
        }
    }

    @Test("a collection is paged with perPage and its Link reaches every member once")
    func collectionPaging() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let whole = try await client.send(.get, "/bizSteps?perPage=1000", key: server.regulator)
                .json()["member"] as? [String]
            var seen: [String] = []
            var next: String? = "/bizSteps?perPage=7"
            while let uri = next {
                let page = try await client.send(.get, uri, key: server.regulator)
                #expect(page.status == .ok)
                let members = try page.json()["member"] as? [String] ?? []
                #expect(members.count <= 7)
                seen += members
                next = Self.nextLink(page)
            }
            #expect(seen == whole)
        }
    }
}
