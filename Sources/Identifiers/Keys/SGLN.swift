/// A GLN with an extension: `(414)…(254)…`, EPC `urn:epc:id:sgln:…` (extension `0` = the GLN itself).
public struct SGLN: Hashable, Sendable {
    /// The GLN.
    public var gln: GS1Key
    /// The extension (AI 254), or `0` for none.
    public var `extension`: String

    /// Creates an SGLN.
    /// - Parameters:
    ///   - gln: A key of kind ``GS1Key/Kind/gln``.
    ///   - extension: The extension, `0` for none.
    /// - Throws: ``IdentifierError`` when the key is not a GLN or the extension breaks AI 254's rules.
    public init(gln: GS1Key, extension: String = "0") throws(IdentifierError) {
        guard gln.kind == .gln else { throw IdentifierError(.syntax, "\(gln) is not a GLN") }
        try AIDictionary.definition(for: "254")?.validate(`extension`)
        self.gln = gln
        self.extension = `extension`
    }

    /// Parses `urn:epc:id:sgln:…` or a Digital Link `…/414/…[/254/…]`.
    /// - Parameter text: The URN or URI.
    /// - Throws: ``IdentifierError`` when it does not name an SGLN.
    public init(parsing text: String) throws(IdentifierError) {
        let id = try EPCIdentifier.require(text, kind: .sgln)
        try self.init(gln: GS1Key(.gln, id.value(of: "414") ?? ""), extension: id.value(of: "254") ?? "0")
    }

    /// `(414)` and, unless the extension is `0`, `(254)`.
    public var elements: [AIElement] {
        let key = AIElement(ai: "414", value: gln.value)
        return `extension` == "0" ? [key] : [key, AIElement(ai: "254", value: `extension`)]
    }

    /// The canonical Digital Link.
    /// - Parameter domain: The domain.
    /// - Returns: The URI.
    public func digitalLink(domain: String = "https://id.gs1.org") -> String {
        DigitalLink.format(elements, domain: domain)
    }
}
