import EPCIS
import Foundation
import Testing

/// persistentDisposition on every event type: EPCglobal-epcis-2_0.xsd allows it in all five, GS1's own
/// Example-PersistentDisposition.xml puts it on AggregationEvents, and EPCIS-JSON-Schema.json lists it only for
/// ObjectEvent and TransformationEvent. Read in both syntaxes (JSON with a warning), and written in both.
@Suite struct PersistentDispositionTests {
    /// An event of each type beyond Object/Transformation, in JSON and in XML, with a persistentDisposition.
    struct Twin: Sendable, CustomTestStringConvertible {
        let type: String
        let json: String
        let xml: String
        var testDescription: String { type }
    }

    static let twins: [Twin] = [
        Twin(
            type: "AggregationEvent",
            json: """
                {"type": "AggregationEvent", "eventTime": "2024-03-02T10:00:00.000+01:00",
                 "eventTimeZoneOffset": "+01:00", "parentID": "urn:epc:id:sscc:4012345.0000000001",
                 "childEPCs": ["urn:epc:id:sgtin:4012345.011111.1001"], "action": "ADD", "bizStep": "packing",
                 "persistentDisposition": {"set": ["completeness_verified"], "unset": ["completeness_inferred"]}}
                """,
            xml: """
                <AggregationEvent>
                  <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
                  <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                  <parentID>urn:epc:id:sscc:4012345.0000000001</parentID>
                  <childEPCs><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></childEPCs>
                  <action>ADD</action>
                  <bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>
                  <persistentDisposition>
                    <unset>urn:epcglobal:cbv:disp:completeness_inferred</unset>
                    <set>urn:epcglobal:cbv:disp:completeness_verified</set>
                  </persistentDisposition>
                </AggregationEvent>
                """),
        Twin(
            type: "TransactionEvent",
            json: """
                {"type": "TransactionEvent", "eventTime": "2024-03-02T10:00:00.000+01:00",
                 "eventTimeZoneOffset": "+01:00",
                 "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:77"}],
                 "epcList": ["urn:epc:id:sgtin:4012345.011111.1001"], "action": "ADD",
                 "persistentDisposition": {"set": ["needs_replacement"]}}
                """,
            xml: """
                <TransactionEvent>
                  <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
                  <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                  <bizTransactionList>
                    <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:4012345000009:77</bizTransaction>
                  </bizTransactionList>
                  <epcList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></epcList>
                  <action>ADD</action>
                  <persistentDisposition><set>urn:epcglobal:cbv:disp:needs_replacement</set></persistentDisposition>
                </TransactionEvent>
                """),
        Twin(
            type: "AssociationEvent",
            json: """
                {"type": "AssociationEvent", "eventTime": "2024-03-02T10:00:00.000+01:00",
                 "eventTimeZoneOffset": "+01:00", "parentID": "urn:epc:id:grai:4012345.55555.1",
                 "childEPCs": ["urn:epc:id:sgtin:4012345.011111.1001"], "action": "DELETE",
                 "persistentDisposition": {"unset": ["needs_replacement"]}}
                """,
            xml: """
                <AssociationEvent>
                  <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
                  <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                  <parentID>urn:epc:id:grai:4012345.55555.1</parentID>
                  <childEPCs><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></childEPCs>
                  <action>DELETE</action>
                  <persistentDisposition><unset>urn:epcglobal:cbv:disp:needs_replacement</unset></persistentDisposition>
                </AssociationEvent>
                """),
    ]

    static func jsonDocument(_ twin: Twin) -> String { JSONTestDocuments.document(twin.json) }
    static func xmlDocument(_ twin: Twin) -> String {
        String(decoding: XMLDiagnosticsTests.document(twin.xml), as: UTF8.self)
    }

    @Test("JSON: persistentDisposition is read on every event type, with a warning that the JSON Schema omits it",
        arguments: twins)
    func jsonReadsIt(_ twin: Twin) throws {
        // Given a JSON event of a type the JSON Schema does not list persistentDisposition for
        let data = Data(Self.jsonDocument(twin).utf8)
        // When it is decoded
        let event = try #require(try JSONDocumentDecoder().decode(data).events.first)
        // Then the persistent disposition is read
        #expect(event.persistentDisposition != nil)
        // And one warning, at its pointer, says the JSON Schema does not list it there
        let diagnostics = JSONDocumentDecoder().diagnose(data)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location == "/epcisBody/eventList/0/persistentDisposition")
        #expect(diagnostics.first?.message.contains("EPCIS-JSON-Schema.json") == true)
    }

    @Test("JSON and XML read the same persistentDisposition and hash the event alike", arguments: twins)
    func twinsAgree(_ twin: Twin) throws {
        // Given the event in both syntaxes, When both are decoded
        let json = try JSONDocumentDecoder().decode(Data(Self.jsonDocument(twin).utf8))
        let xml = try XMLDocumentDecoder().decode(Data(Self.xmlDocument(twin).utf8))
        // Then the persistent dispositions are equal, and so are the hashes
        let fromJSON = try #require(json.events.first?.persistentDisposition)
        #expect(fromJSON == xml.events.first?.persistentDisposition)
        #expect(EventHasher.hashIDs(of: json) == EventHasher.hashIDs(of: xml, format: .xml))
    }

    @Test("the JSON and XML writers keep persistentDisposition on every event type", arguments: twins)
    func writersKeepIt(_ twin: Twin) throws {
        // Given the event read from XML
        let xml = try XMLDocumentDecoder().decode(Data(Self.xmlDocument(twin).utf8))
        let original = try #require(xml.events.first)
        // When it is written as JSON and read back, and written as XML and read back
        let throughJSON = try JSONDocumentDecoder().decode(JSONDocumentEncoder().encode(xml))
        let throughXML = try XMLDocumentDecoder().decode(XMLDocumentEncoder().encode(xml))
        // Then the persistent disposition is still there
        #expect(throughJSON.events.first?.persistentDisposition == original.persistentDisposition)
        #expect(throughXML.events.first?.persistentDisposition == original.persistentDisposition)
    }
}
