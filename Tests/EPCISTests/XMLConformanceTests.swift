import EPCIS
import Foundation
import Testing

/// The XML files of the conformance set, by role.
enum XMLFixtures {
    /// EPCIS XML documents that must be read: every GS1 example (except capture-job resources, which are not EPCIS
    /// documents), the EPCIS 1.2 renderings, and the openepcis capture and query documents (some of whose
    /// QueryResults are unqualified, or whose fields are out of XSD order: read with warnings).
    static let valid: [String] = {
        let gs1 = Conformance.files(under: "gs1-EPCIS/XML", extensions: ["xml"]).filter { !$0.contains("/CaptureJob/") }
        let gs1v12 = Conformance.files(under: "gs1-EPCIS/XSL/1.2/XML", extensions: ["xml"])
        let open = ["2.0", "1.2"].flatMap { version in
            ["Capture/Documents", "Capture/Events", "Query"].flatMap { folder in
                Conformance.files(under: "openepcis-test-resources/\(version)/EPCIS/XML/\(folder)", extensions: ["xml"])
            }
        }.filter { !$0.contains("/Invalid/") && !$0.contains("/Queries/") && refused[$0] == nil }
        return gs1 + gs1v12 + open
    }()

    /// Query documents of the conformance set that break the XSD in a way the decoder does not let pass.
    static let refused: [String: String] = [
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Combination_of_different_event.xml":
            "<EPCISQueryDocument> is missing the required attribute creationDate"
    ]

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

    @Test(
        "capture-job resources (EPCISCaptureJob) are not EPCIS documents and are refused as unsupported",
        arguments: Conformance.files(under: "gs1-EPCIS/XML/CaptureJob", extensions: ["xml"]))
    func captureJobIsUnsupported(path: String) throws {
        // Given a capture job resource of the REST binding
        let data = try Conformance.data(path)
        // When it is decoded, Then it is refused as unsupported, naming the root
        do throws(EPCISDocumentError) {
            _ = try XMLDocumentDecoder().decode(data)
            Issue.record("\(path) was accepted")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.diagnostics.first?.message.contains("EPCISCaptureJob") == true)
        }
    }

    @Test("a conformance document that breaks the XSD beyond what the decoder lets pass is refused, saying why",
        arguments: XMLFixtures.refused.keys.sorted())
    func refusedDocument(path: String) throws {
        // Given the document, When it is decoded
        let error = try #require(throws: EPCISDocumentError.self) { try XMLFixtures.decode(path) }
        // Then it is invalid, and a diagnostic says why
        #expect(error.code == .invalid)
        let reason = try #require(XMLFixtures.refused[path])
        #expect(error.diagnostics.contains { $0.message.contains(reason) }, "\(error)")
    }

    @Test("the conformance set has XML files to read")
    func fixturesArePresent() {
        #expect(XMLFixtures.valid.count > 60)
    }
}

@Suite struct XMLDecoderContentTests {
    @Test(
        "the GS1 examples decode to the number of events the inventory lists",
        arguments: [
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
