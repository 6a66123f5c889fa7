public import Foundation

/// Traces lots, items and logistic units backward to their origins and forward to every lot made from them
/// and every party holding them, over a ``TraceGraphSource``, frontier by frontier with one batched look-up
/// per frontier.
///
/// Aggregation is time-aware: an item is inside a container only between its packing (ADD) and its
/// unpacking (DELETE), and a container reached from one of its contents is followed for custody (where it
/// went) but never for its other contents. Transformations link inputs to outputs (class-level LGTINs and
/// instances alike); a backward trace only follows an input's history up to the transformation that used it,
/// a forward trace only an output's history after it was made.
public struct TraceEngine<Source: TraceGraphSource>: Sendable {
    /// Where the events come from.
    public let source: Source

    /// Makes an engine.
    /// - Parameter source: the event graph.
    public init(source: Source) { self.source = source }

    /// Traces backward: every input, container, party and location, down to the origins.
    /// - Parameters:
    ///   - key: the canonical key of the identifier to start from.
    ///   - budget: how far to go.
    /// - Returns: the trace.
    /// - Throws: the source's error.
    public func back(from key: String, budget: TraceBudget = TraceBudget()) async throws -> TraceResult {
        try await run(.backward, from: key, budget: budget)
    }

    /// Traces forward: every lot made from the identifier, every container it went into, every party it was
    /// shipped to, and who holds how much of it now.
    /// - Parameters:
    ///   - key: the canonical key of the identifier to start from.
    ///   - budget: how far to go.
    /// - Returns: the trace with its holders.
    /// - Throws: the source's error.
    public func forward(from key: String, budget: TraceBudget = TraceBudget()) async throws -> TraceResult {
        try await run(.forward, from: key, budget: budget)
    }

    /// A recall: the forward trace and each holder's quantity to withdraw.
    /// - Parameters:
    ///   - key: the canonical key of the recalled identifier.
    ///   - reason: why.
    ///   - now: when the recall is issued.
    ///   - budget: how far to go.
    /// - Returns: the recall.
    /// - Throws: the source's error.
    public func recall(_ key: String, reason: String, now: Date = Date(), budget: TraceBudget = TraceBudget()) async throws
        -> RecallResult
    {
        RecallResult(trace: try await forward(from: key, budget: budget), reason: reason, issuedAt: now)
    }

    private func run(_ direction: TraceDirection, from root: String, budget: TraceBudget) async throws -> TraceResult {
        let started = Date()
        var walk = TraceWalk(direction: direction, root: root, maxNodes: budget.maxNodes)
        var frontier: Set<String> = [root]
        var depth = 0
        while !frontier.isEmpty {
            if depth >= budget.maxDepth {
                walk.truncated = true
                break
            }
            let events = try await source.events(touching: frontier)
            depth += 1
            frontier = walk.expand(frontier, with: events)
        }
        var result = walk.result(depth: depth)
        if direction == .forward { result.holders = HolderLedger(walk: walk).holders() }
        result.elapsedMilliseconds = Date().timeIntervalSince(started) * 1_000
        return result
    }
}
