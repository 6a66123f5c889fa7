import EPCIS
import Foundation
import Testing

@Suite struct JSONDocumentKindsTests {
    private func decode(_ text: String) throws -> EPCISDocument {
        try JSONDocumentDecoder().decode(JSONTestDocuments.data(text))
    }

    @Test("master data in the header is read into vocabularies and written back")
    func masterData() throws {
        // Given a document with a location vocabulary
        let header = #"""

              "epcisHeader": {"epcisMasterData": {"vocabularyList": [{
                "type": "urn:epcglobal:epcis:vtype:BusinessLocation",
                "vocabularyElementList": [{"id": "urn:epc:id:sgln:0614141.07346.0",
                  "attributes": [{"id": "urn:epcglobal:cbv:mda#name", "attribute": "Plant 1"},
                                 {"id": "urn:epcglobal:cbv:mda#latitude", "attribute": 31.23},
                                 {"id": "urn:epcglobal:cbv:mda#address", "attribute": {"streetAddress": "1 Road", "ex:floor": "2"}}],
                  "children": ["urn:epc:id:sgln:0614141.07346.1234"]}]}]}},
            """#
        let document = try decode(JSONTestDocuments.document(JSONTestDocuments.objectEvent, header: header))
        // Then the vocabulary, its attributes and children are there
        let vocabulary = try #require(document.masterData.first)
        #expect(vocabulary.type == "urn:epcglobal:epcis:vtype:BusinessLocation")
        let element = try #require(vocabulary.elements.first)
        #expect(element.id == "urn:epc:id:sgln:0614141.07346.0")
        #expect(element.attributes.map(\.value).prefix(2) == [.string("Plant 1"), .number("31.23")])
        #expect(element.children == ["urn:epc:id:sgln:0614141.07346.1234"])
        guard case .object(let address) = element.attributes[2].value else {
            Issue.record("address is not an object")
            return
        }
        #expect(address.map(\.name.localName) == ["streetAddress", "floor"])
        // And the written document reads back equal
        #expect(try decode(String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self)) == document)
    }

    @Test("a query document gives its query name, subscription and events, located under queryResults")
    func queryDocument() throws {
        // Given a query document with two events
        let text = """
            {\(JSONTestDocuments.context), "type": "EPCISQueryDocument", "schemaVersion": "2.0",
             "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "subscriptionID": "sub-1",
               "resultsBody": {"eventList": [\(JSONTestDocuments.objectEvent),
               \(JSONTestDocuments.objectEvent)]}}}}
            """
        // When it is decoded with locations
        let (document, locations) = try JSONDocumentDecoder().decodeLocated(JSONTestDocuments.data(text))
        // Then the query fields and the events' pointers and lines are right
        #expect(document.kind == .queryDocument)
        #expect(document.queryName == "SimpleEventQuery")
        #expect(document.subscriptionID == "sub-1")
        #expect(locations.map(\.pointer) == [
            "/epcisBody/queryResults/resultsBody/eventList/0", "/epcisBody/queryResults/resultsBody/eventList/1",
        ])
        #expect(locations.map(\.line) == [3, 6])
        // And it is written back as a query document
        #expect(try decode(String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self)) == document)
    }

    @Test("a bare event is a document of one event at '/', and needs an @context")
    func bareEvent() throws {
        // Given an event alone
        let event = JSONTestDocuments.objectEvent.replacingOccurrences(of: "{\"type\"", with: "{\(JSONTestDocuments.context), \"type\"")
        // When it is decoded
        let (document, locations) = try JSONDocumentDecoder().decodeLocated(JSONTestDocuments.data(event))
        // Then it is one event at the root
        #expect(document.events.count == 1)
        #expect(locations == [EventLocation(pointer: "/", line: 1)])
        #expect(document.namespaces == [NamespaceDeclaration(prefix: "ex", namespace: "http://ns.example.com/epcis/")])
        // And written alone it reads back the same
        let written = JSONDocumentEncoder().encode(document.events[0], namespaces: document.namespaces)
        #expect(try JSONDocumentDecoder().decode(written).events == document.events)
        // And without @context it is refused
        let error = try #require(JSONTestDocuments.refusal(JSONTestDocuments.objectEvent))
        #expect(error.diagnostics.contains { $0.message.contains("'@context'") })
    }

    @Test("forEachEvent hands over events one at a time and returns the header alone")
    func streaming() throws {
        // Given a document of three events
        let text = JSONTestDocuments.document([String](repeating: JSONTestDocuments.objectEvent, count: 3).joined(separator: ","))
        // When it is read as a stream
        var pointers: [String] = []
        let header = try JSONDocumentDecoder().forEachEvent(in: JSONTestDocuments.data(text)) { event, location in
            #expect(event.type == .objectEvent)
            pointers.append(location.pointer)
        }
        // Then every event came by, and the header has none
        #expect(pointers == (0..<3).map { "/epcisBody/eventList/\($0)" })
        #expect(header.events.isEmpty)
        #expect(header.namespaces.count == 1)
    }

    @Test("an error thrown by the consumer ends the stream and is rethrown")
    func streamingStops() throws {
        struct Stop: Error {}
        let text = JSONTestDocuments.document([String](repeating: JSONTestDocuments.objectEvent, count: 3).joined(separator: ","))
        var count = 0
        #expect(throws: Stop.self) {
            _ = try JSONDocumentDecoder().forEachEvent(in: JSONTestDocuments.data(text)) { _, _ in
                count += 1
                throw Stop()
            }
        }
        #expect(count == 1)
    }

    @Test("the writer uses the standard context, bare CBV words and integral numbers without a fraction")
    func writerSpelling() throws {
        // Given an event built in code
        var event = EPCISEvent(
            type: .objectEvent, eventTime: try #require(EPCISDateTime("2026-11-21T08:00:00Z")), eventTimeZoneOffset: "+08:00")
        event.action = .add
        event.bizStep = CBVValue("urn:epcglobal:cbv:bizstep:commissioning", in: .bizStep)
        event.quantityList = [QuantityElement(epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, uom: "KGM")]
        var document = EPCISDocument(events: [event])
        document.creationDate = EPCISDateTime("2026-11-21T08:00:00Z")
        // When it is written
        let text = String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self)
        // Then
        #expect(text.hasPrefix(#"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument""#))
        #expect(text.contains(#""bizStep":"commissioning""#))
        #expect(text.contains(#""quantity":200,"#))
        #expect(text.contains(#""epcList":[]"#))
        #expect(try JSONDocumentDecoder().decode(Data(text.utf8)) == document)
    }
}
