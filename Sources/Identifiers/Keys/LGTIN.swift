/// A GTIN with a batch/lot: `(01)…(10)…`, EPC class `urn:epc:class:lgtin:…`.
public struct LGTIN: Hashable, Sendable {
    /// The GTIN.
    public var gtin: GTIN
    /// The batch/lot (AI 10).
    public var lot: String

    /// Creates an LGTIN, checking the lot.
    /// - Parameters:
    ///   - gtin: The GTIN.
    ///   - lot: The batch/lot.
    /// - Throws: ``IdentifierError`` when the lot breaks AI 10's rules.
    public init(gtin: GTIN, lot: String) throws(IdentifierError) {
        try AIDictionary.definition(for: "10")?.validate(lot)
        self.gtin = gtin
        self.lot = lot
    }

    /// Parses `urn:epc:class:lgtin:…` or a Digital Link `…/01/…/10/…`.
    /// - Parameter text: The URN or URI.
    /// - Throws: ``IdentifierError`` when it does not name an LGTIN.
    public init(parsing text: String) throws(IdentifierError) {
        let id = try EPCIdentifier.require(text, kind: .lgtin)
        try self.init(gtin: GTIN(id.value(of: "01") ?? ""), lot: id.value(of: "10") ?? "")
    }

    /// `(01)` and `(10)`.
    public var elements: [AIElement] { [AIElement(ai: "01", value: gtin.value), AIElement(ai: "10", value: lot)] }

    /// The EPC class URN for a company prefix length source.
    /// - Parameter prefixLengths: Where the company prefix length comes from.
    /// - Returns: The URN, or nil when the length is unknown.
    public func urn(prefixLengths: any CompanyPrefixLengthSource) -> String? {
        EPCIdentifier(kind: .lgtin, elements: elements, companyPrefixLength: nil).urn(prefixLengths: prefixLengths)
    }

    /// The canonical Digital Link.
    /// - Parameter domain: The domain.
    /// - Returns: The URI.
    public func digitalLink(domain: String = "https://id.gs1.org") -> String {
        DigitalLink.format(elements, domain: domain)
    }
}
