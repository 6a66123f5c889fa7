import EPCIS
import Testing

/// The whole pipeline (decoder + ``EPCISValidator``) over the official conformance set, read in place.
@Suite struct ValidationConformanceTests {
    typealias F = ValidationFixtures

    static let validFolders = [
        "gs1-EPCIS/JSON", "gs1-EPCIS/JSON-simple-context", "gs1-EPCIS/XML", "gs1-EPCIS/XSL/1.2/XML",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Events",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Events",
        "openepcis-test-resources/1.2/EPCIS/XML/Capture/Documents",
    ]

    /// Query result documents beside the query folders' Queries/ and Invalid/ subfolders.
    static let queryDocumentFiles: [String] = [
        "openepcis-test-resources/2.0/EPCIS/JSON/Query", "openepcis-test-resources/2.0/EPCIS/XML/Query",
    ].flatMap { Conformance.files(under: $0, extensions: ["json", "jsonld", "xml"]) }
        .filter { !$0.contains("/Queries/") && !$0.contains("/Invalid/") }

    static let validFiles: [String] =
        validFolders.flatMap {
            Conformance.files(under: $0, extensions: ["json", "jsonld", "xml"])
        } + queryDocumentFiles

    /// Official examples that break a rule of the standard, with a phrase of the error that refuses them: the
    /// schema refusals the JSON decoder's tests list (JSONConformanceFiles.refused), and the ones below, where
    /// the rule is kept and the example is wrong.
    static let expectedRefusals: [String: String] = JSONConformanceFiles.refused.merging(semanticRefusals) { $1 }

    static let semanticRefusals: [String: String] = [
        // epcList holds instances (EPCIS 2.0 section 7.3.3); a Digital Link /01/<gtin> without a serial is a class.
        "gs1-EPCIS/JSON-simple-context/WithSensorData/SensorDataExample13.jsonld":
            "instance-level identifier required",
        // Capture-job status resources of the REST binding, not EPCIS documents.
        "gs1-EPCIS/XML/CaptureJob/Example-CaptureJobRunning.xml":
            "EPCISCaptureJob",
        "gs1-EPCIS/XML/CaptureJob/Example-CaptureJobSuccess.xml":
            "EPCISCaptureJob",
        "gs1-EPCIS/XML/CaptureJob/Example-CaptureJobWithErrorFile.xml":
            "EPCISCaptureJob",
        "gs1-EPCIS/XML/CaptureJob/Example-CaptureJobWithErrors.xml":
            "EPCISCaptureJob",
        // URN spellings of CBV terms in JSON, which the JSON Schema forbids (INVENTORY: fails the JSON schema).
        "gs1-EPCIS/XML/WithEventHashID/event_with_identical_hash_id_7.json":
            "is not allowed in JSON",
        // GRAIs that break AI (8003) (GS1 General Specifications 3.9.3, 7.9): a wrong check digit
        // (0300134500077|1 should end in 6), or a first digit other than the 0 filler (95201220000000…).
        "openepcis-test-resources/1.2/EPCIS/XML/Capture/Documents/All_eventTypes_in_single_document.xml":
            "invalid GS1 identifier",
        "openepcis-test-resources/2.0/EPCIS/JSON/Query/Combination_of_different_event.json":
            "invalid GS1 identifier",
        "openepcis-test-resources/2.0/EPCIS/JSON/Query/queryDocument.json":
            "invalid GS1 identifier",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/SensorData_with_combined_events.xml":
            "invalid GS1 identifier",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Documents/QueryResultsDocument.xml":
            "invalid GS1 identifier",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/queryDocument.xml":
            "invalid GS1 identifier",
        // ilmd on an ObjectEvent with action OBSERVE (EPCIS 2.0 section 7.4.2; the JSON Schema forbids it too).
        "openepcis-test-resources/1.2/EPCIS/XML/Capture/Documents/ObjectEvent_all_possible_fields.xml":
            "ilmd only with ADD",
        // A root without the creationDate that EPCglobal.xsd requires (it has `createdAt` instead).
        "openepcis-test-resources/2.0/EPCIS/XML/Query/Combination_of_different_event.xml":
            "missing the required attribute creationDate",
    ]

    static let invalidFolders = [
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Invalid",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Invalid",
        "openepcis-test-resources/2.0/EPCIS/JSON/Query/Invalid", "openepcis-test-resources/2.0/EPCIS/XML/Query/Invalid",
    ]

    /// Every file of the Invalid folders, with a phrase of the reason it must be refused for.
    static let capture = "openepcis-test-resources/2.0/EPCIS"

    static let invalidFiles: [String: String] = [
        "\(capture)/JSON/Capture/Invalid/Combination_of_events_with_missing_mandatory_fields.json": "action",
        "\(capture)/JSON/Capture/Invalid/Combination_of_non_standard_bizStep_and_disposition.json": "transforming",
        "\(capture)/JSON/Capture/Invalid/ObjectEvent_with_invalid_action.json": "CREATE",
        "\(capture)/JSON/Capture/Invalid/ObjectEvent_with_invalid_eventTime_format.json": "22-07-2026",
        "\(capture)/JSON/Capture/Invalid/ObjectEvent_with_non_standard_bizStep.json": "transforming",
        "\(capture)/JSON/Capture/Invalid/ObjectEvent_with_non_standard_disposition.json": "in_transport",
        "\(capture)/JSON/Query/Invalid/QueryDocument_with_invalid_action.json": "INVALIDACTION",
        "\(capture)/XML/Capture/Invalid/ObjectEvent_bare_event_without_action.xml": "action",
        "\(capture)/XML/Capture/Invalid/ObjectEvent_with_invalid_action.xml": "CREATE",
        "\(capture)/XML/Capture/Invalid/ObjectEvent_with_invalid_eventTime_format.xml": "22-07-2026",
        "\(capture)/XML/Capture/Invalid/ObjectEvent_with_unknown_element.xml": "madeUpField",
        "\(capture)/XML/Capture/Invalid/ObjectEvent_without_eventTime.xml": "eventTime",
        "\(capture)/XML/Query/Invalid/QueryDocument_with_invalid_action.xml": "INVALIDACTION",
        // A Poll (a query request), not a document of events: refused as such.
        "\(capture)/XML/Query/Invalid/QueryDocument_with_missing_value.xml": "Poll",
    ]

    @Test("the conformance set is present")
    func conformanceSetPresent() {
        #expect(Self.validFiles.count > 150)
    }

    @Test("every valid official example decodes and validates with no error", arguments: validFiles)
    func validExampleAccepted(path: String) throws {
        // Given an official example
        let data = try Conformance.data(path)
        // When decoded and validated
        let result = F.validator.check(data)
        // Then it is accepted, unless it is a known wrong example refused for its reason
        if let reason = Self.expectedRefusals[path] {
            #expect(!result.accepted)
            #expect(result.errors.contains { $0.message.contains(reason) }, "\(result.errors)")
        } else {
            #expect(result.accepted, "\(result.errors.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("every file of the Invalid folders is known to this test")
    func invalidFoldersCovered() {
        let found = Self.invalidFolders.flatMap { Conformance.files(under: $0, extensions: ["json", "jsonld", "xml"]) }
        #expect(Set(found) == Set(Self.invalidFiles.keys).union(XMLInvalidTests.acceptedWithWarning.keys))
    }

    @Test(
        "an Invalid example whose elements are only out of XSD order is accepted by decode + validate",
        arguments: XMLInvalidTests.acceptedWithWarning.keys.sorted())
    func outOfOrderExampleAccepted(path: String) throws {
        // Given an example whose one fault is the order of its elements
        let data = try Conformance.data(path)
        // When decoded and validated
        let result = F.validator.check(data)
        // Then it is accepted
        #expect(result.accepted, "\(result.errors.map(\.description).joined(separator: "\n"))")
    }

    @Test(
        "every Invalid example is refused by decode + validate, for its reason", arguments: invalidFiles.keys.sorted())
    func invalidExampleRefused(path: String) throws {
        // Given an example meant to be invalid
        let data = try Conformance.data(path)
        // When decoded and validated
        let result = F.validator.check(data)
        // Then it is refused, and an error names the reason
        #expect(!result.accepted)
        let reason = Self.invalidFiles[path] ?? ""
        #expect(
            result.errors.contains { $0.message.contains(reason) || $0.location.contains(reason) },
            "\(result.errors.map(\.description).joined(separator: "\n"))"
        )
    }
}
