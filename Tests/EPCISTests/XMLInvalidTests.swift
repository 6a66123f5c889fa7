import EPCIS
import Foundation
import Testing

@Suite struct XMLInvalidTests {
    /// Every XML file in the conformance set's Invalid folders, with the words the decoder's diagnostics must
    /// contain. None is left to the semantic validator: each breaks the XSD. The query files are requests
    /// (`epcisq:Poll`), which this decoder does not read; it refuses them for that.
    static let expected: [String: String] = [
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_with_invalid_action.xml":
            "must be ADD, OBSERVE or DELETE",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_without_eventTime.xml":
            "missing the required element <eventTime>",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_with_unknown_element.xml":
            "<madeUpField> is not allowed in ObjectEvent",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_bare_event_without_action.xml":
            "missing the required element <action>",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_with_wrong_element_order.xml":
            "must come before",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_with_invalid_eventTime_format.xml":
            "is not a timestamp with a time zone",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Invalid/QueryDocument_with_invalid_action.xml":
            "must be ADD, OBSERVE or DELETE",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Invalid/QueryDocument_with_missing_value.xml":
            "<Poll> is not allowed in <EPCISBody>",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Queries/Invalid/Query_without_queryName.xml":
            "<Poll> is not allowed in <EPCISBody>",
    ]

    static let invalidFiles: [String] = ["openepcis-test-resources/2.0/EPCIS/XML", "openepcis-test-resources/1.2/EPCIS/XML"]
        .flatMap { Conformance.files(under: $0, extensions: ["xml"]) }
        .filter { $0.contains("/Invalid/") }

    @Test("every file in the XML Invalid folders is refused with a diagnostic that says why", arguments: invalidFiles)
    func invalidFileIsRefused(path: String) throws {
        // Given an invalid conformance file
        let data = try Conformance.data(path)
        // When it is decoded
        let result = Result { () throws(EPCISDocumentError) in try XMLDocumentDecoder().decode(data) }
        // Then it is refused, for the expected reason
        guard case .failure(let error) = result else {
            Issue.record("\(path) was accepted")
            return
        }
        let expected = try #require(Self.expected[path], "no expectation listed for \(path)")
        #expect(error.diagnostics.contains { $0.message.contains(expected) }, "\(error)")
        #expect(error.diagnostics.allSatisfy { $0.location.hasPrefix("line ") })
    }

    @Test("the list of expectations names every Invalid file")
    func expectationsCoverTheFolder() {
        #expect(Set(Self.invalidFiles) == Set(Self.expected.keys))
    }
}
