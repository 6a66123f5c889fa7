import EPCIS
import Foundation
import Identifiers
import Testing

@Suite struct JSONRoundTripTests {
    private func decode(_ data: Data) throws -> EPCISDocument {
        try JSONDocumentDecoder().decode(data)
    }

    @Test("JSON → model → JSON → model gives the same document", arguments: JSONConformanceFiles.valid)
    func roundTrip(_ file: String) throws {
        // Given a decoded conformance document
        let original = try decode(try Conformance.data(file))
        let bare = file.contains("/Capture/Events/")
        for pretty in [false, true] {
            // When it is written (alone, if it was a bare event) and read again
            let encoder = JSONDocumentEncoder(prettyPrinted: pretty)
            let written = bare ? encoder.encode(original.events[0], namespaces: original.namespaces) : encoder.encode(original)
            let result = Result { () throws(EPCISDocumentError) in try JSONDocumentDecoder().decode(written) }
            if case .failure(let error) = result {
                Issue.record("\(file) (pretty: \(pretty)):\n\(error)\n\(String(decoding: written, as: UTF8.self))")
            }
            // Then the model is equal
            #expect(try result.get() == original, "\(file)")
        }
    }

    /// Files that list one identifier in both spellings: written in one form they list it twice, which the
    /// schema's `uniqueItems` refuses, so the translation is checked on the other files.
    static let spelledTwice: Set<String> = [
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents/epcisDocWithAllGS1Keys.json"  // SSCC as URN and DL
    ]

    @Test("URN → Digital Link → URN keeps the document equal", arguments: JSONConformanceFiles.valid.filter { !spelledTwice.contains($0) })
    func digitalLinkRoundTrip(_ file: String) throws {
        // Given a document, and the company prefix lengths its URNs show
        let data = try Conformance.data(file)
        var original = try decode(data)
        original.creationDate = original.creationDate ?? EPCISDateTime("2026-01-01T00:00:00Z")
        let table = try CompanyPrefixLengthTable(Self.prefixLengths(in: String(decoding: data, as: UTF8.self)))
        // When it is written with Digital Links, read, and written with URNs
        let asLinks = try decode(JSONDocumentEncoder(epcFormat: .digitalLink).encode(original))
        let back = try decode(JSONDocumentEncoder(epcFormat: .urn, prefixLengths: table).encode(asLinks))
        // Then it is the document read with URNs throughout
        let expected = try decode(JSONDocumentEncoder(epcFormat: .urn, prefixLengths: table).encode(original))
        #expect(back == expected, "\(file)")
        // And no identifier is left as an EPC URN in the Digital Link form
        for event in asLinks.events {
            let identifiers = event.epcList + event.childEPCs + event.inputEPCList + event.outputEPCList
                + [event.parentID, event.readPoint?.id, event.bizLocation?.id].compactMap { $0 }
            for identifier in identifiers {
                #expect(!identifier.text.hasPrefix("urn:epc:id:"), "\(file): \(identifier)")
            }
        }
    }

    /// `company prefix → length` from every EPC URN in `text` (the digits before the first dot).
    static func prefixLengths(in text: String) -> [String: Int] {
        var table: [String: Int] = [:]
        var rest = Substring(text)
        while let range = rest.range(of: "urn:epc:") {
            rest = rest[range.upperBound...]
            let parts = rest.prefix(while: { $0 != "\"" }).split(separator: ":")
            guard parts.count >= 3, let prefix = parts[2].split(separator: ".").first,
                prefix.allSatisfy(\.isNumber), (6...12).contains(prefix.count)
            else { continue }
            table[String(prefix)] = prefix.count
        }
        return table
    }
}
