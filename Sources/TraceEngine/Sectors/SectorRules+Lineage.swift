internal import EPCIS
public import Foundation

/// What the sector pass followed beyond its selection (``SectorRules/lineage(of:from:keeping:)``): the identifiers and
/// business locations it asked the store for, and the events they named.
public struct SectorLineage: Hashable, Sendable {
    /// The events found, in the order found.
    public var events: [SectorEvent]
    /// The canonical keys asked for.
    public var keys: Set<String>
    /// The business locations asked for.
    public var places: Set<String>

    /// Makes a lineage.
    public init(events: [SectorEvent] = [], keys: Set<String> = [], places: Set<String> = []) {
        self.events = events
        self.keys = keys
        self.places = places
    }
}

extension SectorRules {
    /// The events beyond the selected ones that a rule reads, asked of the store's identifier and location indexes
    /// round after round until nothing new is named:
    /// - what a farm input was given to (the animals or lots a treatment names, or the field it was sprayed on),
    ///   every TransformationEvent consuming them and every ObjectEvent ADD at the field, then whatever consumes their
    ///   products, to the end of the chain (withdrawalPeriod, preHarvestInterval);
    /// - the containers that hold goods with a temperature range, whose events carry the readings
    ///   (temperatureExcursion);
    /// - the assets a fill names, whose scrapping and inspections decide whether it was safe (unsafeFill).
    ///
    /// Going on from a lineage kept up to a reference, the keys and places it followed are asked only for the events
    /// captured since; new ones are asked of the whole store.
    /// - Parameters:
    ///   - seeds: the selected events, none declared erroneous.
    ///   - source: the store.
    ///   - kept: the lineage a run kept, and the reference up to which it covers the store.
    /// - Returns: the lineage (none of the seeds; events declared erroneous included: the caller leaves them out),
    ///   how many bodies were decoded to find it, and whether it differs from the kept one.
    public func lineage(
        of seeds: [SectorEvent], from source: some SectorEventSource, keeping kept: (SectorLineage, Int64)? = nil
    ) async throws -> (lineage: SectorLineage, read: Int, changed: Bool) {
        var lineage = kept?.0 ?? SectorLineage()
        var known = Set(seeds.map(\.facts.id)).union(lineage.events.map(\.facts.id))
        var read = 0
        var changed = kept == nil
        func ask(_ selection: SectorSelection, after reference: Int64) async throws {
            let found = try await Self.collect(source, after: reference, selecting: selection)
            read += found.read
            for event in found.events where known.insert(event.facts.id).inserted {
                lineage.events.append(event)
                changed = true
            }
        }
        if let (_, reference) = kept {
            let since = SectorSelection(keys: lineage.keys, locations: lineage.places)
            if !since.isEmpty { try await ask(since, after: reference) }
        }
        while true {
            let (keys, places) = followed(seeds + lineage.events)
            let selection = SectorSelection(
                keys: keys.subtracting(lineage.keys), locations: places.subtracting(lineage.places))
            guard !selection.isEmpty else { break }
            lineage.keys.formUnion(selection.keys)
            lineage.places.formUnion(selection.locations)
            changed = true
            try await ask(selection, after: 0)
        }
        return (lineage, read, changed)
    }

    /// The identifiers and business locations whose events a rule follows, from the events at hand.
    func followed(_ events: [SectorEvent]) -> (keys: Set<String>, places: Set<String>) {
        var keys: Set<String> = []
        var places: Set<String> = []
        var makers: [TraceEvent] = []
        for sector in events {
            let event = sector.facts
            switch event.type {
            case .transformationEvent:
                makers.append(event)
            case .aggregationEvent:
                if let parent = event.parent,
                    (event.children + event.childQuantities.map(\.key)).contains(where: { temperatureRange($0) != nil })
                {
                    keys.insert(parent)
                }
            case .objectEvent:
                if event.action == .add { makers.append(event) }
                if event.bizStep == Self.filling { keys.formUnion(event.epcs + (event.parent.map { [$0] } ?? [])) }
                let named = event.objectKeys
                let inputs = named.filter(isFarmInput)
                guard !inputs.isEmpty, !Self.logistics.contains(event.bizStep ?? "") else { continue }
                let targets = named.subtracting(inputs)
                if targets.isEmpty, let place = event.bizLocation { places.insert(place) }
                keys.formUnion(targets)
            default:
                continue
            }
        }
        // What is made from something followed, or at a followed place, is followed in turn.
        var changed = true
        while changed {
            changed = false
            for event in makers {
                let consumes = event.type == .transformationEvent
                    && (event.inputs + event.inputQuantities.map(\.key)).contains(where: keys.contains)
                guard consumes || event.bizLocation.map(places.contains) == true else { continue }
                let makes = event.type == .transformationEvent
                    ? event.outputs + event.outputQuantities.map(\.key) : event.epcs + event.quantities.map(\.key)
                for product in makes where keys.insert(product).inserted { changed = true }
            }
        }
        return (keys, places)
    }

    /// The events that name a farm input with a period (``isFarmInput(_:)``): treatments, and the inputs' own moves.
    public var farmInputSelection: SectorSelection {
        let keys = Set(masterData.elements.filter {
            $0.value["withdrawalPeriodDays"] != nil || $0.value["preHarvestIntervalDays"] != nil
        }.keys)
        return SectorSelection(keys: keys, gtins: Set(keys.compactMap(SectorSelection.gtin(ofClass:))))
    }

    /// The business locations a farm input was applied to as a place (a field sprayed, naming no lot or animal),
    /// from every event naming a farm input, error declarations left out.
    public func treatedPlaces(in source: some SectorEventSource) async throws -> Set<String> {
        let selection = farmInputSelection
        guard !selection.isEmpty else { return [] }
        let found = try await Self.collect(source, after: 0, selecting: selection)
        return followed(found.events.filter { !found.declared.contains($0.facts.id) }).places
    }

    /// Whether an identifier is a farm input with a period (a veterinary drug or a pesticide).
    func isFarmInput(_ key: String) -> Bool {
        masterData.number("withdrawalPeriodDays", of: key) != nil
            || masterData.number("preHarvestIntervalDays", of: key) != nil
    }
}
