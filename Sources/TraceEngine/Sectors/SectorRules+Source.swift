public import EPCIS
public import Foundation
import Synchronization

/// Where the sector rules read: a store, which hands the events' bodies a page at a time, its master data, and the
/// state the last run kept (``SectorCheckpoint``).
public protocol SectorEventSource: Sendable {
    /// The stored master data, every vocabulary type.
    func sectorMasterData() async throws -> [Vocabulary]

    /// Hands every stored event after `reference` that the selection names (``SectorSelection``), and every error
    /// declaration after it, with its ID (eventID, else its hash) to `page`, a page at a time in capture order, one
    /// call after the other, with the reference of the page's last event; reference 0 is before the first event.
    func scanSectorEvents(
        after reference: Int64, selecting selection: SectorSelection,
        page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)], _ lastReference: Int64) async -> Void
    ) async throws

    /// The parts of the state the last run kept (``saveSectorCheckpoint(_:)``), nil if none was kept.
    func restoreSectorCheckpoint() async throws -> [[UInt8]]?

    /// Keeps a run's state for the next run, in place of the one kept before, all or nothing.
    func saveSectorCheckpoint(_ parts: [[UInt8]]) async throws
}

/// What a run of the sector rules over a source found, read and kept.
public struct SectorReport: Sendable {
    /// The findings.
    public var findings: [Finding]
    /// How many selected event bodies the run decoded (those captured since the checkpoint, or every selected one).
    public var eventsRead: Int
    /// How many event bodies the run decoded to follow treated goods, containers and filled cylinders
    /// (``SectorRules/lineage(of:from:keeping:)``).
    public var eventsFollowed: Int
    /// How many kept events the restored checkpoint held; nil if the run started from nothing.
    public var restoredEvents: Int?
    /// Why the kept state was set aside, if it was damaged (the run then read every selected event).
    public var discardedCheckpoint: CheckpointError?
    /// Whether the run's state was kept for the next run.
    public var savedCheckpoint: Bool
    /// Where the run's time went.
    public var phases = Phases()

    /// Where a run's time went, in seconds.
    public struct Phases: Sendable {
        /// Reading and decoding the kept state.
        public var restore: TimeInterval = 0
        /// Reading and decoding the selected bodies captured since.
        public var read: TimeInterval = 0
        /// Keeping the state.
        public var save: TimeInterval = 0
        /// Following treated goods, containers and filled cylinders (``SectorRules/lineage(of:from:keeping:)``).
        public var follow: TimeInterval = 0
        /// Evaluating the rules.
        public var rules: TimeInterval = 0
    }
}

extension SectorRules {
    /// Runs the rules over a source: the events that name an identifier master data describes for a rule, or fill a
    /// cylinder (``selection``), with what they lead to (``lineage(of:from:keeping:)``). An event declared erroneous
    /// is left out.
    /// - Parameters:
    ///   - source: the store.
    ///   - configuration: the rules' knobs.
    ///   - now: the time overdue maintenance and inspections are judged at.
    ///   - since: only findings whose latest evidence is at or after it.
    /// - Returns: the findings.
    public static func reconcile(
        _ source: some SectorEventSource, configuration: Configuration = Configuration(), now: Date,
        since: Date? = nil
    ) async throws -> [Finding] {
        try await run(source, configuration: configuration, now: now, since: since).findings
    }

    /// Runs the rules over a source as ``reconcile(_:configuration:now:since:)`` does, going on from the state the
    /// last run kept (unless `checkpoint` is ``CheckpointUse/fromScratch``): only the selected bodies captured since,
    /// and those since naming what the lineage followed, are decoded, with what new keys lead to in the whole store.
    /// The state is kept again when the run decoded a selected body or the lineage grew. A state kept under other
    /// master data or categories is not used, and a damaged one is set aside; either way every selected body is read
    /// again. The findings are the same as a run from scratch.
    public static func run(
        _ source: some SectorEventSource, configuration: Configuration = Configuration(), now: Date,
        since: Date? = nil, checkpoint: Reconciler.CheckpointUse = .continue
    ) async throws -> SectorReport {
        let rules = SectorRules(
            configuration: configuration, masterData: SectorMasterData(masterData: try await source.sectorMasterData()))
        let digest = rules.digest
        var phases = SectorReport.Phases()
        var started = Date()
        func lap() -> TimeInterval {
            let now = Date()
            defer { started = now }
            return now.timeIntervalSince(started)
        }
        var restored: SectorCheckpoint?
        var discarded: CheckpointError?
        if checkpoint == .continue, let parts = try await source.restoreSectorCheckpoint() {
            do {
                restored = try SectorCheckpoint.restore(parts).flatMap { $0.digest == digest ? $0 : nil }
            } catch let error as CheckpointError {
                discarded = error
            }
        }
        phases.restore = lap()
        let kept = SectorEventBox(restored)
        try await scan(source, after: restored?.lastReference ?? 0, selecting: rules.selection, into: kept)
        var state = kept.state(digest: digest)
        phases.read = lap()
        let declared = state.checkpoint.declared
        let seeds = state.checkpoint.events.filter { !declared.contains($0.facts.id) }
        let (lineage, followed, grew) = try await rules.lineage(
            of: seeds, from: source, keeping: restored.map { ($0.lineage, $0.lastReference) })
        state.checkpoint.lineage = lineage
        phases.follow = lap()
        var saved = false
        if state.read > 0 || grew {
            try await source.saveSectorCheckpoint(try state.checkpoint.parts())
            saved = true
        }
        phases.save = lap()
        let findings = rules.findings(
            seeds + lineage.events.filter { !declared.contains($0.facts.id) }, now: now, since: since)
        phases.rules = lap()
        return SectorReport(
            findings: findings, eventsRead: state.read, eventsFollowed: followed,
            restoredEvents: restored?.events.count, discardedCheckpoint: discarded, savedCheckpoint: saved,
            phases: phases)
    }

    /// Reads the events a selection names after a reference: the events, the IDs of the error declarations among
    /// them, and how many bodies were decoded.
    static func collect(
        _ source: some SectorEventSource, after reference: Int64, selecting selection: SectorSelection
    ) async throws -> (events: [SectorEvent], declared: Set<String>, read: Int) {
        let box = SectorEventBox(nil)
        try await scan(source, after: reference, selecting: selection, into: box)
        let state = box.state(digest: [])
        return (state.checkpoint.events, state.checkpoint.declared, state.read)
    }

    /// Reads the events a selection names after a reference into a box, error declarations apart.
    static func scan(
        _ source: some SectorEventSource, after reference: Int64, selecting selection: SectorSelection,
        into kept: SectorEventBox
    ) async throws {
        let cache = Mutex<[String: String]>([:])
        try await source.scanSectorEvents(after: reference, selecting: selection) { page, lastReference in
            // Pages come one after the other: the cache of canonical keys passes from one to the next. It is taken
            // out of the lock, not copied: a copy still shared with the lock's would be copied whole at the page's
            // first new key, once a page, which made a ten-million-event run quadratic.
            var keys = cache.withLock { cache in
                let taken = cache
                cache = [:]
                return taken
            }
            defer { cache.withLock { [keys] in $0 = keys } }
            var events: [SectorEvent] = []
            var declared: [String] = []
            for (event, id) in page {
                if event.errorDeclaration != nil {
                    declared.append(id)
                    continue
                }
                events.append(SectorEvent(event, id: id, keys: &keys))
            }
            kept.add(events, declared: declared, read: page.count, lastReference: lastReference)
        }
    }

    /// The attributes that make an identifier matter to a rule.
    static let ruleAttributes: Set<String> = [
        "withdrawalPeriodDays", "preHarvestIntervalDays", "maintenanceIntervalDays", "inspectionDue",
        "inspectionIntervalDays", "scrappedOn", "licenceClass", "minTemperature", "maxTemperature", "reoGrade",
    ]

    /// The categories that make an identifier matter to a rule whatever the configuration.
    static let ruleCategories: Set<String> = ["rareEarthOre", "rareEarthOxide"]

    /// Whether an element's attributes make it matter to a rule: an attribute a rule reads, a rare earth category, or
    /// a category the configuration gives intervals or a temperature range.
    func matters(_ attributes: [String: String]) -> Bool {
        if attributes.keys.contains(where: Self.ruleAttributes.contains) { return true }
        guard let category = attributes["category"] else { return false }
        return Self.ruleCategories.contains(category)
            || configuration.maintenanceIntervals[category] != nil
            || configuration.inspectionIntervals[category] != nil
            || configuration.temperatureRanges[category] != nil
    }

    /// The events the pass starts from: those naming an identifier whose own or class's master data
    /// ``matters(_:)`` (a class's GTIN selects its lots and serials), and every fill.
    public var selection: SectorSelection {
        let keys = Set(masterData.elements.filter { matters($0.value) }.keys)
        return SectorSelection(
            keys: keys, gtins: Set(keys.compactMap(SectorSelection.gtin(ofClass:))), bizSteps: [Self.filling])
    }

    /// The findings whose latest evidence is at or after `since`.
    public func findings(_ events: [SectorEvent], now: Date, since: Date?) -> [Finding] {
        let all = findings(events, now: now)
        guard let since else { return all }
        let times = Dictionary(events.map { ($0.facts.id, $0.facts.time) }, uniquingKeysWith: { first, _ in first })
        return all.filter { finding in
            finding.events.isEmpty || finding.events.contains { (times[$0] ?? .distantFuture) >= since }
        }
    }
}

/// The events kept across pages, starting from a checkpoint's.
final class SectorEventBox: Sendable {
    private let state: Mutex<(kept: [SectorEvent], declared: Set<String>, read: Int, lastReference: Int64)>

    init(_ checkpoint: SectorCheckpoint?) {
        state = Mutex((checkpoint?.events ?? [], checkpoint?.declared ?? [], 0, checkpoint?.lastReference ?? 0))
    }

    func add(_ events: [SectorEvent], declared ids: [String], read: Int, lastReference: Int64) {
        state.withLock { state in
            state.kept += events
            state.declared.formUnion(ids)
            state.read += read
            state.lastReference = max(state.lastReference, lastReference)
        }
    }

    /// Everything kept, as the next checkpoint, and how many bodies were read.
    func state(digest: [UInt8]) -> (checkpoint: SectorCheckpoint, read: Int) {
        state.withLock { state in
            (SectorCheckpoint(
                lastReference: state.lastReference, digest: digest, events: state.kept, declared: state.declared),
             state.read)
        }
    }
}
