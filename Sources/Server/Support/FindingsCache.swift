import Foundation
import TraceEngine

/// The latest full reconciliation, recomputed when older than its lifetime: the console and `/reconcile` read it
/// many times between captures, and a full run over a large store takes seconds.
actor FindingsCache {
    struct Snapshot: Sendable {
        var findings: [Finding]
        var events: Int
        var at: Date
        var elapsedMilliseconds: Double
    }

    private let lifetime: TimeInterval
    private var latest: Snapshot?

    init(lifetime: TimeInterval = 30) { self.lifetime = lifetime }

    /// The cached snapshot, or a new one from `compute`.
    func snapshot(_ compute: @Sendable () async throws -> Snapshot) async throws -> Snapshot {
        if let latest, Date().timeIntervalSince(latest.at) < lifetime { return latest }
        let fresh = try await compute()
        latest = fresh
        return fresh
    }

    /// Forgets the snapshot (after the registry changes).
    func invalidate() { latest = nil }
}
