import EPCIS
import Foundation
import Testing

/// What legitimately differs between the JSON-LD and the XML rendering of the same events, taken out before
/// comparing:
/// - XML has no number or boolean leaves without `xsi:type`, so every leaf of a user extension is compared as
///   text (`20` and `"20"` alike);
/// - a one-element JSON array and a single XML element are the same XML, so `[x]` is compared as `x`;
/// - XML trims the whitespace around text, and an empty element is null.
enum TwinNormal {
    static func value(_ value: ExtensionValue) -> ExtensionValue {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? .null : .string(trimmed)
        case .number(let text): return .string(text)
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .null: return .null
        case .array(let values): return values.count == 1 ? Self.value(values[0]) : .array(values.map(Self.value))
        case .object(let members): return .object(elements(members))
        }
    }

    static func elements(_ elements: [ExtensionElement]) -> [ExtensionElement] {
        elements.map { ExtensionElement(name: $0.name, value: value($0.value)) }
    }

    static func event(_ event: EPCISEvent) -> EPCISEvent {
        var event = event
        event.extensions = elements(event.extensions)
        event.ilmd = event.ilmd.map(elements)
        if var location = event.readPoint {
            location.extensions = elements(location.extensions)
            event.readPoint = location
        }
        if var location = event.bizLocation {
            location.extensions = elements(location.extensions)
            event.bizLocation = location
        }
        if var declaration = event.errorDeclaration {
            declaration.extensions = elements(declaration.extensions)
            event.errorDeclaration = declaration
        }
        event.sensorElementList = event.sensorElementList.map { element in
            var element = element
            element.extensions = elements(element.extensions)
            if var metadata = element.metadata {
                metadata.extensions = elements(metadata.extensions)
                element.metadata = metadata
            }
            element.reports = element.reports.map { report in
                var report = report
                report.extensions = elements(report.extensions)
                return report
            }
            return element
        }
        return event
    }
}

@Suite struct XMLJSONTwinTests {
    static let pairs: [(json: String, xml: String)] = {
        var pairs: [(String, String)] = []
        for xml in Conformance.files(under: "gs1-EPCIS/XML", extensions: ["xml"]) {
            let json = "gs1-EPCIS/JSON" + xml.dropFirst("gs1-EPCIS/XML".count).dropLast(4) + ".jsonld"
            if FileManager.default.fileExists(atPath: Conformance.epcisDirectory.appendingPathComponent(json).path) {
                pairs.append((json, xml))
            }
        }
        let open = "openepcis-test-resources/2.0/EPCIS/"
        for xml in Conformance.files(under: open + "XML", extensions: ["xml"]) where !xml.contains("/Invalid/") {
            let json = open + "JSON" + xml.dropFirst((open + "XML").count).dropLast(4) + ".json"
            if FileManager.default.fileExists(atPath: Conformance.epcisDirectory.appendingPathComponent(json).path) {
                pairs.append((json, xml))
            }
        }
        return pairs
    }()

    /// XML files whose JSON twin carries different content: the examples differ, not the codecs.
    static let differentContent: [String: String] = [
        "gs1-EPCIS/XML/WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.xml":
            "JSON has quantity 500 KGM where XML has xsi:nil, and another readPoint",
        "gs1-EPCIS/XML/WithFullCombinationOfFields/aggregation_event_all_possible_fields.xml":
            "JSON adds eventID, errorDeclaration, certificationInfo; times in another offset",
        "gs1-EPCIS/XML/WithFullCombinationOfFields/association_event_all_possible_fields.xml":
            "JSON adds eventID, errorDeclaration, certificationInfo; times in another offset",
        "gs1-EPCIS/XML/WithFullCombinationOfFields/object_event_all_possible_fields.xml":
            "JSON adds eventID, errorDeclaration, certificationInfo; times in another offset",
        "gs1-EPCIS/XML/WithFullCombinationOfFields/transaction_event_all_possible_fields.xml":
            "JSON adds eventID, errorDeclaration, certificationInfo; times in another offset",
        "gs1-EPCIS/XML/WithFullCombinationOfFields/transformation_event_all_possible_fields.xml":
            "JSON adds eventID, errorDeclaration, certificationInfo; times in another offset",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/AggregationEvent_with_sensorData.xml":
            "sensor times written in another offset (same instant, different captured offset)",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/AssociationEvent_with_userExtensions.xml":
            "JSON has an example:myField the XML lacks",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/TransactionEvent_with_userExtensions.xml":
            "JSON has an example:myField the XML lacks",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/ObjectEvent_with_comment.xml":
            "JSON has an rdfs:comment member; the XML has an XML comment, which is not data",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/epcisDocWithAllGS1Keys.xml":
            "JSON writes the SSCC as a Digital Link where XML has the URN",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Events/TransactionEvent.xml":
            "XML has a rail:trainAxleCount the JSON lacks",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/queryDocument.xml":
            "JSON uses id.example.com Digital Links where XML uses id.gs1.org; times in another offset",
        "openepcis-test-resources/2.0/EPCIS/XML/Query/JumbledFieldsOrder.xml":
            "JSON writes eventTime and the sensor times in UTC where XML keeps -06:00 and +01:00",
    ]

    /// The prefixes the standard EPCIS JSON-LD context defines.
    static let jsonLDPredefined: [String: String] = [
        "epcis": "https://ref.gs1.org/epcis/", "cbv": "https://ref.gs1.org/cbv/", "cbvmda": "urn:epcglobal:cbv:mda:",
        "gs1": "https://gs1.org/voc/", "vtype": "urn:epcglobal:epcis:vtype:",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dcterms": "http://purl.org/dc/terms/",
    ]

    static func decodeJSON(_ path: String) throws -> EPCISDocument {
        try JSONDocumentDecoder().decode(Conformance.data(path))
    }

    @Test(
        "the JSON and XML renderings of the same example decode to equal events",
        arguments: pairs.map { "\($0.json) | \($0.xml)" })
    func twinsAgree(pair: String) throws {
        let parts = pair.components(separatedBy: " | ")
        // Given the JSON and the XML rendering of one example
        guard let json = try? Self.decodeJSON(parts[0]) else {
            return  // refused by the JSON decoder (listed in JSONConformanceFiles.refused)
        }
        guard let xml = try? XMLFixtures.decode(parts[1]) else {
            return  // refused by the XML decoder (an XSD-invalid query rendering)
        }
        // When their events are compared, leaving out what legitimately differs
        let jsonEvents = json.events.map(TwinNormal.event)
        let xmlEvents = xml.events.map(TwinNormal.event)
        // Then they are equal (only the types where the examples themselves differ)
        #expect(jsonEvents.count == xmlEvents.count)
        if Self.differentContent[parts[1]] != nil {
            #expect(jsonEvents.map(\.type) == xmlEvents.map(\.type))
            return
        }
        for (index, (a, b)) in zip(jsonEvents, xmlEvents).enumerated() {
            #expect(a == b, "event \(index): \(differingFields(a, b))")
        }
    }

    @Test("JSON → XML → JSON gives back the same document", arguments: JSONConformanceFiles.valid)
    func jsonThroughXML(path: String) throws {
        // Given a decoded JSON document
        let original = try Self.decodeJSON(path)
        // When it goes through XML and back to JSON
        let xml = XMLDocumentEncoder().encode(original)
        let throughXML = try XMLDocumentDecoder().decode(xml)
        let back = try JSONDocumentDecoder().decode(JSONDocumentEncoder().encode(throughXML))
        // Then the events and master data are the same
        #expect(back.events.count == original.events.count)
        for (index, (a, b)) in zip(back.events, original.events).enumerated() {
            #expect(a == b, "event \(index): \(firstDifference(a, b))")
        }
        #expect(back.masterData == original.masterData)
        // What legitimately differs: the document's JSON-LD `id` and extra context URLs have no place in EPCIS
        // XML; XML requires a creationDate, so the encoder writes one when there was none; and XML must declare
        // the prefixes the standard JSON-LD context predefines (cbvmda, gs1, …) when extensions use them.
        var expected = original
        expected.documentID = nil
        expected.extraContextURLs = []
        var got = back
        if original.creationDate == nil { got.creationDate = nil }
        got.namespaces.removeAll { declaration in
            Self.jsonLDPredefined[declaration.prefix] == declaration.namespace
                && !original.namespaces.contains(declaration)
        }
        #expect(got == expected, "\(differingFields(got, expected))")
    }

    @Test(
        "XML written from JSON documents is valid against the EPCIS 2.0 XSD", .enabled(if: XMLLint.path != nil),
        arguments: JSONConformanceFiles.valid)
    func xmlFromJSONIsSchemaValid(path: String) async throws {
        // Given a decoded JSON document
        let document = try Self.decodeJSON(path)
        // When it is written as XML
        let xml = XMLDocumentEncoder().encode(document)
        // Then xmllint finds it valid
        let schema =
            document.kind == .queryDocument
            ? "gs1-EPCIS/XSD/EPCglobal-epcis-query-2_0.xsd" : "gs1-EPCIS/XSD/EPCglobal-epcis-2_0.xsd"
        let errors = try await XMLLint.schemaErrors(xml, schema: schema)
        #expect(errors == nil, "\(path):\n\(errors ?? "")")
    }
}
