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
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_with_invalid_eventTime_format.xml":
            "is not a timestamp with a time zone",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Invalid/QueryDocument_with_invalid_action.xml":
            "must be ADD, OBSERVE or DELETE",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Invalid/QueryDocument_with_missing_value.xml":
            "<Poll> is not allowed in <EPCISBody>",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Queries/Invalid/Query_without_queryName.xml":
            "<Poll> is not allowed in <EPCISBody>",
    ]

    /// Files of the Invalid folders that this decoder reads on purpose, with the words of the warning it gives.
    /// Elements out of the XSD's order mean the same event in any order; the reader is liberal there, and the
    /// writer keeps the XSD order.
    static let acceptedWithWarning: [String: String] = [
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid/ObjectEvent_with_wrong_element_order.xml":
            "<eventTime> must come before <action> in ObjectEvent"
    ]

    static let invalidFolderFiles: [String] = [
        "openepcis-test-resources/2.0/EPCIS/XML", "openepcis-test-resources/1.2/EPCIS/XML",
    ]
    .flatMap { Conformance.files(under: $0, extensions: ["xml"]) }
    .filter { $0.contains("/Invalid/") }

    static let invalidFiles: [String] = invalidFolderFiles.filter { acceptedWithWarning[$0] == nil }

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

    @Test(
        "a file of the Invalid folders with elements out of XSD order is read, with a warning",
        arguments: acceptedWithWarning.keys.sorted())
    func outOfOrderFileIsRead(path: String) throws {
        // Given an Invalid file whose only fault is the order of its elements
        let data = try Conformance.data(path)
        // When it is decoded, Then its event is read
        #expect(try XMLDocumentDecoder().decode(data).events.count == 1)
        // And a warning says what is out of place
        let words = try #require(Self.acceptedWithWarning[path])
        let diagnostics = XMLDocumentDecoder().diagnostics(for: data)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(diagnostics.contains { $0.message.contains(words) }, "\(diagnostics)")
    }

    @Test("the list of expectations names every Invalid file")
    func expectationsCoverTheFolder() {
        #expect(Set(Self.invalidFiles) == Set(Self.expected.keys))
        #expect(Set(Self.invalidFolderFiles) == Set(Self.expected.keys).union(Self.acceptedWithWarning.keys))
    }
}
