/// A serialised GTIN: GTIN + serial number, `(01)…(21)…`, EPC `urn:epc:id:sgtin:…`.
public struct SGTIN: Hashable, Sendable {
    /// The GTIN.
    public var gtin: GTIN
    /// The serial (AI 21, up to 20 characters of GS1 character set 82).
    public var serial: String

    /// Creates an SGTIN, checking the serial.
    /// - Parameters:
    ///   - gtin: The GTIN.
    ///   - serial: The serial.
    /// - Throws: ``IdentifierError`` when the serial breaks AI 21's rules.
    public init(gtin: GTIN, serial: String) throws(IdentifierError) {
        try AIDictionary.definition(for: "21")?.validate(serial)
        self.gtin = gtin
        self.serial = serial
    }

    /// Parses `urn:epc:id:sgtin:…`.
    /// - Parameter urn: The EPC URN.
    /// - Throws: ``IdentifierError`` when the URN is malformed or of another scheme.
    public init(urn: String) throws(IdentifierError) {
        try self.init(EPCIdentifier.require(urn, kind: .sgtin))
    }

    /// Parses a Digital Link `…/01/…/21/…`.
    /// - Parameter digitalLink: The URI.
    /// - Throws: ``IdentifierError`` when it does not name an SGTIN.
    public init(digitalLink: String) throws(IdentifierError) {
        try self.init(EPCIdentifier.require(digitalLink, kind: .sgtin))
    }

    private init(_ id: EPCIdentifier) throws(IdentifierError) {
        try self.init(gtin: GTIN(id.value(of: "01") ?? ""), serial: id.value(of: "21") ?? "")
    }

    /// The EPC identifier.
    public var epc: EPCIdentifier {
        EPCIdentifier(kind: .sgtin, elements: elements, companyPrefixLength: nil)
    }

    /// `(01)` and `(21)`.
    public var elements: [AIElement] { [AIElement(ai: "01", value: gtin.value), AIElement(ai: "21", value: serial)] }

    /// The EPC URN for a company prefix length source.
    /// - Parameter prefixLengths: Where the company prefix length comes from.
    /// - Returns: The URN, or nil when the length is unknown.
    public func urn(prefixLengths: any CompanyPrefixLengthSource) -> String? { epc.urn(prefixLengths: prefixLengths) }

    /// The canonical Digital Link.
    /// - Parameter domain: The domain.
    /// - Returns: The URI.
    public func digitalLink(domain: String = "https://id.gs1.org") -> String {
        DigitalLink.format(elements, domain: domain)
    }
}

extension EPCIdentifier {
    /// Parses `text` and insists on `kind`.
    static func require(_ text: String, kind: Kind) throws(IdentifierError) -> EPCIdentifier {
        guard let id = try parse(text) else {
            throw IdentifierError(.syntax, "\(text): not an EPC URN or GS1 Digital Link")
        }
        guard id.kind == kind else {
            throw IdentifierError(.unknownScheme, "\(text): is a \(id.kind.rawValue), expected \(kind.rawValue)")
        }
        return id
    }
}
