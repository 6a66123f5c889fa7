/// A China tracing code (drug, pesticide or veterinary drug) as an identifier URI in EPCIS events.
///
/// None of the three codes has a URI form of its own: the labels carry the bare digits (a pesticide label's QR
/// code adds a tracing URL of the maker's choosing). EPCIS 2.0 (section 7.3.3) wants every identifier to be a
/// URI and leaves identifiers outside GS1 to URIs under an authority that defines them, so Suyuan writes them
/// under its own (docs/decisions/0015):
///
/// | code | URI |
/// |---|---|
/// | drug (20 digits) | `https://id.suyuan.org/cn/drug/81234567890123456789` |
/// | pesticide (32 digits) | `https://id.suyuan.org/cn/pesticide/10800051001…` |
/// | veterinary drug (24 digits) | `https://id.suyuan.org/cn/vetdrug/202403150012345678901234` |
///
/// A URI under `https://id.suyuan.org/cn/` claims to be one of these codes, so a malformed one is an error, not
/// some other URI; every other URI is not a China code.
public enum ChinaTraceCode: Hashable, Sendable, CustomStringConvertible {
    /// A 20-digit drug traceability code.
    case drug(ChinaDrugTraceCode)
    /// A 32-digit pesticide label unit code.
    case pesticide(ChinaPesticideCode)
    /// A 24-digit veterinary drug tracing code.
    case veterinaryDrug(ChinaVeterinaryDrugCode)

    /// The kinds of code and their path segment in the URI.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case drug
        case pesticide
        case veterinaryDrug = "vetdrug"

        /// The kind in words, e.g. `veterinary drug code`.
        public var name: String {
            switch self {
            case .drug: "drug traceability code"
            case .pesticide: "pesticide code"
            case .veterinaryDrug: "veterinary drug code"
            }
        }

        /// The number of digits of a code of this kind.
        public var digitCount: Int {
            switch self {
            case .drug: 20
            case .pesticide: 32
            case .veterinaryDrug: 24
            }
        }
    }

    /// The start of every China code URI.
    public static let uriPrefix = "https://id.suyuan.org/cn/"

    /// Reads a code from its URI.
    /// - Parameter uri: any identifier URI.
    /// - Returns: the code, or nil when the URI is not under ``uriPrefix``.
    /// - Throws: ``IdentifierError`` when the URI is under ``uriPrefix`` but names no kind or a malformed code;
    ///   the message names the digit position and the rule.
    public static func parse(uri: String) throws(IdentifierError) -> ChinaTraceCode? {
        guard uri.hasPrefix(uriPrefix) else { return nil }
        let rest = uri.dropFirst(uriPrefix.count)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])) else {
            let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw IdentifierError(
                .syntax, "\(uri): a China code URI is \(uriPrefix)<kind>/<digits>, kind one of \(kinds)")
        }
        let digits = String(parts[1])
        if let bad = digits.firstIndex(where: { !$0.isASCII || !$0.isNumber }) {
            let position = digits.distance(from: digits.startIndex, to: bad) + 1
            throw IdentifierError(
                .characterSet,
                "\(uri): \(kind.name) character '\(digits[bad])' at position \(position) is not a digit "
                    + "(the URI holds the digits only)")
        }
        return try ChinaTraceCode(kind: kind, digits: digits)
    }

    /// Checks a code of a known kind.
    /// - Parameters:
    ///   - kind: which code it is.
    ///   - digits: the code (spaces and hyphens are ignored).
    /// - Throws: ``IdentifierError`` naming the digit position and the rule.
    public init(kind: Kind, digits: String) throws(IdentifierError) {
        switch kind {
        case .drug: self = .drug(try ChinaDrugTraceCode(digits))
        case .pesticide: self = .pesticide(try ChinaPesticideCode(digits))
        case .veterinaryDrug: self = .veterinaryDrug(try ChinaVeterinaryDrugCode(digits))
        }
    }

    /// Which kind of code this is.
    public var kind: Kind {
        switch self {
        case .drug: .drug
        case .pesticide: .pesticide
        case .veterinaryDrug: .veterinaryDrug
        }
    }

    /// The digits.
    public var digits: String {
        switch self {
        case .drug(let code): code.value
        case .pesticide(let code): code.value
        case .veterinaryDrug(let code): code.value
        }
    }

    /// The identifier URI, e.g. `https://id.suyuan.org/cn/pesticide/1080005…`.
    public var uri: String { Self.uriPrefix + kind.rawValue + "/" + digits }

    /// The identifier URI.
    public var description: String { uri }

    /// The kind a bare code of this length would be, for hints when one is written where a URI belongs.
    /// - Parameter text: any text.
    /// - Returns: the kind whose digit count `text` has, when it is all digits.
    public static func kind(ofBareCode text: String) -> Kind? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Kind.allCases.first { $0.digitCount == text.count }
    }
}
