internal import EPCIS
public import Foundation

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
    /// An event declared erroneous is left out.
    /// - Parameters:
    ///   - seeds: the selected events.
    ///   - source: the store.
    /// - Returns: the events found (none of the seeds), and how many bodies were decoded to find them.
    public func lineage(
        of seeds: [SectorEvent], from source: some SectorEventSource
    ) async throws -> (events: [SectorEvent], read: Int) {
        var known = Set(seeds.map(\.facts.id))
        var found: [SectorEvent] = []
        var askedKeys: Set<String> = []
        var askedPlaces: Set<String> = []
        var declared: Set<String> = []
        var read = 0
        while true {
            let (keys, places) = followed(seeds + found)
            let selection = SectorSelection(keys: keys.subtracting(askedKeys), locations: places.subtracting(askedPlaces))
            guard !selection.isEmpty else { break }
            askedKeys.formUnion(selection.keys)
            askedPlaces.formUnion(selection.locations)
            let box = SectorEventBox(nil)
            try await Self.scan(source, after: 0, selecting: selection, into: box)
            let state = box.state(digest: [])
            read += state.read
            declared.formUnion(state.checkpoint.declared)
            for event in state.checkpoint.events where known.insert(event.facts.id).inserted {
                found.append(event)
            }
        }
        return (found.filter { !declared.contains($0.facts.id) }, read)
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

    /// Whether an identifier is a farm input with a period (a veterinary drug or a pesticide).
    func isFarmInput(_ key: String) -> Bool {
        masterData.number("withdrawalPeriodDays", of: key) != nil
            || masterData.number("preHarvestIntervalDays", of: key) != nil
    }
}
