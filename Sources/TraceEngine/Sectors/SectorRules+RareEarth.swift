internal import EPCIS
public import Foundation

extension SectorRules {
    /// quotaExceeded and separationImbalance.
    ///
    /// Mining is an ObjectEvent ADD of a class of category `rareEarthOre`; separation, a TransformationEvent whose
    /// outputs are of category `rareEarthOxide`. Each is booked to the owner of its business location (master data
    /// `owner`) for the year of the event, in tonnes (any mass unit converted). A party's year above its
    /// `miningQuota` or `separationQuota` (tonnes a year; `miningQuota.2026` for one year) is a finding with every
    /// event of that year. A separation whose output mass differs from its input mass times the ore's `reoGrade`
    /// (1 when not given) by more than the tolerance is a separationImbalance.
    func rareEarth(_ events: [SectorEvent]) -> [Finding] {
        var booked: [String: (tonnes: Double, events: [String], label: String)] = [:]
        var found: [Finding] = []
        let tonne = MeasurementUnit(code: "TNE")!
        func tonnes(_ list: [TraceQuantity]) -> Double? {
            var total = 0.0
            for element in list {
                guard let quantity = element.quantity, let unit = element.uom.flatMap(MeasurementUnit.init(code:)),
                    let converted = unit.convert(quantity, to: tonne)
                else { return nil }
                total += converted
            }
            return total
        }
        let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            return calendar
        }()
        for sector in events {
            let event = sector.facts
            let activity: String
            let mass: Double?
            if event.type == .objectEvent, event.action == .add,
                event.quantities.contains(where: { masterData.category(of: $0.key) == "rareEarthOre" })
            {
                activity = "mining"
                mass = tonnes(event.quantities.filter { masterData.category(of: $0.key) == "rareEarthOre" })
            } else if event.type == .transformationEvent,
                event.outputQuantities.contains(where: { masterData.category(of: $0.key) == "rareEarthOxide" })
            {
                activity = "separation"
                let outputs = event.outputQuantities.filter { masterData.category(of: $0.key) == "rareEarthOxide" }
                mass = tonnes(outputs)
                let expected = event.inputQuantities.reduce(0.0 as Double?) { sum, element in
                    guard let sum, let input = tonnes([element]) else { return nil }
                    return sum + input * (masterData.number("reoGrade", of: element.key) ?? 1)
                }
                if let expected, let mass, let key = outputs.first?.key, checks(.separationImbalance, key),
                    abs(mass - expected) > configuration.separationTolerance * expected
                {
                    found.append(Finding(
                        kind: .separationImbalance, identifier: event.label(key), key: key,
                        from: event.bizLocation.flatMap { masterData.locationOwners[$0] }.map { event.label($0) },
                        expected: expected, actual: mass, uom: "TNE", events: [event.id]))
                }
            } else {
                continue
            }
            guard let mass, let place = event.bizLocation, let owner = masterData.locationOwners[place]
            else { continue }
            let year = calendar.component(.year, from: event.time)
            let id = "\(owner) \(activity) \(year)"
            var entry = booked[id] ?? (0, [], event.label(owner))
            entry.tonnes += mass
            entry.events.append(event.id)
            booked[id] = entry
        }
        for (id, entry) in booked {
            let parts = id.split(separator: " ").map(String.init)
            let (owner, activity, year) = (parts[0], parts[1], parts[2])
            guard let quota = masterData.number("\(activity)Quota.\(year)", of: owner)
                ?? masterData.number("\(activity)Quota", of: owner),
                entry.tonnes > quota * (1 + 1e-9), checks(.quotaExceeded, owner)
            else { continue }
            var finding = Finding(
                kind: .quotaExceeded, identifier: entry.label, key: owner, from: entry.label, expected: quota,
                actual: (entry.tonnes * 1000).rounded() / 1000, uom: "TNE", events: entry.events)
            finding.note = "\(activity) \(year)"
            found.append(finding)
        }
        return found
    }
}
