public import Foundation

/// What an edge of a trace graph stands for. Every edge points the way the goods went (source → product),
/// whichever way the trace ran.
public enum TraceEdgeKind: String, Hashable, Sendable, CaseIterable, Comparable {
    /// An origin (the party that owns the commissioning location, else the location) → the lot or item it
    /// commissioned. Only a backward trace has these: they are its origins.
    case commissioned
    /// An input → an output of a TransformationEvent (a slaughter, a blending, a commissioning with inputs).
    case transformed
    /// A child (item, lot or inner container) → the container it was packed into (AggregationEvent ADD).
    case packed
    /// The source → the destination of a shipping or receiving event: party → party when both parties are
    /// known, else location → location. ``TraceEdge/object`` says what was shipped.
    case shipped

    /// Orders kinds as they are declared.
    public static func < (lhs: TraceEdgeKind, rhs: TraceEdgeKind) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// One link of a trace graph: one event that the trace followed, between two nodes it reached.
///
/// Ends are display identifiers as captured (the spelling ``TraceResult/identifiers`` and
/// ``TraceResult/parties`` use), each of them in ``TraceResult/nodes``.
public struct TraceEdge: Hashable, Sendable, Comparable {
    /// Where the goods came from: an input, a child, a shipping party or location, an origin.
    public var from: String
    /// Where they went: an output, a container, a receiving party or location, a commissioned lot or item.
    public var to: String
    /// What kind of link.
    public var kind: TraceEdgeKind
    /// The ID of the event that makes the link.
    public var event: String
    /// When the event happened.
    public var time: Date
    /// For shipments and commissionings, the lot, item or container that moved or began; nil otherwise.
    public var object: String?
    /// The quantity the event gives for the link, when it gives one (a class-level lot); nil for instances.
    public var quantity: Double?
    /// The quantity's unit; nil for a plain count.
    public var uom: String?

    /// Makes an edge.
    /// - Parameters:
    ///   - from: the source end.
    ///   - to: the product end.
    ///   - kind: what kind of link.
    ///   - event: the event ID.
    ///   - time: the event time.
    ///   - object: what moved, for shipments and commissionings.
    ///   - quantity: the quantity, when the event gives one.
    ///   - uom: its unit.
    public init(
        from: String, to: String, kind: TraceEdgeKind, event: String, time: Date, object: String? = nil,
        quantity: Double? = nil, uom: String? = nil
    ) {
        self.from = from
        self.to = to
        self.kind = kind
        self.event = event
        self.time = time
        self.object = object
        self.quantity = quantity
        self.uom = uom
    }

    /// Orders edges by time, then event, kind, ends and object: the order of ``TraceResult/edges``.
    public static func < (lhs: TraceEdge, rhs: TraceEdge) -> Bool {
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        if lhs.event != rhs.event { return lhs.event < rhs.event }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return (lhs.from, lhs.to, lhs.object ?? "") < (rhs.from, rhs.to, rhs.object ?? "")
    }
}
