/// An uncompressed GS1 Digital Link URI (GS1 Digital Link standard 1.x §4-§6): a primary key, its key qualifiers
/// in the standard's order, and data attributes from the query string.
public struct DigitalLink: Hashable, Sendable {
    /// The part before the first AI: scheme, host and any path prefix, e.g. `https://example.com/shop`.
    public var domain: String
    /// The primary key, e.g. `(01) 09506000134352`.
    public var primaryKey: AIElement
    /// Key qualifiers in path order, e.g. `(10) ABC`, `(21) 123`.
    public var qualifiers: [AIElement]
    /// Data attributes from the query string whose names are AIs, e.g. `(17) 201225`; other parameters are dropped.
    public var attributes: [AIElement]

    /// Key qualifiers each primary key may have, in the order they must appear (DL standard §4.5, Figure 4-1).
    /// For GTIN, `235` may stand where `21` stands.
    static let qualifierOrder: [String: [String]] = [
        "01": ["22", "10", "21", "235"], "8006": ["22", "10", "21"], "8010": ["8011"], "414": ["254", "7040"],
        "8018": ["8019"], "415": ["8020"], "00": [], "417": [], "8003": [], "8004": [], "8017": [], "253": [],
        "255": [], "401": [], "402": [], "8013": [],
    ]

    /// Primary keys whose value starts with digits: a path such as `/01/report` is then not a Digital Link at all.
    static let textKeys: Set<String> = ["8004", "401", "8010", "8013"]

    /// Every element: primary key, qualifiers, attributes.
    public var elements: [AIElement] { [primaryKey] + qualifiers + attributes }

    /// Creates a Digital Link from elements (the first is the primary key).
    /// - Parameters:
    ///   - domain: Scheme, host and optional path prefix.
    ///   - primaryKey: The primary key.
    ///   - qualifiers: Key qualifiers.
    ///   - attributes: Data attributes.
    public init(
        domain: String = "https://id.gs1.org", primaryKey: AIElement, qualifiers: [AIElement] = [],
        attributes: [AIElement] = []
    ) {
        self.domain = domain
        self.primaryKey = primaryKey
        self.qualifiers = qualifiers
        self.attributes = attributes
    }

    /// Parses a Digital Link URI on any domain.
    /// - Parameter text: The URI.
    /// - Throws: ``IdentifierError`` when the text is not a Digital Link or breaks its rules.
    public init(parsing text: String) throws(IdentifierError) {
        guard let link = try Self.parseIfGS1(text) else {
            throw IdentifierError(.syntax, "\(text): not a GS1 Digital Link (no primary key such as /01/ in the path)")
        }
        self = link
    }

    /// The URI with the qualifiers in canonical order and the attributes as a query string.
    /// - Parameter domain: The domain to use instead of the parsed one (nil keeps it).
    /// - Returns: The URI.
    public func uri(domain: String? = nil) -> String {
        var text = Self.format([primaryKey] + qualifiers, domain: domain ?? self.domain)
        if !attributes.isEmpty {
            text += "?" + attributes.map { "\($0.ai)=\(PercentEncoding.encodeDigitalLink($0.value))" }.joined(separator: "&")
        }
        return text
    }

    /// `domain/ai/value/ai/value…` with values percent-encoded for a path segment.
    static func format(_ elements: [AIElement], domain: String) -> String {
        var text = domain.hasSuffix("/") ? String(domain.dropLast()) : domain
        for element in elements {
            text += "/\(element.ai)/\(PercentEncoding.encodeDigitalLink(element.value))"
        }
        return text
    }
}
