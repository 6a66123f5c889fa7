public import Foundation
public import Identifiers

/// Writes EPCIS 2.0 JSON-LD: a whole ``EPCISDocument`` (capture or query document), or one event alone.
///
/// The output carries the standard context (`https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld`)
/// and one object per namespace the document declared or its extensions use, the header and master data, and
/// the events with their fields in the order of the JSON Schema. CBV standard terms are written as bare words,
/// integral numbers without a fraction, and identifiers in the form ``epcFormat`` asks for.
public struct JSONDocumentEncoder: Sendable {
    /// The form of identifiers: as captured, EPC URNs, or GS1 Digital Link URIs.
    public var epcFormat: EPCFormat
    /// Indent with two spaces per level and one member per line.
    public var prettyPrinted: Bool
    /// GS1 Company Prefix lengths, needed to write a Digital Link as a URN.
    public var prefixLengths: (any CompanyPrefixLengthSource)?

    /// Makes an encoder.
    /// - Parameters:
    ///   - epcFormat: the form of identifiers (default: as captured).
    ///   - prettyPrinted: indent the output (default: compact).
    ///   - prefixLengths: GS1 Company Prefix lengths, for Digital Link → URN.
    public init(
        epcFormat: EPCFormat = .asCaptured,
        prettyPrinted: Bool = false,
        prefixLengths: (any CompanyPrefixLengthSource)? = nil
    ) {
        self.epcFormat = epcFormat
        self.prettyPrinted = prettyPrinted
        self.prefixLengths = prefixLengths
    }

    /// Encodes a document.
    /// - Parameter document: the document; a `.document` without `creationDate` gets the current time, which
    ///   the schema requires.
    /// - Returns: UTF-8 JSON-LD.
    public func encode(_ document: EPCISDocument) -> Data {
        var writer = JSONDocumentWriter(encoder: self, document: document)
        writer.writeDocument(document)
        return Data(writer.out.bytes)
    }

    /// Encodes one event alone, with its own `@context` (the body of the REST binding's `POST /events`).
    /// - Parameters:
    ///   - event: the event.
    ///   - namespaces: prefixes to declare for its extensions (others are declared as `ns1`, `ns2`, …).
    /// - Returns: UTF-8 JSON-LD.
    public func encode(_ event: EPCISEvent, namespaces: [NamespaceDeclaration] = []) -> Data {
        var document = EPCISDocument(events: [event])
        document.namespaces = namespaces
        var writer = JSONDocumentWriter(encoder: self, document: document)
        writer.out.beginObject()
        writer.writeContext(document)
        writer.writeEventMembers(event)
        writer.out.endObject()
        return Data(writer.out.bytes)
    }
}
