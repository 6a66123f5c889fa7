import EPCIS
import Foundation
import Testing

@Suite struct ValidationPipelineTests {
    typealias F = ValidationFixtures

    static func document(_ events: String) -> Data {
        Data(
            """
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-11-20T10:00:00Z",
             "epcisBody": {"eventList": [\(events)]}}
            """.utf8
        )
    }

    static let objectEvent = """
        {"type": "ObjectEvent", "eventTime": "2026-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00",
         "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]}
        """

    @Test("a valid JSON document is accepted and its events counted")
    func validDocumentAccepted() {
        // Given a document of two valid events
        let data = Self.document(Self.objectEvent + "," + Self.objectEvent)
        // When checked
        let result = F.validator.check(data)
        // Then
        #expect(result.accepted)
        #expect(result.diagnostics.isEmpty)
        #expect(result.eventCount == 2)
    }

    @Test("schema and semantic problems of different events come together, in document order")
    func schemaAndSemanticProblemsTogether() {
        // Given event 0 with a semantic problem (an AggregationEvent ADD without parentID) and event 1 with a
        // schema problem (a bad action)
        let aggregation = """
            {"type": "AggregationEvent", "eventTime": "2026-11-20T08:00:00Z", "eventTimeZoneOffset": "+00:00",
             "action": "ADD", "childEPCs": ["urn:epc:id:sgtin:0614141.107346.2017"]}
            """
        let badAction = Self.objectEvent.replacingOccurrences(of: "OBSERVE", with: "CREATE")
        // When checked
        let result = F.validator.check(Self.document(aggregation + "," + badAction))
        // Then both are reported, event 0's first
        #expect(!result.accepted)
        #expect(result.errors.map(\.location) == ["/epcisBody/eventList/0/parentID", "/epcisBody/eventList/1/action"])
        #expect(result.errors.first?.message.contains("parentID required") == true)
    }

    @Test("XML is recognised after blanks and a byte order mark")
    func xmlRecognised() {
        // Given an XML document with a BOM and leading blank lines, whose event lacks children
        let xml = """

            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
              creationDate="2026-11-20T10:00:00Z">
              <EPCISBody><EventList>
                <AggregationEvent>
                  <eventTime>2026-11-20T08:00:00Z</eventTime>
                  <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                  <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
                  <action>ADD</action>
                </AggregationEvent>
              </EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(xml.utf8))
        // When checked
        let result = F.validator.check(data)
        // Then the validator's rule is reported at the event's line
        #expect(result.eventCount == 1)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.location.hasPrefix("line 5 ") == true)
        #expect(result.errors.first?.message.contains("children required") == true)
    }

    @Test("malformed JSON is refused with the place where reading stopped")
    func malformedRefused() {
        let result = F.validator.check(Data("{\"type\": ".utf8))
        #expect(!result.accepted)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.location.hasPrefix("line 1") == true)
    }

    @Test("recordTime is a warning in a capture document and expected in a query document")
    func recordTimeByDocumentKind() {
        // Given a capture document whose event has a recordTime
        let event = Self.objectEvent.replacingOccurrences(
            of: "\"action\"", with: "\"recordTime\": \"2026-11-20T09:00:00Z\", \"action\"")
        let capture = F.validator.check(Self.document(event))
        // Then a warning, and the document is accepted
        #expect(capture.accepted)
        #expect(capture.diagnostics.map(\.location) == ["/epcisBody/eventList/0/recordTime"])
        // And in query results, recordTime draws no warning
        let queryDocument = """
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
             "type": "EPCISQueryDocument", "schemaVersion": "2.0", "creationDate": "2026-11-20T10:00:00Z",
             "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery",
               "resultsBody": {"eventList": [\(event)]}}}}
            """
        let query = F.validator.check(Data(queryDocument.utf8))
        #expect(query.accepted, "\(query.diagnostics)")
        #expect(query.eventCount == 1)
        #expect(!query.diagnostics.contains { $0.location.hasSuffix("/recordTime") })
    }

    @Test("the decoder's warnings come with an accepted document, XML and JSON alike")
    func decoderWarningsKept() {
        // Given an XML document whose fields are out of XSD order, and a JSON event with a member given twice
        let xml = Data(XMLFieldOrderTests.transformationSensorLast.utf8)
        let json = Self.document(
            Self.objectEvent.replacingOccurrences(of: "\"action\"", with: "\"action\": \"OBSERVE\", \"action\""))
        // When checked
        let xmlResult = F.validator.check(xml)
        let jsonResult = F.validator.check(json)
        // Then both are accepted, and the decoder's warning is among the diagnostics
        #expect(xmlResult.accepted, "\(xmlResult.diagnostics)")
        #expect(
            xmlResult.diagnostics.contains {
                $0.severity == .warning && $0.location.hasPrefix("line 15 ")
                    && $0.message.contains("<sensorElementList> must come before <ilmd>")
            }, "\(xmlResult.diagnostics)")
        #expect(jsonResult.accepted, "\(jsonResult.diagnostics)")
        #expect(
            jsonResult.diagnostics.contains {
                $0.severity == .warning && $0.location == "/epcisBody/eventList/0/action"
                    && $0.message.contains("appears twice")
            }, "\(jsonResult.diagnostics)")
    }
}
