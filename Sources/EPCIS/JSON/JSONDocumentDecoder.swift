public import Foundation

/// Reads EPCIS 2.0 JSON / JSON-LD: an `EPCISDocument`, an `EPCISQueryDocument`, or one event sent alone
/// (EPCIS 2.0 section 11; the REST binding's `POST /events`).
///
/// The bytes are read by a pull reader of our own, with no intermediate tree, so memory stays close to the size
/// of the model (``forEachEvent(in:_:)`` does not even keep the events). Every problem that
/// gs1-EPCIS/EPCIS-JSON-Schema.json forbids is reported in one pass with its JSON pointer and the rule: wrong
/// JSON types, unknown properties, properties the event type does not allow, missing required properties, bad
/// enumerations, timestamps, offsets, CBV words and URIs, undeclared namespace prefixes. Semantic rules (check
/// digits, parentID for ADD, …) are ``EPCISValidator``'s.
public struct JSONDocumentDecoder: Sendable {
    /// Makes a decoder.
    public init() {}

    /// Decodes a whole document.
    /// - Parameter data: the JSON bytes.
    /// - Returns: the document with its events.
    /// - Throws: ``EPCISDocumentError`` `.malformed` when the bytes are not JSON (with line and column), or
    ///   `.invalid` with every schema problem found.
    public func decode(_ data: Data) throws(EPCISDocumentError) -> EPCISDocument {
        try decodeLocated(data).document
    }

    /// Decodes a whole document and tells where each event stood.
    /// - Parameter data: the JSON bytes.
    /// - Returns: the document, and for each event its JSON pointer (`/epcisBody/eventList/3`) and line.
    /// - Throws: ``EPCISDocumentError`` as ``decode(_:)`` does.
    public func decodeLocated(_ data: Data) throws(EPCISDocumentError) -> (
        document: EPCISDocument, locations: [EventLocation]
    ) {
        var events: [EPCISEvent] = []
        var locations: [EventLocation] = []
        var document: EPCISDocument
        do {
            document = try run(data) { event, location in
                events.append(event)
                locations.append(location)
            }.document
        } catch let error as EPCISDocumentError {
            throw error
        } catch {
            throw EPCISDocumentError(.invalid, diagnostics: [Diagnostic(at: "/", "\(error)")])
        }
        document.events = events
        return (document, locations)
    }

    /// Reads a document and hands over its events one at a time, without keeping them.
    ///
    /// Events with an error are not handed over. When this throws, a caller that stored the events it was given
    /// must discard them: the document as a whole is refused.
    /// - Parameters:
    ///   - data: the JSON bytes.
    ///   - body: called with each event and where it stood, in document order; an error it throws ends the pass
    ///     and is rethrown.
    /// - Returns: the document's header (kind, context, namespaces, header fields, master data), with no events.
    /// - Throws: ``EPCISDocumentError`` as ``decode(_:)`` does (after every event was read), or `body`'s error.
    public func forEachEvent(
        in data: Data, _ body: (EPCISEvent, EventLocation) throws -> Void
    ) throws -> EPCISDocument {
        try run(data, body).document
    }

    /// ``forEachEvent(in:_:)`` that also returns the warnings of the document it accepted (its errors are thrown),
    /// for ``EPCISValidator/check(_:)``, which reports them with its own.
    func forEachEventWithWarnings(
        in data: Data, _ body: (EPCISEvent, EventLocation) throws -> Void
    ) throws -> (document: EPCISDocument, warnings: [Diagnostic]) {
        try run(data, body)
    }

    /// Every problem in a document, warnings too (a duplicate member name, a GS1 Web Vocabulary word this
    /// implementation does not list, an `@context` entry that is not a prefix), for a capture interface that
    /// shows them all. The decoding functions throw only for errors.
    /// - Parameter data: the JSON bytes.
    /// - Returns: the diagnostics in document order; one, with line and column, when the bytes are not JSON.
    public func diagnose(_ data: Data) -> [Diagnostic] {
        switch parse(data, { _, _ in true }) {
        case .failure(let syntax): [syntax.diagnostic]
        case .success(let output): output.diagnostics
        }
    }

    private typealias Output = (document: EPCISDocument, diagnostics: [Diagnostic], errorCount: Int)

    private func parse(_ data: Data, _ consume: (EPCISEvent, EventLocation) -> Bool) -> Result<Output, JSONSyntaxError>
    {
        withoutActuallyEscaping(consume) { consumer in
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var parser = JSONDocumentParser(reader: JSONReader(bytes), consumer: consumer)
                do throws(JSONSyntaxError) {
                    try parser.root()
                    return .success((parser.document, parser.diagnostics, parser.errorCount))
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    private func run(
        _ data: Data, _ body: (EPCISEvent, EventLocation) throws -> Void
    ) throws -> (document: EPCISDocument, warnings: [Diagnostic]) {
        var consumerError: (any Error)?
        let outcome = parse(data) { event, location in
            do {
                try body(event, location)
                return true
            } catch {
                consumerError = error
                return false
            }
        }
        if let consumerError { throw consumerError }
        switch outcome {
        case .failure(let syntax):
            throw EPCISDocumentError(.malformed, diagnostics: [syntax.diagnostic])
        case .success(let output):
            if output.errorCount > 0 {
                throw EPCISDocumentError(.invalid, diagnostics: output.diagnostics)
            }
            return (output.document, output.diagnostics)
        }
    }
}
