import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14, item 7: a body is read as what its Content-Type says it is; one that is something else is refused,
/// naming both, and nothing is stored.
@Suite("Content-Type of capture bodies")
struct ContentTypeTests {
    static let jsonEvent = """
        {"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00Z","eventTimeZoneOffset":"+00:00",
         "epcList":["urn:epc:id:sgtin:0614141.107346.41"],"action":"OBSERVE","bizStep":"inspecting"}
        """

    static let jsonDocument = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z",
         "epcisBody":{"eventList":[\(jsonEvent)]}}
        """

    static let xmlDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
            creationDate="2026-03-01T00:00:00Z">
          <EPCISBody><EventList><ObjectEvent>
            <eventTime>2026-03-01T10:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <epcList><epc>urn:epc:id:sgtin:0614141.107346.41</epc></epcList>
            <action>OBSERVE</action><bizStep>inspecting</bizStep>
          </ObjectEvent></EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    @Test(
        "a body that is not what its Content-Type says is a 415 naming both, on POST /capture and POST /events",
        arguments: [
            ("/capture", "application/xml", jsonDocument, "JSON"),
            ("/capture", "application/ld+json", xmlDocument, "XML"),
            ("/capture", "application/json", xmlDocument, "XML"),
            ("/events", "application/xml", jsonEvent, "JSON"),
            ("/events", "application/ld+json", xmlDocument, "XML"),
        ])
    func mismatchedBody(path: String, declared: String, body: String, actual: String) async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            // When the body is sent under another type
            let response = try await client.send(
                .post, path, key: server.admin, body: body, headers: [.contentType: declared])
            // Then it is refused, naming the declared type and what the body is
            #expect(response.status == .unsupportedMediaType, "\(response.status) \(response.text)")
            let detail = try response.json()["detail"] as? String ?? ""
            #expect(detail.contains(declared) && detail.contains(actual), "\(detail)")
            // And nothing was stored
            try await Task.sleep(for: .milliseconds(200))
            let events = try await client.send(.get, "/events", key: server.regulator).text
            #expect(!events.contains("0614141.107346.41"))
        }
    }

    @Test("bodies that are what they say are captured (JSON-LD, JSON, XML, text/xml)")
    func matchingBodies() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            for (declared, body) in [
                ("application/ld+json", Self.jsonDocument), ("application/json; charset=utf-8", Self.jsonDocument),
                ("application/xml", Self.xmlDocument), ("text/xml", Self.xmlDocument),
            ] {
                let response = try await client.send(
                    .post, "/capture", key: server.admin, body: body, headers: [.contentType: declared])
                #expect(response.status == .accepted, "\(declared): \(response.text)")
            }
        }
    }
}
