/// The two syntaxes of an EPCIS 2.0 document (EPCIS 2.0 sections 9.4 and 9.5).
public enum EPCISDocumentFormat: String, Sendable, Hashable, CaseIterable {
    /// JSON / JSON-LD.
    case json
    /// XML.
    case xml
}
