/// Where the trace engine reads the event graph: one batched, indexed look-up per frontier.
///
/// A store implements it with one query per call over its identifier index
/// (`SELECT … WHERE key IN (…)` / `= ANY($1)`), never a recursive query: the engine expands the graph
/// frontier by frontier, so the same algorithm runs over SQLite, PostgreSQL and a sharded Postgres (see
/// docs/decisions/0005-trace-graph-source.md).
public protocol TraceGraphSource: Sendable {
    /// Every event that names one of the keys in any object or class role (epcList, quantityList, parentID,
    /// childEPCs, child/input/output lists).
    /// - Parameter keys: canonical identifier keys (``EPCIS/IdentifierURI/canonicalKey``).
    /// - Returns: the events, each once, in any order.
    /// - Throws: the store's error.
    func events(touching keys: Set<String>) async throws -> [TraceEvent]
}

/// A ``TraceGraphSource`` over events held in memory, indexed by key; for tests, the demo and small stores.
public struct InMemoryTraceGraphSource: TraceGraphSource {
    /// The events, in the order given.
    public let events: [TraceEvent]
    private let index: [String: [Int]]

    /// Indexes events.
    /// - Parameter events: the events.
    public init(_ events: [TraceEvent]) {
        self.events = events
        var index: [String: [Int]] = [:]
        for (position, event) in events.enumerated() {
            for key in event.objectKeys { index[key, default: []].append(position) }
        }
        self.index = index
    }

    public func events(touching keys: Set<String>) async throws -> [TraceEvent] {
        var positions = Set<Int>()
        for key in keys { positions.formUnion(index[key] ?? []) }
        return positions.sorted().map { events[$0] }
    }
}
