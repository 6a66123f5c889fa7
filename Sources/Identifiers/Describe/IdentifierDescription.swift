/// What a pasted text is: the result of reading anything printed on a package or read off a tag — raw scan
/// data, a bracketed element string, a Digital Link, an EPC URN (id, class, idpat, tag), RFID hex, a plain GS1 key
/// or a China drug, pesticide or veterinary drug code (bare or as its identifier URI).
public struct IdentifierDescription: Hashable, Sendable {
    /// The form the input was in.
    public enum InputForm: String, Hashable, Sendable {
        /// Scanner output or element string without brackets.
        case barcode
        /// `(01)…(21)…`.
        case bracketed
        /// A GS1 Digital Link URI.
        case digitalLink
        /// An EPC pure identity, class or pattern URN.
        case urn
        /// An EPC tag URI (`urn:epc:tag:…`).
        case tagURI
        /// RFID EPC memory in hex.
        case rfidHex
        /// A bare GS1 key (GTIN-8/12/13/14, SSCC).
        case plainKey
        /// A China drug traceability code.
        case cnDrugCode
        /// A China pesticide label unit code (32 digits).
        case cnPesticideCode
        /// A China veterinary drug tracing code (24 digits).
        case cnVeterinaryDrugCode
        /// A China code as its identifier URI (``ChinaTraceCode/uriPrefix``).
        case cnCodeURI
    }

    /// The input form.
    public var form: InputForm
    /// The kind of identifier in lower case: gtin, sgtin, lgtin, sscc, gln, sgln, grai, giai, gsrn, gsrnp, gdti,
    /// ginc, gsin, gcn, cpid, itip, upui, pgln, gid, cnDrugCode, cnPesticideCode, cnVeterinaryDrugCode…; nil when
    /// the data holds no GS1 key.
    public var key: String?
    /// Every element, in input order (for a Digital Link: key, qualifiers, then query attributes).
    public var elements: [AIElement]
    /// The EPC identity, when the data holds one.
    public var epc: EPCIdentifier?
    /// The tag (scheme and filter) for RFID input and tag URIs.
    public var tag: EPCTag?
    /// The drug code for China drug traceability codes.
    public var cnDrugCode: ChinaDrugTraceCode?
    /// The pesticide code for China pesticide label codes.
    public var cnPesticideCode: ChinaPesticideCode?
    /// The veterinary drug code for China veterinary drug codes.
    public var cnVeterinaryDrugCode: ChinaVeterinaryDrugCode?

    /// The China code, whichever kind it is.
    public var chinaTraceCode: ChinaTraceCode? {
        if let cnDrugCode { return .drug(cnDrugCode) }
        if let cnPesticideCode { return .pesticide(cnPesticideCode) }
        return cnVeterinaryDrugCode.map(ChinaTraceCode.veterinaryDrug)
    }

    /// The bracketed element string of all elements, or nil when there are none.
    public var elementString: String? {
        elements.isEmpty ? nil : elements.map(\.description).joined()
    }

    /// The EPC URN, when the company prefix length is known.
    public var urn: String? { epc?.urn }

    /// The Digital Link on `domain`: key and qualifiers in the path in canonical order, other AIs as query
    /// attributes; nil when there is no primary key (or the identifier has no Digital Link, like gid).
    /// - Parameter domain: Scheme, host and optional path prefix.
    /// - Returns: The URI.
    public func digitalLink(domain: String = "https://id.gs1.org") -> String? {
        if let epc, epc.kind == .gid || epc.elements.isEmpty { return nil }
        guard let link = Self.digitalLinkParts(elements) else { return epc?.digitalLink(domain: domain) }
        var copy = link
        copy.domain = domain
        return copy.uri()
    }

    /// Splits elements into a Digital Link: the first primary key, its qualifiers in canonical order, the rest
    /// as attributes.
    static func digitalLinkParts(_ elements: [AIElement]) -> DigitalLink? {
        guard let key = elements.first(where: { DigitalLink.qualifierOrder[$0.ai] != nil }) else { return nil }
        let allowed = DigitalLink.qualifierOrder[key.ai] ?? []
        var qualifiers: [AIElement] = []
        for ai in allowed {
            if let element = elements.first(where: { $0.ai == ai }) {
                if ai == "235", qualifiers.contains(where: { $0.ai == "21" }) { continue }
                qualifiers.append(element)
            }
        }
        let used = Set([key.ai] + qualifiers.map(\.ai))
        let attributes = elements.filter { !used.contains($0.ai) }
        return DigitalLink(primaryKey: key, qualifiers: qualifiers, attributes: attributes)
    }
}
