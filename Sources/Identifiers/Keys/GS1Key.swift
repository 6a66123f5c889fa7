/// A GS1 identification key (GS1 General Specifications §2 and §3), validated: length, character set and check
/// digit. Serialised and class forms are ``SGTIN``, ``LGTIN`` and ``SGLN``.
public struct GS1Key: Hashable, Sendable, CustomStringConvertible {
    /// The key type.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Global Trade Item Number, AI 01 (always stored as GTIN-14; see ``GTIN``).
        case gtin
        /// Serial Shipping Container Code, AI 00.
        case sscc
        /// Global Location Number, AI 414 (also 410-417 in element strings).
        case gln
        /// Global Returnable Asset Identifier, AI 8003.
        case grai
        /// Global Individual Asset Identifier, AI 8004.
        case giai
        /// Global Service Relation Number (recipient), AI 8018.
        case gsrn
        /// Global Service Relation Number (provider), AI 8017.
        case gsrnp
        /// Global Document Type Identifier, AI 253.
        case gdti
        /// Global Identification Number for Consignment, AI 401.
        case ginc
        /// Global Shipment Identification Number, AI 402.
        case gsin
        /// Global Coupon Number, AI 255.
        case gcn
        /// Component / Part Identifier, AI 8010.
        case cpid
        /// Individual Trade Item Piece, AI 8006.
        case itip
        /// Party GLN, AI 417.
        case pgln

        /// The AI that carries this key.
        public var ai: String {
            switch self {
            case .gtin: "01"
            case .sscc: "00"
            case .gln: "414"
            case .grai: "8003"
            case .giai: "8004"
            case .gsrn: "8018"
            case .gsrnp: "8017"
            case .gdti: "253"
            case .ginc: "401"
            case .gsin: "402"
            case .gcn: "255"
            case .cpid: "8010"
            case .itip: "8006"
            case .pgln: "417"
            }
        }

        /// The key type an AI carries, if it carries one (410-416 carry GLNs).
        /// - Parameter ai: An AI.
        /// - Returns: The kind.
        public init?(ai: String) {
            if ["410", "411", "412", "413", "415", "416"].contains(ai) {
                self = .gln
                return
            }
            guard let kind = Kind.allCases.first(where: { $0.ai == ai }) else { return nil }
            self = kind
        }
    }

    /// The key type.
    public let kind: Kind
    /// The key as its AI carries it, e.g. `09506000134352`.
    public let value: String

    /// Validates and creates a key. GTIN-8/12/13 are normalised to GTIN-14.
    /// - Parameters:
    ///   - kind: The key type.
    ///   - value: The key text.
    /// - Throws: ``IdentifierError`` such as `GTIN 09506000134353: check digit should be 2`.
    public init(_ kind: Kind, _ value: String) throws(IdentifierError) {
        if kind == .gtin {
            self.kind = kind
            self.value = try GTIN(value).value
            return
        }
        guard let definition = AIDictionary.definition(for: kind.ai) else {
            throw IdentifierError(.unknownAI, "AI \(kind.ai) is not known")
        }
        do {
            try definition.validate(value)
        } catch {
            throw IdentifierError(error.code, error.message.replacingPlace("AI \(kind.ai) (\(definition.title))", with: kind.rawValue.uppercased()))
        }
        self.kind = kind
        self.value = value
    }

    /// The key in element string form, e.g. `(01)09506000134352`.
    public var element: AIElement { AIElement(ai: kind.ai, value: value) }

    /// E.g. `GTIN 09506000134352`.
    public var description: String { "\(kind.rawValue.uppercased()) \(value)" }
}

extension String {
    /// Replaces the first occurrence of `place` with `replacement`.
    func replacingPlace(_ place: String, with replacement: String) -> String {
        guard let range = firstRange(of: place) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
