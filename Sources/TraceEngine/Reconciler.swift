public import Foundation
import Synchronization

/// Finds where quantities and custody do not add up, over a set of events: shipments against receipts,
/// lot balances, licences, clones and items seen after they were destroyed.
public struct Reconciler: Sendable {
    /// The knobs of the rules.
    public struct Configuration: Hashable, Sendable {
        /// The relative tolerance of a shipment against its receipt when the category has none of its own.
        public var defaultTolerance: Double
        /// Tolerances by product category (e.g. `meat`: 0.01 for drip loss).
        public var tolerances: [String: Double]
        /// How long after shipping a shipment may stay unreceived before it is reported.
        public var receiptHorizon: TimeInterval
        /// Only findings whose latest evidence is at or after this time are reported.
        public var since: Date?
        /// The least time a serialised item needs to get from one site to another: seen at two sites closer in
        /// time than this, it is a clone.
        public var minimumTransit: TimeInterval

        /// Makes a configuration.
        /// - Parameters:
        ///   - defaultTolerance: 0.005 (0.5 %) by default.
        ///   - tolerances: per-category tolerances.
        ///   - receiptHorizon: 48 hours by default.
        ///   - since: report only findings from this time on.
        ///   - minimumTransit: one hour by default.
        public init(
            defaultTolerance: Double = 0.005, tolerances: [String: Double] = [:], receiptHorizon: TimeInterval = 48 * 3_600,
            since: Date? = nil, minimumTransit: TimeInterval = 3_600
        ) {
            self.minimumTransit = minimumTransit
            self.defaultTolerance = defaultTolerance
            self.tolerances = tolerances
            self.receiptHorizon = receiptHorizon
            self.since = since
        }
    }

    /// The rules' knobs.
    public var configuration: Configuration
    /// Parties' licences, location owners and product categories.
    public var registry: PartyRegistry
    /// The clock: "now" for the receipt horizon.
    public var now: @Sendable () -> Date

    /// Makes a reconciler.
    /// - Parameters:
    ///   - configuration: the rules' knobs.
    ///   - registry: master data.
    ///   - now: the clock, injectable for tests.
    public init(configuration: Configuration = Configuration(), registry: PartyRegistry = PartyRegistry(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.registry = registry
        self.now = now
    }

    /// Reconciles events held in memory.
    /// - Parameter events: the events to check (all of them, or a window large enough to hold both ends of
    ///   each shipment).
    /// - Returns: the findings, ordered by kind, then identifier.
    public func reconcile(_ events: [TraceEvent]) -> [Finding] {
        let ordered = events.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        var run = Reconciliation(self)
        for (index, event) in ordered.enumerated() { run.add(event, reference: Int64(index)) }
        let labels = ordered.reduce(into: [String: String]()) { $0.merge($1.labels) { first, _ in first } }
        return run.finish().resolve(eventID: { ordered[Int($0)].id }, labels: labels)
    }

    /// Reconciles the events of a source, streamed through a ``Reconciliation`` page by page: memory holds the
    /// rules' state, never the events.
    ///
    /// Without `since`, the run goes on from the state the source kept after an earlier run (its checkpoint) and
    /// reads only the events captured after it, unless `checkpoint` is ``CheckpointUse/fromScratch``; it leaves its
    /// own state for the next run when it read every event or when what it read is at least a twentieth of all.
    /// The findings are the same either way. With `since`, the run reads the events that share something with
    /// the events since then, and neither reads nor leaves a checkpoint.
    /// - Parameters:
    ///   - source: where the events are (a store).
    ///   - checkpoint: whether to go on from the source's checkpoint.
    ///   - progress: told how many events have been read so far, after each page the source hands over.
    /// - Returns: the findings, ordered by kind, then identifier, and what the run read and kept.
    /// - Throws: what the source throws.
    public func reconcile(
        _ source: some ReconcileSource, checkpoint: CheckpointUse = .continue,
        progress: (@Sendable (_ eventsRead: Int) -> Void)? = nil
    ) async throws -> ReconcileReport {
        let started = Date()
        var restored: Reconciliation?
        var discarded: CheckpointError?
        if configuration.since == nil, checkpoint == .continue {
            // A damaged checkpoint is set aside: the run reads every event and keeps a sound one.
            do {
                restored = try await source.restoreReconciliation(for: self)
            } catch let error as CheckpointError {
                discarded = error
            }
        }
        let restoredAt = Date()
        let sink = ReconcileSink(restored ?? Reconciliation(self))
        // The fold of one page runs while the source reads the next: on two cores, reading and folding overlap.
        let pipeline = ReconcilePipeline(sink)
        let read = Mutex(0)
        let handOver: @Sendable ([(event: TraceEvent, reference: Int64)]) async -> Void = { page in
            await pipeline.take(page)
            let count = read.withLock { $0 += page.count; return $0 }
            progress?(count)
        }
        do {
            if let restored {
                try await source.scanReconcileEvents(after: restored.lastReference, page: handOver)
            } else {
                try await source.scanReconcileEvents(since: configuration.since, page: handOver)
            }
        } catch {
            await pipeline.drain()
            throw error
        }
        await pipeline.drain()
        var run = sink.take()
        let eventsRead = read.withLock { $0 }
        let scanned = Date()
        // In place, so that the checkpoint keeps them in order and the next run sorts only what it adds.
        run.orderSightings()
        let draft = run.finish()
        let ids = try await source.eventIDs(references: draft.references)
        let labels = try await source.labels(keys: draft.keys)
        let findings = draft.resolve(eventID: { ids[$0] }, labels: labels)
        let finished = Date()
        var saved = false
        if configuration.since == nil, eventsRead > 0, restored == nil || eventsRead * 20 >= run.eventCount {
            try await source.saveReconciliation(run)
            saved = true
        }
        return ReconcileReport(
            findings: findings, events: run.eventCount, eventsRead: eventsRead,
            restoredEvents: restored?.eventCount, discardedCheckpoint: discarded, savedCheckpoint: saved,
            phases: .init(
                restore: restoredAt.timeIntervalSince(started), read: scanned.timeIntervalSince(restoredAt),
                finish: finished.timeIntervalSince(scanned), save: Date().timeIntervalSince(finished)))
    }

    /// Whether a run goes on from a source's checkpoint.
    public enum CheckpointUse: Sendable {
        /// Restore the source's checkpoint if it has one that agrees with the registry, and read what was
        /// captured after it.
        case `continue`
        /// Read every event; the state is then kept as the new checkpoint.
        case fromScratch
    }
}

/// What a run of ``Reconciler/reconcile(_:checkpoint:progress:)`` found, read and kept.
public struct ReconcileReport: Sendable {
    /// How long each part of the run took, in seconds.
    public struct Phases: Sendable, Hashable {
        /// Restoring the checkpoint (zero without one).
        public var restore: TimeInterval
        /// Reading the events and folding them.
        public var read: TimeInterval
        /// The rules' end-of-stream passes and naming the evidence.
        public var finish: TimeInterval
        /// Keeping the state as the next checkpoint (zero if it was not kept).
        public var save: TimeInterval
    }

    /// The findings, ordered by kind, then identifier.
    public var findings: [Finding]
    /// How many events the findings cover: those of the checkpoint and those read.
    public var events: Int
    /// How many events were read from the source in this run.
    public var eventsRead: Int
    /// How many events the restored checkpoint covered; nil if the run started from nothing.
    public var restoredEvents: Int?
    /// Why the source's checkpoint was set aside, if its bytes were damaged (the run then read every event).
    public var discardedCheckpoint: CheckpointError?
    /// Whether the run's state was kept as the source's checkpoint.
    public var savedCheckpoint: Bool
    /// The time of each part of the run.
    public var phases: Phases
}

/// Where a reconciliation reads its events: a store, which streams every event's trace facts from its index
/// columns (no event body is decoded), then names the few events the findings rest on.
public protocol ReconcileSource: Sendable {
    /// Hands every event's trace facts to `page`, a page at a time, each with the reference that
    /// ``eventIDs(references:)`` takes back, growing with capture order. The
    /// facts need no `labels`.
    ///
    /// With `since`, only the events at or after it and every event that names one of their identifiers or
    /// business transactions: each rule then sees the whole history of every lot, item and shipment that has
    /// something new, so its findings from `since` on are the same as a full run's.
    /// - Parameters:
    ///   - since: the earliest time of interest; nil for every event.
    ///   - page: called with each page of events and their references, in capture order, one call after the
    ///     other (never two at once); it returns when it is ready for the next page.
    func scanReconcileEvents(
        since: Date?, page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws

    /// Hands the trace facts of every event after `reference` to `page`, as ``scanReconcileEvents(since:page:)``
    /// does without `since`.
    /// - Parameters:
    ///   - reference: the last reference a checkpoint covers.
    ///   - page: called with each page of events, as for ``scanReconcileEvents(since:page:)``.
    func scanReconcileEvents(
        after reference: Int64, page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws

    /// The event IDs of references.
    func eventIDs(references: [Int64]) async throws -> [Int64: String]

    /// The state the last run kept (``saveReconciliation(_:)``), restored for a run of `reconciler`; nil if none
    /// was kept, or it was kept under other registry facts or in another format. Throws ``CheckpointError`` itself
    /// (not wrapped) when the kept bytes are damaged, so that the run can set them aside.
    func restoreReconciliation(for reconciler: Reconciler) async throws -> Reconciliation?

    /// Keeps a run's state for the next run, in place of the one kept before.
    func saveReconciliation(_ run: Reconciliation) async throws

    /// The spelling each key was first captured with (an EPC URN, a Digital Link), for the keys an event names
    /// as an identifier, a source or destination, a business location or a read point; a key no event names is
    /// left out.
    func labels(keys: [String]) async throws -> [String: String]
}

/// The reconciliation a source's pages are fed into, behind a lock (pages are folded on other threads than the
/// source's).
final class ReconcileSink: Sendable {
    private let run: Mutex<Reconciliation?>

    init(_ run: Reconciliation) { self.run = Mutex(run) }

    func add(_ page: [(event: TraceEvent, reference: Int64)]) {
        run.withLock { run in
            for item in page { run?.add(item.event, reference: item.reference) }
        }
    }

    /// The state after every page added, taken out of the sink (which keeps no copy, so that the state's arrays
    /// can be changed in place); pages added after this are dropped.
    func take() -> Reconciliation {
        run.withLock { run in
            defer { run = nil }
            return run!
        }
    }
}

/// Folds each page in a task of its own while the source reads the next one; a page waits for the previous fold,
/// so at most one page is read ahead and pages are folded in order.
final class ReconcilePipeline: Sendable {
    private let sink: ReconcileSink
    private let pending = Mutex<Task<Void, Never>?>(nil)

    init(_ sink: ReconcileSink) { self.sink = sink }

    /// Waits for the previous page's fold, then starts this page's.
    func take(_ page: [(event: TraceEvent, reference: Int64)]) async {
        await drain()
        let sink = sink
        pending.withLock { $0 = Task.detached { sink.add(page) } }
    }

    /// Waits for the last fold.
    func drain() async {
        let last = pending.withLock { $0 }
        await last?.value
    }
}
