import EPCIS
import Foundation
import Testing

/// The XML files of the conformance set, by role.
enum XMLFixtures {
    /// EPCIS XML documents that are valid and must be read: every GS1 example (except capture-job resources,
    /// which are not EPCIS documents), the EPCIS 1.2 renderings, and the openepcis capture and query documents.
    static let valid: [String] = {
        let gs1 = Conformance.files(under: "gs1-EPCIS/XML", extensions: ["xml"]).filter { !$0.contains("/CaptureJob/") }
        let gs1v12 = Conformance.files(under: "gs1-EPCIS/XSL/1.2/XML", extensions: ["xml"])
        let open = ["2.0", "1.2"].flatMap { version in
            ["Capture/Documents", "Capture/Events", "Query/Documents"].flatMap { folder in
                Conformance.files(under: "openepcis-test-resources/\(version)/EPCIS/XML/\(folder)", extensions: ["xml"])
            }
        }
        return gs1 + gs1v12 + open
    }()

    /// EPCIS 2.0 documents (for the XML → model → XML round trip with an XSD check of the output).
    static let version2: [String] = valid.filter { !$0.contains("/1.2/") }

    static func decode(_ path: String) throws -> EPCISDocument {
        try XMLDocumentDecoder().decode(Conformance.data(path))
    }
}

@Suite struct XMLConformanceTests {
    @Test("every valid conformance XML document decodes", arguments: XMLFixtures.valid)
    func validDocumentDecodes(path: String) throws {
        // Given a conformance document
        let data = try Conformance.data(path)
        // When it is decoded
        let result = Result { () throws(EPCISDocumentError) in try XMLDocumentDecoder().decode(data) }
        // Then it is accepted
        if case .failure(let error) = result {
            Issue.record("\(path) refused:\n\(error)")
        }
    }

    @Test("the conformance set has XML files to read")
    func fixturesArePresent() {
        #expect(XMLFixtures.valid.count > 60)
    }
}

@Suite struct XMLDecoderContentTests {
    @Test("the GS1 examples decode to the number of events the inventory lists", arguments: [
        ("gs1-EPCIS/XML/WithSensorData/SensorDataExamples.xml", 14),
        ("gs1-EPCIS/XML/AssociationEvent/AssociationEventExamples.xml", 8),
        ("gs1-EPCIS/XML/Example-TransactionEvent-2020_07_03y.xml", 2),
        ("gs1-EPCIS/XSL/1.2/XML/AssociationEvent.xml", 8),
        ("openepcis-test-resources/1.2/EPCIS/XML/Capture/Documents/All_eventTypes_in_single_document.xml", 6),
        ("openepcis-test-resources/2.0/EPCIS/XML/Query/Documents/QueryResultsDocument.xml", 6),
    ])
    func eventCounts(path: String, count: Int) throws {
        // Given a conformance document, When it is decoded
        let document = try XMLFixtures.decode(path)
        // Then it has the listed number of events
        #expect(document.events.count == count)
    }
}
