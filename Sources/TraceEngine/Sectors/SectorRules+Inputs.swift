internal import EPCIS
public import Foundation

extension SectorRules {
    /// A farm input applied to a lot, an animal or a field, and when its period ends.
    private struct Treatment {
        var kind: FindingKind
        var input: String
        var event: String
        var time: Date
        var ends: Date
    }

    /// Business steps that move or keep goods: an input named in them is carried, not applied.
    static let logistics: Set<String> = [
        "shipping", "receiving", "departing", "arriving", "loading", "unloading", "storing", "stocking",
        "picking", "packing", "retail_selling", "destroying", "decommissioning", "cycle_counting", "stock_taking",
        "commissioning", "transporting", "accepting", "holding",
    ]

    /// withdrawalPeriod and preHarvestInterval.
    ///
    /// A treatment is an event that names an input whose master data gives `withdrawalPeriodDays` (a veterinary
    /// drug) or `preHarvestIntervalDays` (a pesticide) together with what it was given to: the other identifiers
    /// the event names, or, when it names none, its business location (a sprayed field); an ObjectEvent whose
    /// business step moves or keeps goods (``logistics``) only carries the input. A harvest, slaughter or
    /// milking is a TransformationEvent consuming a treated identifier, or a transformation or ObjectEvent ADD at a
    /// treated place, before the period ended: every product it makes, and every product later made from those,
    /// is a finding.
    func inputPeriods(_ events: [SectorEvent]) -> [Finding] {
        inputChecks(events).filter { !$0.kept && checks($0.kind, $0.product) }.map(\.finding)
    }

    /// One product made from a treated animal, lot or field: whether the input's period was kept.
    public struct InputCheck: Hashable, Sendable {
        /// `withdrawalPeriod` or `preHarvestInterval`.
        public var kind: FindingKind
        /// The product's key.
        public var product: String
        /// Whether the harvest, slaughter or milking came after the period ended.
        public var kept: Bool
        /// The finding it is when not kept (figures: period and days elapsed).
        public var finding: Finding
    }

    /// Every product made from something treated, with whether the period was kept (the first treatment that
    /// reaches it decides; a broken period wins over a kept one).
    public func inputChecks(_ events: [SectorEvent]) -> [InputCheck] {
        var treated: [String: [Treatment]] = [:]
        var treatedPlaces: [String: [Treatment]] = [:]
        var affected: [String: (treatment: Treatment, made: Date, events: [String])] = [:]
        var found: [String: InputCheck] = [:]
        for sector in events.sorted(by: { ($0.facts.time, $0.facts.id) < ($1.facts.time, $1.facts.id) }) {
            let event = sector.facts
            let named = Array(event.objectKeys)
            var inputs: [(String, FindingKind, Double)] = []
            for key in named {
                if let days = masterData.number("withdrawalPeriodDays", of: key) {
                    inputs.append((key, .withdrawalPeriod, days))
                } else if let days = masterData.number("preHarvestIntervalDays", of: key) {
                    inputs.append((key, .preHarvestInterval, days))
                }
            }
            if !inputs.isEmpty, event.type == .objectEvent, !Self.logistics.contains(event.bizStep ?? "") {
                let inputKeys = Set(inputs.map(\.0))
                let targets = named.filter { !inputKeys.contains($0) }
                for (input, kind, days) in inputs {
                    let treatment = Treatment(
                        kind: kind, input: event.label(input), event: event.id, time: event.time,
                        ends: event.time.addingTimeInterval(days * 86_400))
                    if targets.isEmpty, let place = event.bizLocation {
                        treatedPlaces[place, default: []].append(treatment)
                    }
                    for target in targets { treated[target, default: []].append(treatment) }
                }
                continue
            }
            let makes = event.type == .transformationEvent
                ? event.outputs + event.outputQuantities.map(\.key)
                : (event.type == .objectEvent && event.action == .add ? event.epcs + event.quantities.map(\.key) : [])
            guard !makes.isEmpty else { continue }
            var causes: [(treatment: Treatment, made: Date, events: [String])] = []
            if event.type == .transformationEvent {
                for input in event.inputs + event.inputQuantities.map(\.key) {
                    for treatment in treated[input] ?? [] where event.time >= treatment.time {
                        causes.append((treatment, event.time, [treatment.event, event.id]))
                    }
                    if let earlier = affected[input] {
                        causes.append((earlier.treatment, earlier.made, earlier.events + [event.id]))
                    }
                }
            }
            if let place = event.bizLocation {
                for treatment in treatedPlaces[place] ?? [] where event.time >= treatment.time {
                    causes.append((treatment, event.time, [treatment.event, event.id]))
                }
            }
            // A broken period first, so that it decides.
            let ordered = causes.enumerated().sorted {
                ($0.element.made < $0.element.treatment.ends ? 0 : 1, $0.offset)
                    < ($1.element.made < $1.element.treatment.ends ? 0 : 1, $1.offset)
            }
            for cause in ordered.map(\.element) {
                for product in makes where affected[product] == nil {
                    affected[product] = cause
                    var finding = Finding(
                        kind: cause.treatment.kind, identifier: event.label(product), key: product,
                        expected: Self.days(cause.treatment.ends.timeIntervalSince(cause.treatment.time)),
                        actual: Self.days(cause.made.timeIntervalSince(cause.treatment.time)), uom: "DAY",
                        events: cause.events)
                    finding.note = cause.treatment.input
                    found[product] = InputCheck(
                        kind: cause.treatment.kind, product: product, kept: cause.made >= cause.treatment.ends,
                        finding: finding)
                }
            }
        }
        return found.keys.sorted().map { found[$0]! }
    }
}
