public import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads EPCIS XML: EPCIS 2.0 (`urn:epcglobal:epcis:xsd:2`) and EPCIS 1.2 (`urn:epcglobal:epcis:xsd:1`) documents,
/// query documents (`EPCISQueryDocument` with `QueryResults`), and bare events.
///
/// The decoder streams: a SAX parser walks the document, and only the subtree of the event being read is held
/// in memory. It checks what the EPCIS XSD (gs1-EPCIS/XSD/EPCglobal-epcis-2_0.xsd) forbids — unknown elements,
/// standard elements repeated, missing required elements, bad actions, timestamps, offsets, quantities and CBV
/// values, extension elements in the EPCIS namespace — and reports all of them in one pass, each with its line
/// and element path. It is liberal where the meaning is clear: standard elements out of the XSD's order, and a
/// `QueryResults` left unqualified, are read with a warning each (the writer keeps the XSD order and namespaces).
public struct XMLDocumentDecoder: Sendable {
    /// Makes a decoder.
    public init() {}

    /// Reads a whole document.
    /// - Parameter data: the XML bytes.
    /// - Returns: the document with all its events.
    /// - Throws: ``EPCISDocumentError`` with code `malformed` (not well-formed XML, with the parser's line and
    ///   column), `unsupported` (not an EPCIS document) or `invalid` (every schema problem found).
    public func decode(_ data: Data) throws(EPCISDocumentError) -> EPCISDocument {
        try decodeLocated(data).document
    }

    /// Reads a whole document and says where each event stood.
    /// - Parameter data: the XML bytes.
    /// - Returns: the document, and per event its element path
    ///   (`/EPCISDocument/EPCISBody/EventList/ObjectEvent[3]`) and start line.
    /// - Throws: ``EPCISDocumentError`` as ``decode(_:)``.
    public func decodeLocated(_ data: Data) throws(EPCISDocumentError) -> (
        document: EPCISDocument, locations: [EventLocation]
    ) {
        let handler = XMLSAXHandler()
        run(handler, on: data)
        try check(handler)
        return (handler.document, handler.locations)
    }

    /// Reads a document event by event, without keeping the events.
    ///
    /// `body` sees each event that has no error as soon as its end tag is read. The document is only known to be
    /// valid when this returns: a problem further down still makes it throw, so a caller that stores events
    /// should do so in a transaction it can roll back.
    /// - Parameters:
    ///   - data: the XML bytes.
    ///   - body: called with each event and its location; an error it throws stops reading and is rethrown.
    /// - Returns: the document's header, master data and namespaces, with no events.
    /// - Throws: what `body` throws, or ``EPCISDocumentError`` as ``decode(_:)``.
    public func forEachEvent(
        in data: Data, _ body: (EPCISEvent, EventLocation) throws -> Void
    ) throws -> EPCISDocument {
        try forEachEventWithWarnings(in: data, body).document
    }

    /// ``forEachEvent(in:_:)`` that also returns the warnings of the document it accepted (its errors are thrown),
    /// for ``EPCISValidator/check(_:)``, which reports them with its own.
    func forEachEventWithWarnings(
        in data: Data, _ body: (EPCISEvent, EventLocation) throws -> Void
    ) throws -> (document: EPCISDocument, warnings: [Diagnostic]) {
        let handler = XMLSAXHandler()
        handler.keepEvents = false
        withoutActuallyEscaping(body) { escapable in
            handler.onEvent = escapable
            defer { handler.onEvent = nil }
            run(handler, on: data)
        }
        if let error = handler.callbackError { throw error }
        try check(handler)
        return (handler.document, handler.reader.diagnostics)
    }

    /// Every problem in a document, warnings included, without throwing: what a capture interface shows.
    ///
    /// Warnings mark what the decoder accepts although it is not EPCIS 2.0 as the XSD writes it (standard
    /// elements out of the XSD's order or qualified with the EPCIS namespace, an unqualified `QueryResults`,
    /// EPCIS 1.2 placements in a 2.0 document, unqualified user elements in `<extension>`, 1.2 timestamps without
    /// seconds).
    /// - Parameter data: the XML bytes.
    /// - Returns: the diagnostics in document order; empty when the document is clean.
    public func diagnostics(for data: Data) -> [Diagnostic] {
        let handler = XMLSAXHandler()
        handler.keepEvents = false
        run(handler, on: data)
        if let unsupported = handler.unsupported { return [unsupported] }
        return handler.reader.diagnostics + (handler.malformed.map { [$0] } ?? [])
    }

    private func run(_ handler: XMLSAXHandler, on data: Data) {
        // Fed as a stream, the parser gets the bytes in chunks: given all at once, libxml2 stops at its 10 MB
        // look-up limit and reports a well-formed large document as malformed.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        _ = parser.parse()
        // The parser reports one element's namespace declarations in no fixed order; keep the root's as written.
        let order = Self.rootPrefixOrder(data)
        handler.document.namespaces = handler.document.namespaces.enumerated().sorted { a, b in
            (order[a.element.prefix] ?? Int.max, a.offset) < (order[b.element.prefix] ?? Int.max, b.offset)
        }.map(\.element)
    }

    /// The prefixes declared on the root element, by position: scans the bytes of the root's start tag.
    private static func rootPrefixOrder(_ data: Data) -> [String: Int] {
        let bytes = [UInt8](data.prefix(65_536))
        var i = 0
        // Skip the XML declaration, comments, processing instructions and the DOCTYPE.
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count else {
                i += 1
                continue
            }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                while i < bytes.count && bytes[i] != UInt8(ascii: ">") { i += 1 }
                continue
            }
            break
        }
        var order: [String: Int] = [:]
        var quote: UInt8?
        var j = i
        while j < bytes.count {
            let c = bytes[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                break
            } else if c == UInt8(ascii: ":"), j >= 5, Array(bytes[(j - 5)..<j]) == Array("xmlns".utf8) {
                var end = j + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "="), bytes[end] != UInt8(ascii: " ") { end += 1 }
                let prefix = String(decoding: bytes[(j + 1)..<end], as: UTF8.self)
                if order[prefix] == nil { order[prefix] = order.count }
            }
            j += 1
        }
        return order
    }

    private func check(_ handler: XMLSAXHandler) throws(EPCISDocumentError) {
        if let unsupported = handler.unsupported {
            throw EPCISDocumentError(.unsupported, diagnostics: [unsupported])
        }
        if let malformed = handler.malformed {
            throw EPCISDocumentError(.malformed, diagnostics: [malformed])
        }
        let diagnostics = handler.reader.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw EPCISDocumentError(.invalid, diagnostics: diagnostics)
        }
    }
}
