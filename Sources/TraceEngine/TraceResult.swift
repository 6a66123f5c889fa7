public import Foundation

/// How far a trace may go before it stops and says so.
public struct TraceBudget: Hashable, Sendable {
    /// The most frontiers (hops) to expand.
    public var maxDepth: Int
    /// The most identifiers to collect.
    public var maxNodes: Int

    /// Makes a budget.
    /// - Parameters:
    ///   - maxDepth: the most hops; 64 by default.
    ///   - maxNodes: the most identifiers; 100,000 by default.
    public init(maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}

/// Which way a trace went.
public enum TraceDirection: String, Hashable, Sendable {
    case backward, forward
}

/// Who holds how much of what, where.
public struct Holder: Hashable, Sendable {
    /// The party (its display identifier), when known.
    public var party: String?
    /// The location (its display identifier).
    public var location: String
    /// The lot (LGTIN class URN) or, for serialised items, the item pattern (`urn:epc:idpat:sgtin:…*`).
    public var identifier: String
    /// The quantity held.
    public var quantity: Double
    /// The unit (`KGM`, or `EA` for counted items).
    public var uom: String
    /// For serialised items: the serials (EPC URNs, sorted) the holder still has, `quantity` of them, so that it
    /// pulls exactly those units and its till refuses exactly those codes; empty for lots.
    public var serials: [String]

    /// Makes a holder row.
    public init(
        party: String?, location: String, identifier: String, quantity: Double, uom: String, serials: [String] = []
    ) {
        self.party = party
        self.location = location
        self.identifier = identifier
        self.quantity = quantity
        self.uom = uom
        self.serials = serials
    }
}

/// What a trace found.
public struct TraceResult: Hashable, Sendable {
    /// Backward or forward.
    public var direction: TraceDirection
    /// The identifier the trace started from, as captured.
    public var root: String
    /// Every identifier reached (lots, items, containers), as captured, sorted.
    public var identifiers: [String]
    /// The containers (SSCCs and other parents) among them.
    public var containers: [String]
    /// Every party the goods passed, sorted.
    public var parties: [String]
    /// Every location the goods passed, sorted.
    public var locations: [String]
    /// Backward: the origins (where the earliest inputs were commissioned), sorted.
    public var origins: [String]
    /// Forward: who holds the goods now.
    public var holders: [Holder]
    /// The IDs of the events the trace read.
    public var events: [String]
    /// The trace facts of those events, oldest first: what a page shows without reading them again.
    public var facts: [TraceEvent] = []
    /// Every event that names the root identifier, oldest first, followed or not (a sale after a backward
    /// trace's root was made, say): what the root's own checks (clones) read.
    public var rootFacts: [TraceEvent] = []
    /// The graph's nodes: every identifier reached, and every party or location at an end of an edge, sorted by
    /// identifier.
    public var nodes: [TraceNode]
    /// The graph's edges, one per link a read event makes between two nodes, pointing the way the goods went
    /// (origin → product, whichever way the trace ran), sorted by time then event.
    public var edges: [TraceEdge]
    /// Whether the budget stopped the expansion before the graph was exhausted.
    public var truncated: Bool
    /// How many frontiers were expanded.
    public var depth: Int
    /// How long it took, in milliseconds.
    public var elapsedMilliseconds: Double
}

/// A recall: the forward trace and, for each holder, the quantity to withdraw.
public struct RecallResult: Hashable, Sendable {
    /// The forward trace.
    public var trace: TraceResult
    /// Why.
    public var reason: String
    /// When it was issued.
    public var issuedAt: Date
    /// What each holder must withdraw (all it holds of the affected goods).
    public var withdrawals: [Holder] { trace.holders }
}
