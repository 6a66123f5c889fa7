import DemoChains
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Server
import Storage
import StorageSQLite
import Testing

@Suite("EPCIS 2.0 REST binding")
struct EPCISAPITests {
    @Test("POST /capture of an official example answers 202, the job succeeds, and GET /events returns the events")
    func captureAndQuery() async throws {
        // Given a server and an official GS1 example
        let server = try await TestServer.make()
        let example = try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
        try await server.app.test(.router) { client in
            // When it is captured
            let accepted = try await client.send(.post, "/capture", key: server.admin, body: example)
            #expect(accepted.status == .accepted)
            let location = try #require(accepted.headers[.location])
            #expect(location.hasPrefix("/capture/"))
            #expect(accepted.headers[HTTPField.Name("GS1-EPCIS-Capture-Limit")!] != nil)
            // Then the job finishes with success
            let done = try await eventually {
                let job = try await client.send(.get, location, key: server.admin).json()
                return job["running"] as? Bool == false
            }
            #expect(done)
            let job = try await client.send(.get, location, key: server.admin).json()
            #expect(job["success"] as? Bool == true)
            #expect(job["capturedEventCount"] as? Int == 2)
            // And a query finds them, in JSON-LD (application/json, as the binding documents it) with the GS1 headers
            let found = try await client.send(.get, "/events?EQ_bizStep=shipping", key: server.regulator)
            #expect(found.status == .ok)
            #expect(found.headers[.contentType] == "application/json")
            #expect(found.headers[HTTPField.Name("GS1-EPCIS-Version")!] == "2.0.0")
            let body = try found.json()
            let results = try #require((body["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])
            let events = try #require((results["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]])
            #expect(events.count == 1)
            #expect(events.first?["bizStep"] as? String == "shipping")
        }
    }

    @Test("paging: perPage=1 answers one event and a Link header with nextPageToken that reaches the next one")
    func paging() async throws {
        let server = try await TestServer.make()
        let example = try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
        _ = try await server.store.capture(
            try EPCISDocumentReaderShim.read(example), context: .init())
        try await server.app.test(.router) { client in
            let first = try await client.send(.get, "/events?perPage=1", key: server.regulator)
            let link = try #require(first.headers[HTTPField.Name("Link")!])
            #expect(link.contains("rel=\"next\""))
            #expect(link.contains("nextPageToken="))
            let next = String(link.dropFirst().prefix { $0 != ">" })
            let second = try await client.send(.get, next, key: server.regulator)
            #expect(second.status == .ok)
            #expect(second.headers[HTTPField.Name("Link")!] == nil)
            #expect(second.text != first.text)
        }
    }

    @Test("a document with a malformed EPC is refused with problem+json naming the place and rule; nothing is stored")
    func invalidDocument() async throws {
        let server = try await TestServer.make()
        let bad = try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
            .replacingOccurrences(of: "urn:epc:id:sgtin:0614141.107346.2017", with: "urn:epc:id:sgtin:0614141.107346")
        try await server.app.test(.router) { client in
            let response = try await client.send(.post, "/capture", key: server.admin, body: bad)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["type"] as? String == "epcisException:ValidationException")
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.contains { ($0["pointer"] as? String ?? "").hasPrefix("/epcisBody/eventList/0") })
            let events = try await client.send(.get, "/events", key: server.regulator).text
            #expect(!events.contains("ObjectEvent"))
        }
    }

    @Test("POST /events stores one event (201) and the same event again is a 409 conflict")
    func singleEventAndDuplicate() async throws {
        let server = try await TestServer.make()
        let event = """
            {"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00+08:00","eventTimeZoneOffset":"+08:00",
             "epcList":["urn:epc:id:sgtin:0614141.107346.77"],"action":"OBSERVE","bizStep":"inspecting"}
            """
        try await server.app.test(.router) { client in
            let created = try await client.send(.post, "/events", key: server.admin, body: event)
            #expect(created.status == .created)
            let location = try #require(created.headers[.location])
            let read = try await client.send(.get, location, key: server.regulator)
            #expect(read.status == .ok)
            #expect(read.text.contains("urn:epc:id:sgtin:0614141.107346.77"))
            let again = try await client.send(.post, "/events", key: server.admin, body: event)
            #expect(again.status == .conflict)
        }
    }

    @Test("resource views: /eventTypes, /eventTypes/ObjectEvent/events, /epcs/{epc}/events and an unknown type")
    func resourceViews() async throws {
        let server = try await TestServer.make()
        _ = try await server.store.capture(
            try EPCISDocumentReaderShim.read(try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")),
            context: .init())
        try await server.app.test(.router) { client in
            let types = try await client.send(.get, "/eventTypes", key: server.regulator).json()
            #expect((types["member"] as? [String])?.contains("TransformationEvent") == true)
            let objects = try await client.send(.get, "/eventTypes/ObjectEvent/events", key: server.regulator)
            #expect(objects.text.contains("urn:epc:id:sgtin:0614141.107346.2017"))
            let epc = "urn%3Aepc%3Aid%3Asgtin%3A0614141.107346.2018"
            let byEPC = try await client.send(.get, "/epcs/\(epc)/events", key: server.regulator)
            #expect(byEPC.text.contains("2018"))
            let unknown = try await client.send(.get, "/eventTypes/PartyEvent/events", key: server.regulator)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("top-level collections: the CBV business steps and dispositions, and the locations of the master data")
    func topLevelCollections() async throws {
        let server = try await TestServer.make()
        try await server.registerParties()
        try await server.app.test(.router) { client in
            let steps = try await client.send(.get, "/bizSteps?perPage=100", key: server.regulator).json()
            #expect((steps["member"] as? [String])?.contains("shipping") == true)
            let dispositions = try await client.send(.get, "/dispositions", key: server.regulator).json()
            #expect((dispositions["member"] as? [String])?.contains("recalled") == true)
            let locations = try await client.send(.get, "/bizLocations", key: server.regulator).json()
            #expect((locations["member"] as? [String])?.count == 2)
            #expect(try await client.send(.get, "/readPoints").status == .unauthorized)
        }
    }

    @Test("XML on request: Accept application/xml answers an EPCISQueryDocument in XML")
    func xmlNegotiation() async throws {
        let server = try await TestServer.make()
        _ = try await server.store.capture(
            try EPCISDocumentReaderShim.read(try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")),
            context: .init())
        try await server.app.test(.router) { client in
            let response = try await client.send(
                .get, "/events", key: server.regulator, headers: [.accept: "application/xml"])
            #expect(response.headers[.contentType] == "application/xml")
            #expect(response.text.contains("EPCISQueryDocument"))
            let dl = try await client.send(
                .get, "/events", key: server.regulator,
                headers: [HTTPField.Name("GS1-EPC-Format")!: "Always_GS1_Digital_Link"])
            #expect(dl.text.contains("https://id.gs1.org/01/10614141073464/21/2017"))
        }
    }

    @Test("a bad query parameter is a 400 QueryParameterException, never a 500")
    func badParameter() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let response = try await client.send(.get, "/events?GE_eventTime=yesterday", key: server.regulator)
            #expect(response.status == .badRequest)
            #expect(try response.json()["type"] as? String == "epcisException:QueryParameterException")
            let perPage = try await client.send(.get, "/events?perPage=0", key: server.regulator)
            #expect(perPage.status == .badRequest)
        }
    }

    @Test("OPTIONS advertises versions and limits; HEAD answers like GET without a body")
    func optionsAndHead() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let options = try await client.send(.options, "/events")
            #expect(options.headers[HTTPField.Name("GS1-EPCIS-Max")!] == "2.0.0")
            #expect(options.headers[HTTPField.Name("GS1-EPCIS-Capture-Limit")!] != nil)
            let head = try await client.send(.head, "/events", key: server.regulator)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }
}

/// Reads a document for direct capture into the store in a test's "given" step.
enum EPCISDocumentReaderShim {
    static func read(_ text: String) throws -> EPCISDocument {
        try EPCISDocumentReader().read(Data(text.utf8))
    }
}
