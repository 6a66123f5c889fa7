import EPCIS
import Foundation
import Testing

/// The decoder refuses what the XSD forbids: documents broken on purpose are refused by both xmllint (with the
/// GS1 XSD) and the decoder, except standard elements out of the XSD's order, which the decoder reads with a
/// warning (the order carries no meaning, and producers do not all keep it). Rules the decoder adds beyond the XSD
/// (CBV bare words, the ±hh:mm offset form) are tested in XMLDiagnosticsTests.
@Suite(.enabled(if: XMLLint.path != nil)) struct XMLSchemaAgreementTests {
    static let documents = [
        "gs1-EPCIS/XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml",
        "gs1-EPCIS/XML/Example-PersistentDisposition.xml",
        "gs1-EPCIS/XML/Example-TransactionEvent-2020_07_03y.xml",
        "gs1-EPCIS/XML/WithExtension/TransformationEvent.xml",
        "gs1-EPCIS/XML/AssociationEvent/AssociationEventExamples.xml",
        "gs1-EPCIS/XML/WithSensorData/SensorDataExamples.xml",
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/ObjectEvent_with_userExtensions.xml",
    ]

    /// A way to break a document that the XSD forbids; nil when the document has nothing to break that way.
    struct Mutation: Sendable {
        let name: String
        /// nil: the decoder refuses it; otherwise words of the warning with which the decoder reads it.
        var warning: String? = nil
        let apply: @Sendable ([String]) -> [String]?
    }

    static func replacingFirst(_ lines: [String], where match: (String) -> Bool, with make: (String) -> [String])
        -> [String]?
    {
        guard let index = lines.firstIndex(where: match) else { return nil }
        var lines = lines
        lines.replaceSubrange(index...index, with: make(lines[index]))
        return lines
    }

    static let mutations: [Mutation] = [
        Mutation(name: "unknown action") { lines in
            replacingFirst(lines, where: { $0.contains("<action>") }) { _ in ["<action>CREATE</action>"] }
        },
        Mutation(name: "no eventTime") { lines in
            replacingFirst(lines, where: { $0.contains("<eventTime>") }) { _ in [] }
        },
        Mutation(name: "timestamp without T") { lines in
            replacingFirst(lines, where: { $0.contains("<eventTime>") }) { _ in
                ["<eventTime>2024-01-01 10:00:00Z</eventTime>"]
            }
        },
        Mutation(name: "unknown unqualified element") { lines in
            replacingFirst(lines, where: { $0.contains("</eventTimeZoneOffset>") }) {
                [$0, "<madeUpField>1</madeUpField>"]
            }
        },
        Mutation(name: "extension element in the EPCIS namespace") { lines in
            replacingFirst(lines, where: { $0.contains("</eventTimeZoneOffset>") }) {
                [$0, "<epcis:myField>1</epcis:myField>"]
            }
        },
        Mutation(name: "eventTimeZoneOffset after action", warning: "<eventTimeZoneOffset> must come before") {
            lines in
            guard let offset = lines.firstIndex(where: { $0.contains("<eventTimeZoneOffset>") }),
                let action = lines.firstIndex(where: { $0.contains("<action>") }), action > offset
            else { return nil }
            var lines = lines
            let moved = lines.remove(at: offset)
            lines.insert(moved, at: action)
            return lines
        },
        Mutation(name: "non-numeric quantity") { lines in
            replacingFirst(lines, where: { $0.contains("<quantity>") }) { _ in ["<quantity>ten</quantity>"] }
        },
        Mutation(name: "quantityElement without epcClass") { lines in
            replacingFirst(lines, where: { $0.contains("<epcClass>") }) { _ in [] }
        },
        Mutation(name: "standard element repeated") { lines in
            replacingFirst(lines, where: { $0.contains("<eventTimeZoneOffset>") }) { [$0, $0] }
        },
        Mutation(name: "source without type") { lines in
            replacingFirst(lines, where: { $0.contains("<source type=") }) { _ in
                ["<source>urn:epc:id:pgln:4012345.00001</source>"]
            }
        },
    ]

    @Test("what the XSD forbids, the decoder refuses too", arguments: documents)
    func brokenDocumentsAreRefusedByBoth(path: String) async throws {
        // Given a valid document, written by the encoder one element per line
        let xml = XMLDocumentEncoder().encodeString(try XMLFixtures.decode(path))
        let lines = xml.components(separatedBy: "\n")
        for mutation in Self.mutations {
            // When it is broken in one way the XSD forbids
            guard let broken = mutation.apply(lines) else { continue }
            let data = Data(broken.joined(separator: "\n").utf8)
            // Then xmllint refuses it, and so does the decoder, or it reads it with a warning that says why
            let schemaErrors = try await XMLLint.schemaErrors(data, schema: "gs1-EPCIS/XSD/EPCglobal-epcis-2_0.xsd")
            #expect(schemaErrors != nil, "\(mutation.name): the XSD accepts it, the mutation is wrong")
            let refused = (try? XMLDocumentDecoder().decode(data)) == nil
            if let warning = mutation.warning {
                #expect(!refused, "\(path): \(mutation.name) was refused by the decoder")
                let diagnostics = XMLDocumentDecoder().diagnostics(for: data)
                #expect(
                    diagnostics.contains { $0.severity == .warning && $0.message.contains(warning) },
                    "\(path): \(mutation.name): \(diagnostics)")
            } else {
                #expect(refused, "\(path): \(mutation.name) was accepted by the decoder")
            }
        }
    }
}
