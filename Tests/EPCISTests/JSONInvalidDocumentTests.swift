import EPCIS
import Foundation
import Testing

@Suite struct JSONInvalidDocumentTests {
    /// What the decoder says about each file of the JSON Invalid folders (a fragment of one diagnostic), or nil
    /// when the file is left to the semantic validator, with the reason.
    static let expectations: [String: String?] = [
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid/Combination_of_events_with_missing_mandatory_fields.json":
            "is missing the required property 'action'",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid/ObjectEvent_with_invalid_action.json":
            "'action' must be ADD, OBSERVE or DELETE, not 'CREATE'",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid/ObjectEvent_with_invalid_eventTime_format.json":
            "'eventTime' must be a date-time",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid/ObjectEvent_with_non_standard_bizStep.json":
            "is neither a standard CBV bizStep term nor an absolute URI",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid/ObjectEvent_with_non_standard_disposition.json":
            "is neither a standard CBV disposition term nor an absolute URI",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid/Combination_of_non_standard_bizStep_and_disposition.json":
            "is neither a standard CBV",
        "openepcis-test-resources/2.0/EPCIS/JSON/Query/Invalid/QueryDocument_with_invalid_action.json":
            "'action' must be ADD, OBSERVE or DELETE, not 'INVALIDACTION'",
    ]

    static let files: [String] = [
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid",
        "openepcis-test-resources/2.0/EPCIS/JSON/Query/Invalid",
    ].flatMap { Conformance.files(under: $0, extensions: ["json", "jsonld"]) }

    @Test("every file of the JSON Invalid folders is refused with the reason", arguments: files)
    func refused(_ file: String) throws {
        // Given a file meant to be rejected
        let data = try Conformance.data(file)
        let expected = try #require(Self.expectations[file], "no expectation written down for \(file)")
        let fragment = try #require(expected, "left to the semantic validator")
        // When it is decoded
        let error = try #require(throws: EPCISDocumentError.self) { try JSONDocumentDecoder().decode(data) }
        // Then it is refused and the reason is named
        #expect(error.code == .invalid)
        #expect(error.diagnostics.contains { $0.message.contains(fragment) }, "\(error)")
    }
}
