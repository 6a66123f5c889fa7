/// An identifier as EPCIS events carry it: in epcList, parentID, childEPCs, input/outputEPCList, quantity epcClass,
/// readPoint/bizLocation ids, source/destination, bizTransaction, in EPC URN or GS1 Digital Link form.
///
/// The value holds the GS1 element strings of the identity (TDS 2.x §6: the AIs that make up the EPC), so that
/// an EPC URN and a Digital Link of the same thing compare equal. Key qualifiers that are not part of the EPC
/// (CPV, and the lot when a serial is present) are not kept.
public struct EPCIdentifier: Hashable, Sendable {
    /// The EPC scheme (TDS 2.x §6), or a class/pattern form of one.
    public enum Kind: String, Sendable, CaseIterable {
        /// Serialised GTIN: (01) + (21).
        case sgtin
        /// Serial Shipping Container Code: (00).
        case sscc
        /// GLN with extension: (414) [+ (254)].
        case sgln
        /// Global Returnable Asset Identifier: (8003); without a serial it is a pattern (`idpat:grai`).
        case grai
        /// Global Individual Asset Identifier: (8004).
        case giai
        /// Global Service Relation Number, recipient: (8018).
        case gsrn
        /// Global Service Relation Number, provider: (8017).
        case gsrnp
        /// Global Document Type Identifier: (253); without a serial it is a pattern.
        case gdti
        /// Serialised Global Coupon Number: (255); without a serial it is a pattern.
        case sgcn
        /// Component / Part Identifier: (8010) + (8011); without a serial it is a pattern.
        case cpi
        /// Global Identification Number for Consignment: (401).
        case ginc
        /// Global Shipment Identification Number: (402).
        case gsin
        /// Party GLN: (417).
        case pgln
        /// GTIN + batch/lot, an EPC class: (01) + (10).
        case lgtin
        /// Individual Trade Item Piece: (8006) + (21); without a serial it is a pattern.
        case itip
        /// Unit pack identifier: (01) + (235).
        case upui
        /// General Identifier (no GS1 key, no Digital Link).
        case gid
        /// `urn:epc:idpat:sgtin:CP.IR.*` used as a class: all items of a GTIN, Digital Link `/01/gtin`.
        case gtinClass
        /// US Department of Defense identifier (no Digital Link).
        case usdod
        /// Aerospace and defence identifier (no Digital Link).
        case adi
        /// BIC container code (no Digital Link).
        case bic
        /// IMO vessel number (no Digital Link).
        case imovn
    }

    /// The scheme.
    public let kind: Kind
    /// The element strings of the identity, in Digital Link order.
    public let elements: [AIElement]
    /// The GS1 Company Prefix length when known (from the URN, or from a ``CompanyPrefixLengthSource``).
    public let companyPrefixLength: Int?
    /// For kinds without GS1 AIs (gid, usdod, adi, bic, imovn): the URN body after `urn:epc:id:<scheme>:`.
    let nonGS1Body: String?

    init(kind: Kind, elements: [AIElement], companyPrefixLength: Int?, nonGS1Body: String? = nil) {
        self.kind = kind
        self.elements = elements
        self.companyPrefixLength = companyPrefixLength
        self.nonGS1Body = nonGS1Body
    }

    /// The GS1 element string data, AIs in Digital Link order, e.g. [("01","10614141073464"),("21","2017")].
    public var elementStrings: [(ai: String, value: String)] {
        elements.map { (ai: $0.ai, value: $0.value) }
    }

    /// The value of `ai` among the elements, if present.
    /// - Parameter ai: An AI such as `21`.
    /// - Returns: Its value.
    public func value(of ai: String) -> String? {
        elements.first { $0.ai == ai }?.value
    }

    /// Parses an EPC URN (`urn:epc:id|class|idpat:…`) or a GS1 Digital Link URI on any domain.
    ///
    /// - Parameters:
    ///   - text: The identifier text.
    ///   - prefixLengths: Where to find the GS1 Company Prefix length for a Digital Link, so that ``urn`` can be
    ///     derived; without it, a Digital Link still parses but ``urn`` is nil.
    /// - Returns: nil when the text is not a GS1 identifier in EPC URN or Digital Link form (any other URI, e.g.
    ///   `urn:uuid:…`, `http://example.com/x`, `urn:epcglobal:cbv:bt:…`, or an EPC pattern with a wildcard
    ///   before its last field, which has no single Digital Link): callers keep such text as it is.
    /// - Throws: ``IdentifierError`` when the text is in a GS1 form but malformed (check digit, length, character
    ///   set, qualifier order); the message names what and where.
    public static func parse(
        _ text: String, prefixLengths: (any CompanyPrefixLengthSource)? = nil
    ) throws(IdentifierError) -> EPCIdentifier? {
        if text.hasPrefix("urn:epc:") {
            return try parseURN(text)
        }
        if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("HTTP") {
            guard let link = try DigitalLink.parseIfGS1(text) else { return nil }
            return try EPCIdentifier(digitalLink: link, prefixLengths: prefixLengths)
        }
        return nil
    }

    /// The canonical GS1 Digital Link URI (uncompressed, AIs in canonical order, no query) on `domain`, e.g.
    /// `https://id.gs1.org/01/10614141073464/21/2017`; an SGLN extension "0" is dropped (`/414/gln` only).
    /// - Parameter domain: Scheme and host (and optional path prefix), no trailing slash needed.
    /// - Returns: The URI, or nil for kinds that have no Digital Link (gid, usdod, adi, bic, imovn).
    public func digitalLink(domain: String = "https://id.gs1.org") -> String? {
        guard nonGS1Body == nil else { return nil }
        return DigitalLink.format(elements, domain: domain)
    }

    /// Equal when they name the same thing: a URN and a Digital Link of one identifier are equal whether or not the
    /// company prefix length is known.
    /// - Parameters:
    ///   - lhs: One identifier.
    ///   - rhs: Another.
    /// - Returns: Whether kind and elements match.
    public static func == (lhs: EPCIdentifier, rhs: EPCIdentifier) -> Bool {
        lhs.kind == rhs.kind && lhs.elements == rhs.elements && lhs.nonGS1Body == rhs.nonGS1Body
    }

    /// Hashes what ``==`` compares.
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(elements)
        hasher.combine(nonGS1Body)
    }
}
