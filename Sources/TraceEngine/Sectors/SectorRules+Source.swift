public import EPCIS
public import Foundation
import Synchronization

/// Where the sector rules read: a store, which hands every event's body a page at a time, and its master data.
public protocol SectorEventSource: Sendable {
    /// The stored master data, every vocabulary type.
    func sectorMasterData() async throws -> [Vocabulary]

    /// Hands every stored event (error declarations included) with its ID (eventID, else its hash) to `page`, a page
    /// at a time in capture order, one call after the other.
    func scanSectorEvents(page: @escaping @Sendable (_ events: [(event: EPCISEvent, id: String)]) async -> Void)
        async throws
}

extension SectorRules {
    /// Runs the rules over a source, keeping only the events a rule can read (``reads(_:)``): those with temperature
    /// readings, transformations, aggregations, ObjectEvent ADDs and fills, and those naming an identifier whose master
    /// data a rule reads. An event declared erroneous is left out.
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
        let rules = SectorRules(
            configuration: configuration, masterData: SectorMasterData(masterData: try await source.sectorMasterData()))
        let kept = SectorEventBox()
        let cache = Mutex<[String: String]>([:])
        try await source.scanSectorEvents { page in
            // Pages come one after the other: the cache of canonical keys passes from one to the next.
            var keys = cache.withLock { $0 }
            defer { cache.withLock { [keys] in $0 = keys } }
            var events: [SectorEvent] = []
            var declared: [String] = []
            for (event, id) in page {
                if event.errorDeclaration != nil {
                    declared.append(id)
                    continue
                }
                let sector = SectorEvent(event, id: id, keys: &keys)
                if rules.reads(sector) { events.append(sector) }
            }
            kept.add(events, declared: declared)
        }
        return rules.findings(kept.events(), now: now, since: since)
    }

    /// The attributes that make an identifier matter to a rule.
    static let ruleAttributes: Set<String> = [
        "withdrawalPeriodDays", "preHarvestIntervalDays", "maintenanceIntervalDays", "inspectionDue",
        "inspectionIntervalDays", "scrappedOn", "licenceClass", "minTemperature", "maxTemperature",
    ]

    /// Whether master data makes an identifier matter to a rule: an attribute a rule reads, or a category the
    /// configuration gives intervals or a temperature range.
    func describes(_ key: String) -> Bool {
        func matters(_ attributes: [String: String]) -> Bool {
            if attributes.keys.contains(where: Self.ruleAttributes.contains) { return true }
            guard let category = attributes["category"] else { return false }
            return configuration.maintenanceIntervals[category] != nil
                || configuration.inspectionIntervals[category] != nil
                || configuration.temperatureRanges[category] != nil
        }
        if let own = masterData.elements[key], matters(own) { return true }
        return SectorMasterData.classKey(of: key).flatMap { masterData.elements[$0] }.map(matters) ?? false
    }

    /// Whether a rule can read an event: readings, transformations, aggregations, ADDs (harvests, mining, container
    /// contents), fills, and events naming something ``describes(_:)`` accepts.
    func reads(_ sector: SectorEvent) -> Bool {
        let event = sector.facts
        if !sector.readings.isEmpty || event.type != .objectEvent || event.action == .add
            || event.bizStep == Self.filling
        {
            return true
        }
        return event.objectKeys.contains(where: describes)
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

/// The events kept across pages.
final class SectorEventBox: Sendable {
    private let state = Mutex<(kept: [SectorEvent], declared: Set<String>)>(([], []))

    func add(_ events: [SectorEvent], declared ids: [String]) {
        state.withLock { state in
            state.kept += events
            state.declared.formUnion(ids)
        }
    }

    func events() -> [SectorEvent] {
        state.withLock { state in state.kept.filter { !state.declared.contains($0.facts.id) } }
    }
}
