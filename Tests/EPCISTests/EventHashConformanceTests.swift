import Foundation
import Testing

@testable import EPCIS

/// Every conformance file the reference implementation hashed: decode it, hash every event, and compare pre-hash
/// strings and hash IDs with the reference's, in document order.
@Suite struct EventHashConformanceTests {
    /// (reference set, file) for every file with reference hashes, JSON first.
    static let jsonFiles: [String] = files(suffixes: [".json", ".jsonld"])
    static let xmlFiles: [String] = files(suffixes: [".xml"])

    private static func files(suffixes: [String]) -> [String] {
        ["gs1-EPCIS", "openepcis-test-resources"].flatMap { set in
            EventHashReference.entries(set).keys.filter { path in suffixes.contains { path.hasSuffix($0) } }
        }.sorted()
    }

    /// Where this implementation deliberately differs from the reference, and how the reference string is
    /// rewritten before comparing, with the reason.
    ///
    /// - JSON `true`/`false` literals: the reference writes Python's `str(True)`, `True`, for a JSON boolean, but
    ///   `true` for the same value read from XML, so the same event would get two hashes. We write the xsd:boolean
    ///   lexical form `true`/`false` for both (CBV 2.0 section 8.9 requires JSON and XML to hash alike).
    /// - Leaked prefixes: reference-hashes/ was computed in one Python process, and the tool keeps JSON-LD
    ///   prefixes in a module-global dictionary, so `example:x` in a file that never declares `example` was expanded
    ///   with a namespace from an earlier file. Run on the file alone (`python -m epcis_event_hash_generator FILE`)
    ///   the reference writes `example:x`, as we do.
    /// - Unknown bare measurement types: `EffectiveDoseRate` is no GS1 Web Vocabulary term, and the reference hashes
    ///   the bare word; our JSON decoder reads an unknown bare sensor type as a term of the GS1 Web Vocabulary
    ///   (`https://gs1.org/voc/EffectiveDoseRate`), which is also what the reference hashes for `gs1:EffectiveDoseRate`
    ///   in XML.
    /// - XML schema typing: the reference hashes the `xsi:type` and `xsi:nil` attributes of XML elements as if they
    ///   were content (`{http://www.w3.org/2001/XMLSchema-instance}type=xsd:integer`), which JSON cannot carry;
    ///   the XML decoder reads them as the value's type (a number, a boolean, no quantity), as the EPCIS 2.0
    ///   JSON/XML mapping says, so we hash the value only and JSON and XML agree.
    /// - Compact CBV values in JSON: the reference hashes `cbv:Comp-latitude` as written in JSON-LD but expands it
    ///   to `https://ref.gs1.org/cbv/Comp-latitude` in XML; the JSON decoder reads it as the standard term, whose
    ///   web URI both syntaxes then hash.
    static func expectedPreHash(_ reference: String, file: String) -> String {
        guard !file.hasSuffix(".xml") else {
            let xsi = "{http://www.w3.org/2001/XMLSchema-instance}"
            return reference.replacingOccurrences(
                of: "[a-zA-Z]*QuantityListquantityElementquantity" + NSRegularExpression.escapedPattern(for: xsi)
                    + "nil=true", with: "", options: .regularExpression)
                .replacingOccurrences(
                    of: #"\{http://www\.w3\.org/2001/XMLSchema-instance\}type=xsd:(integer|double|boolean|string|dateTime|decimal|float|long|anyURI|date|int)"#, with: "",
                    options: .regularExpression)
        }
        return reference.replacingOccurrences(of: "booleanValue=True", with: "booleanValue=true")
            .replacingOccurrences(of: "booleanValue=False", with: "booleanValue=false")
            .replacingOccurrences(of: "component=http://ns.example.com/epcis/x", with: "component=example:x")
            .replacingOccurrences(of: "component=https://ns.example.com/epcisx", with: "component=example:x")
            .replacingOccurrences(of: "component=https://ns.example.com/epcis/x", with: "component=example:x")
            .replacingOccurrences(of: "type=EffectiveDoseRate", with: "type=https://gs1.org/voc/EffectiveDoseRate")
            .replacingOccurrences(of: "component=cbv:Comp-", with: "component=https://ref.gs1.org/cbv/Comp-")
    }

    /// Files the reference hashed but our decoder refuses, with the reason (the reference does not validate).
    static let refusedByDecoder: [String: String] = [
        "gs1-EPCIS/XML/WithEventHashID/event_with_identical_hash_id_7.json":
            "a CBV URN as a JSON bizStep; the inventory lists it as failing the JSON Schema",
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents/SensorData_with_combined_events.json":
            "a sensor element without the required 'type' and an unknown measurement type",
        "openepcis-test-resources/2.0/EPCIS/JSON/Query/Invalid/QueryDocument_with_invalid_action.json":
            "an Invalid/ fixture: action INVALID",
    ]

    /// Files whose reference output is not a hash of the events: the reference misreads them.
    static let misreadByReference: [String: String] = [
        "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/Namespace_document.xml":
            "the events use a default namespace, and the reference hashes every child with its {namespace} as a user "
            + "extension (`eventType={urn:epcglobal:epcis:xsd:2}ObjectEvent{urn:epcglobal:epcis:xsd:2}action=ADD…`)",
    ]

    static func decodeOrRefuse(_ file: String, _ decode: () throws -> EPCISDocument) throws -> EPCISDocument? {
        do {
            return try decode()
        } catch {
            // Then a document the decoder refuses is one that is meant to be refused
            #expect(
                file.contains("/Invalid/") || refusedByDecoder[file] != nil,
                "\(file) was refused: \(error)")
            return nil
        }
    }

    static func entry(_ file: String) -> EventHashReference.Entry? {
        let set = file.hasPrefix("gs1-EPCIS/") ? "gs1-EPCIS" : "openepcis-test-resources"
        return EventHashReference.entries(set)[file]
    }

    /// Where two pre-hash strings part, with some context, for a readable failure.
    static func difference(_ ours: String, _ reference: String) -> String {
        let a = Array(ours.utf8), b = Array(reference.utf8)
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        func around(_ x: [UInt8]) -> String {
            String(decoding: x[max(0, i - 60)..<min(x.count, i + 140)], as: UTF8.self)
        }
        return "\n  ours: …\(around(a))\n  ref:  …\(around(b))"
    }

    @Test("every event of every JSON conformance file hashes as the reference does", arguments: jsonFiles)
    func jsonFile(_ file: String) throws {
        // Given a conformance document and the reference's hashes for it
        let reference = try #require(Self.entry(file))
        let data = try Conformance.data(file)
        // When it is decoded and every event hashed
        guard let document = try Self.decodeOrRefuse(file, { try JSONDocumentDecoder().decode(data) }) else { return }
        // The reference hashes `cbvmda:lotNumber` as written when the document does not declare `cbvmda` (the
        // standard context does, as `urn:epcglobal:cbv:mda:`); we match it only in the compatibility mode, and by
        // default hash `{urn:epcglobal:cbv:mda:}lotNumber`, as the reference does when the definition is written out.
        var hasher = EventHasher(for: document)
        if reference.preHashes.contains(where: { $0.contains("cbvmda:") }) {
            #expect(
                document.events.map(hasher.hashID(for:)) != reference.hashes,
                "\(file): the default mode expands the standard context's prefix")
            hasher.keepsUndeclaredStandardPrefixes = true
        }
        // Then pre-hash strings and hash IDs are the reference's, in document order
        try Self.compare(document, hasher: hasher, reference: reference, file: file)
    }

    @Test("every event of every XML conformance file hashes as the reference does", arguments: xmlFiles)
    func xmlFile(_ file: String) throws {
        guard Self.misreadByReference[file] == nil else { return }
        // Given a conformance document and the reference's hashes for it
        let reference = try #require(Self.entry(file))
        let data = try Conformance.data(file)
        // When it is decoded and every event hashed
        guard let document = try Self.decodeOrRefuse(file, { try XMLDocumentDecoder().decode(data) }) else { return }
        // Then pre-hash strings and hash IDs are the reference's, in document order
        try Self.compare(document, hasher: EventHasher(for: document, format: .xml), reference: reference, file: file)
    }

    static func compare(
        _ document: EPCISDocument, hasher: EventHasher, reference: EventHashReference.Entry, file: String
    ) throws {
        #expect(document.events.count == reference.hashes.count, "\(file): event count")
        for (index, event) in document.events.enumerated() where index < reference.preHashes.count {
            let expected = expectedPreHash(reference.preHashes[index], file: file)
            let preHash = hasher.preHashString(for: event)
            #expect(preHash == expected, "\(file) event \(index): \(difference(preHash, expected))")
            if expected == reference.preHashes[index] {
                #expect(hasher.hashID(for: event) == reference.hashes[index], "\(file) event \(index)")
            }
        }
    }
}
