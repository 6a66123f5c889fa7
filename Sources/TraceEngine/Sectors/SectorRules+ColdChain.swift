internal import EPCIS
public import Foundation

extension SectorRules {
    /// The allowed range of an identifier: its class's `minTemperature` / `maxTemperature` in `temperatureUom`
    /// (`CEL` when not given), else its category's from the configuration.
    func temperatureRange(_ key: String) -> TemperatureRange? {
        let minimum = masterData.number("minTemperature", of: key)
        let maximum = masterData.number("maxTemperature", of: key)
        if minimum != nil || maximum != nil {
            return TemperatureRange(
                minimum: minimum, maximum: maximum, uom: masterData.attribute("temperatureUom", of: key) ?? "CEL")
        }
        return masterData.category(of: key).flatMap { configuration.temperatureRanges[$0] }
    }

    /// temperatureExcursion: the `gs1:Temperature` readings of the events that name a lot, an item or a container
    /// (and the items a container holds, by the last aggregation), converted into the unit of the lot's range. An
    /// excursion runs from the first reading outside the range to the next reading inside it (or the last
    /// reading); the finding gives the extreme reading, the bound it broke, how long it lasted and where.
    /// Readings in a unit of another dimension, or in none, are not read.
    public func excursions(_ events: [SectorEvent]) -> [Finding] {
        var contents: [String: [String]] = [:]
        var readings: [String: [(time: Date, values: [Double], uom: String?, event: TraceEvent)]] = [:]
        for sector in events {
            let event = sector.facts
            if event.type == .aggregationEvent, let parent = event.parent {
                let children = event.children + event.childQuantities.map(\.key)
                switch event.action {
                case .add, .observe: contents[parent, default: []] += children
                case .delete:
                    contents[parent] = children.isEmpty ? [] : contents[parent]?.filter { !children.contains($0) }
                default: break
                }
            }
            guard !sector.readings.isEmpty else { continue }
            var keys = Set(event.objectKeys)
            for key in keys { keys.formUnion(contents[key] ?? []) }
            for key in keys where temperatureRange(key) != nil {
                for reading in sector.readings {
                    readings[key, default: []].append((reading.time, reading.values, reading.uom, event))
                }
            }
        }
        var found: [Finding] = []
        for (key, list) in readings where checks(.temperatureExcursion, key) {
            guard let range = temperatureRange(key), let unit = MeasurementUnit(code: range.uom) else { continue }
            let sorted = list.sorted { ($0.time, $0.event.id) < ($1.time, $1.event.id) }
            var open: (start: Date, extreme: Double, bound: Double, events: [String], places: [String], key: String?)?
            func close(_ end: Date, _ closing: String?) {
                guard let episode = open else { return }
                var evidence = episode.events
                if let closing, !evidence.contains(closing) { evidence.append(closing) }
                var finding = Finding(
                    kind: .temperatureExcursion, identifier: sorted[0].event.label(key), key: key,
                    expected: episode.bound, actual: (episode.extreme * 100).rounded() / 100, uom: range.uom,
                    events: evidence)
                let hours = (end.timeIntervalSince(episode.start) / 36).rounded() / 100
                let formatter = ISO8601DateFormatter()
                finding.note = "\(hours) h from \(formatter.string(from: episode.start)) at "
                    + episode.places.joined(separator: ", ")
                finding.duration = end.timeIntervalSince(episode.start)
                finding.place = episode.key
                found.append(finding)
                open = nil
            }
            for reading in sorted {
                let converted = reading.values.compactMap { value in
                    reading.uom.flatMap(MeasurementUnit.init(code:)).flatMap { $0.convert(value, to: unit) }
                }
                guard !converted.isEmpty else { continue }
                let low = range.minimum.flatMap { bound in converted.min().flatMap { $0 < bound - 1e-9 ? $0 : nil } }
                let high = range.maximum.flatMap { bound in converted.max().flatMap { $0 > bound + 1e-9 ? $0 : nil } }
                guard high != nil || low != nil else {
                    close(reading.time, reading.event.id)
                    continue
                }
                let place = reading.event.bizLocation.map { reading.event.label($0) }
                var episode = open
                    ?? (reading.time, high ?? low!, (high != nil ? range.maximum : range.minimum)!, [], [],
                        reading.event.bizLocation)
                if let high, high > episode.extreme, episode.bound == range.maximum { episode.extreme = high }
                if let low, low < episode.extreme, episode.bound == range.minimum { episode.extreme = low }
                if !episode.events.contains(reading.event.id) { episode.events.append(reading.event.id) }
                if let place, !episode.places.contains(place) { episode.places.append(place) }
                open = episode
            }
            if let last = sorted.last { close(last.time, nil) }
        }
        return found
    }
}
