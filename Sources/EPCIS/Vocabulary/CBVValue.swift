/// A value of a CBV vocabulary: a standard term, or any other URI (a user vocabulary), kept as it is.
///
/// Two spellings of the same standard term are equal: `CBVValue("shipping", in: .bizStep)` equals
/// `CBVValue("urn:epcglobal:cbv:bizstep:shipping", in: .bizStep)`.
public struct CBVValue: Hashable, Sendable {
    /// The vocabulary this value belongs to.
    public let vocabulary: CBVVocabulary
    /// The bare word when the value is a standard term of the vocabulary (`shipping`), otherwise nil.
    public let standardTerm: String?
    /// The value's URI: the web URI of a standard term (`https://ref.gs1.org/cbv/BizStep-shipping`), or the
    /// user's URI as captured.
    public let uri: String

    /// Reads any spelling of a value.
    /// - Parameters:
    ///   - text: a bare standard term, its web URI, its URN, or any other absolute URI.
    ///   - vocabulary: the vocabulary the field takes its values from.
    /// - Returns: nil when `text` is neither a standard term (in any spelling) nor an absolute URI.
    public init?(_ text: String, in vocabulary: CBVVocabulary) {
        self.vocabulary = vocabulary
        if let term = CBVValue.standardTerm(of: text, in: vocabulary) {
            standardTerm = term
            uri = vocabulary.webURIPrefix + term
        } else if CBVValue.isAbsoluteURI(text) {
            standardTerm = nil
            uri = text
        } else {
            return nil
        }
    }

    /// The spelling used in JSON-LD: the bare word of a standard term, or the URI.
    public var jsonValue: String { standardTerm ?? uri }

    /// The spelling used in EPCIS XML: the URN of a standard term (`gs1:` compact form for GS1 Web Vocabulary
    /// terms), or the URI.
    public var xmlValue: String {
        guard let standardTerm else { return uri }
        return vocabulary.urnPrefix + standardTerm
    }

    private static func standardTerm(of text: String, in vocabulary: CBVVocabulary) -> String? {
        let terms = vocabulary.standardTerms
        if terms.contains(text) { return text }
        for prefix in [vocabulary.webURIPrefix, vocabulary.urnPrefix] where text.hasPrefix(prefix) {
            let term = String(text.dropFirst(prefix.count))
            if terms.contains(term) { return term }
        }
        return nil
    }

    /// An absolute URI per RFC 3986: a scheme, then ":" and something.
    static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[text.startIndex..<colon]
        guard let first = scheme.unicodeScalars.first, first.properties.isASCIIHexDigit || first.isASCIILetter
        else { return false }
        let schemeOK = first.isASCIILetter
            && scheme.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
        return schemeOK && text.index(after: colon) < text.endIndex
            && !text.unicodeScalars.contains { $0 == " " || $0.properties.generalCategory == .control }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
