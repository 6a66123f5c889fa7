extension EPCIdentifier {
    /// The EPC identity that a Digital Link names (TDS 2.x §7 mapping); nil for primary keys that have no EPC
    /// scheme (GMN `8013`, `415`).
    /// - Parameters:
    ///   - digitalLink: A parsed Digital Link.
    ///   - prefixLengths: Where to find the company prefix length for ``urn``.
    /// - Throws: ``IdentifierError`` when the key does not fit the EPC scheme.
    public init?(digitalLink: DigitalLink, prefixLengths: (any CompanyPrefixLengthSource)? = nil) throws(IdentifierError) {
        let key = digitalLink.primaryKey
        func q(_ ai: String) -> AIElement? { digitalLink.qualifiers.first { $0.ai == ai } }
        let kind: Kind
        var elements = [key]
        switch key.ai {
        case "01":
            if let serial = q("21") {
                kind = .sgtin
                elements.append(serial)
            } else if let tpx = q("235") {
                kind = .upui
                elements.append(tpx)
            } else if let lot = q("10") {
                kind = .lgtin
                elements.append(lot)
            } else {
                kind = .gtinClass
            }
        case "00": kind = .sscc
        case "414":
            kind = .sgln
            if let ext = q("254"), ext.value != "0" { elements.append(ext) }
        case "417": kind = .pgln
        case "8003": kind = .grai
        case "8004": kind = .giai
        case "8017": kind = .gsrnp
        case "8018": kind = .gsrn
        case "253": kind = .gdti
        case "255": kind = .sgcn
        case "401": kind = .ginc
        case "402": kind = .gsin
        case "8006":
            kind = .itip
            if let serial = q("21") { elements.append(serial) }
        case "8010":
            kind = .cpi
            if let serial = q("8011") { elements.append(serial) }
        default:
            return nil
        }
        var length: Int?
        if let source = prefixLengths, let digits = Self.keyDigits(kind: kind, key: key.value),
            let candidate = source.companyPrefixLength(forKeyDigits: digits),
            (try? Self.urn(kind: kind, key: key.value, elements: elements, prefixLength: candidate)) != nil
        {
            length = candidate
        }
        self.init(kind: kind, elements: elements, companyPrefixLength: length)
    }
}
