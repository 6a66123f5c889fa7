internal import Foundation

/// What a node of a trace graph is.
public enum TraceNodeKind: String, Hashable, Sendable, CaseIterable {
    /// A class-level lot or product (LGTIN, GTIN), counted in quantities.
    case lot
    /// A serialised instance (SGTIN, a drug code, any EPC that is not a container).
    case item
    /// A logistic unit or other parent of an aggregation (SSCC, a case, a pallet).
    case container
    /// A party (PGLN): a source or destination owner or possessor.
    case party
    /// A location (SGLN), where no party was given for it.
    case location
}

/// One node of a trace graph: an identifier reached, or a party or location at an end of an edge.
public struct TraceNode: Hashable, Sendable {
    /// The display identifier, as captured (a URN or a Digital Link).
    public var id: String
    /// What it is.
    public var kind: TraceNodeKind
    /// For an item or a lot, its product pattern (`urn:epc:idpat:sgtin:0614141.107346.*`, or the Digital Link up
    /// to the GTIN or the lot); for an SSCC container, its company's pattern (`urn:epc:idpat:sscc:0614141.*`);
    /// else nil. Nodes that share a kind and a group are what a drawing may collapse into one.
    public var group: String?

    /// Makes a node.
    /// - Parameters:
    ///   - id: the display identifier.
    ///   - kind: what it is.
    ///   - group: the product or company pattern it belongs to, if any.
    public init(id: String, kind: TraceNodeKind, group: String? = nil) {
        self.id = id
        self.kind = kind
        self.group = group
    }

    /// The pattern a display identifier belongs to, for an item, a lot or a container; nil when there is none.
    /// - Parameter id: an EPC URN or a GS1 Digital Link.
    /// - Returns: `urn:epc:idpat:sgtin:C.R.*` for an SGTIN or LGTIN URN, `urn:epc:idpat:sscc:C.*` for an SSCC
    ///   URN, the Digital Link before the serial (`/21/`) or the lot (`/10/`) for a Digital Link; else nil.
    public static func group(of id: String) -> String? {
        let schemes = [
            ("urn:epc:id:sgtin:", "sgtin", 2), ("urn:epc:class:lgtin:", "sgtin", 2), ("urn:epc:id:sscc:", "sscc", 1),
        ]
        for (prefix, scheme, keep) in schemes {
            guard id.hasPrefix(prefix) else { continue }
            let parts = id.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count > keep else { return nil }
            return "urn:epc:idpat:\(scheme):" + parts.prefix(keep).joined(separator: ".") + ".*"
        }
        guard let gtin = id.range(of: "/01/") else { return nil }
        let rest = gtin.upperBound..<id.endIndex
        guard let cut = id.range(of: "/21/", range: rest) ?? id.range(of: "/10/", range: rest) else { return nil }
        return String(id[..<cut.lowerBound])
    }
}
