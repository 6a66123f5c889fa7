public import Foundation
public import Identifiers

/// Writes EPCIS 2.0 XML that validates against gs1-EPCIS/XSD/EPCglobal-epcis-2_0.xsd.
///
/// Standard elements are unqualified and in schema order; CBV values are written in URN form (`gs1:` for GS1
/// Web Vocabulary terms); sensor metadata and reports are attributes; master data goes in the header; user
/// extensions are elements, a JSON array as repeated elements, with `xsi:type` on numbers and booleans so that
/// they read back as numbers and booleans. Every namespace an extension uses is declared on the root.
public struct XMLDocumentEncoder: Sendable {
    /// How the encoder writes.
    public struct Options: Sendable {
        /// The form of identifiers (as captured, EPC URN or GS1 Digital Link).
        public var epcFormat: EPCFormat
        /// Indent nested elements, one per line.
        public var prettyPrinted: Bool
        /// GS1 Company Prefix lengths, to turn Digital Links into EPC URNs.
        public var prefixLengths: (any CompanyPrefixLengthSource)?

        /// Makes options.
        /// - Parameters:
        ///   - epcFormat: the identifier form; as captured by default.
        ///   - prettyPrinted: indent the output; on by default.
        ///   - prefixLengths: company prefix lengths for Digital Link → URN.
        public init(
            epcFormat: EPCFormat = .asCaptured, prettyPrinted: Bool = true,
            prefixLengths: (any CompanyPrefixLengthSource)? = nil
        ) {
            self.epcFormat = epcFormat
            self.prettyPrinted = prettyPrinted
            self.prefixLengths = prefixLengths
        }
    }

    /// The options in use.
    public var options: Options

    /// Makes an encoder.
    /// - Parameter options: how to write.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Writes a document (an `EPCISDocument`, or an `EPCISQueryDocument` with its `QueryResults`).
    /// - Parameter document: the document.
    /// - Returns: UTF-8 XML.
    public func encode(_ document: EPCISDocument) -> Data {
        Data(encodeString(document).utf8)
    }

    /// Writes a document as a string.
    /// - Parameter document: the document.
    /// - Returns: the XML text, with an XML declaration.
    public func encodeString(_ document: EPCISDocument) -> String {
        var context = XMLEncodingContext(options: options, namespaces: XMLNamespaceTable(document.namespaces))
        let isQuery = document.kind == .queryDocument
        context.writer = XMLTextWriter(prettyPrinted: options.prettyPrinted, depth: 1)
        let creationDate = (document.creationDate ?? EPCISDateTime(Date())).text
        context.writeHeader(document, creationDate: creationDate)
        context.writer.open("EPCISBody")
        if isQuery {
            context.writer.open("epcisq:QueryResults")
            context.writer.leaf("queryName", document.queryName ?? "SimpleEventQuery")
            if let subscriptionID = document.subscriptionID { context.writer.leaf("subscriptionID", subscriptionID) }
            context.writer.open("resultsBody")
        }
        context.writer.open("EventList")
        for event in document.events { context.write(event) }
        context.writer.close("EventList")
        if isQuery {
            context.writer.close("resultsBody")
            context.writer.close("epcisq:QueryResults")
        }
        context.writer.close("EPCISBody")
        // Header extensions other than the SBDH have no place in EPCISHeader; the document's own ##other
        // wildcard after EPCISBody takes them.
        for element in document.headerExtensions where element.name.namespace != XMLNames.sbdh {
            context.write(element)
        }
        let body = context.writer.text

        let root = isQuery ? "epcisq:EPCISQueryDocument" : "epcis:EPCISDocument"
        var attributes: [(String, String)] = [
            isQuery ? ("xmlns:epcisq", XMLNames.query2) : ("xmlns:epcis", XMLNames.epcis2),
            ("xmlns:xsi", XMLNames.xsi), ("xmlns:xsd", XMLNames.xsd),
        ]
        if context.usesSBDH { attributes.append(("xmlns:sbdh", XMLNames.sbdh)) }
        attributes += context.namespaces.declarations.map { ("xmlns:\($0.prefix)", $0.namespace) }
        attributes.append(("schemaVersion", "2.0"))
        attributes.append(("creationDate", creationDate))
        var rootWriter = XMLTextWriter(prettyPrinted: options.prettyPrinted)
        rootWriter.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        rootWriter.open(root, attributes)
        rootWriter.raw((options.prettyPrinted ? "\n" : "") + body)
        rootWriter.close(root)
        return rootWriter.text + (options.prettyPrinted ? "\n" : "")
    }
}
