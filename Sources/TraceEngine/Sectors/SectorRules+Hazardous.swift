internal import EPCIS
public import Foundation

extension SectorRules {
    /// storageImbalance and unlicensedReceiver, for classes whose master data names a `licenceClass`
    /// (`hazardousChemical`, `explosive`, `fireworks`).
    ///
    /// Stock: each warehouse's balance of a class (receipts, production and transformation outputs in; issues,
    /// consumption, sales and destruction out, as the lot balances count them) is compared with every count
    /// (`cycle_counting` or `stock_taking` with quantities) at the location; a count beyond the tolerance is a
    /// finding, and the count becomes the balance. Receiver: the destination party of a shipment or receipt (else the
    /// owner of the receiving location) must hold the licence, its master data `licences` naming the class's
    /// `licenceClass` (several separated by commas or spaces).
    func hazardous(_ events: [SectorEvent]) -> [Finding] {
        var balances: [LotPosition: (quantity: Double, events: [String])] = [:]
        var found: [Finding] = []
        var unlicensed: [String: Finding] = [:]
        for sector in events {
            let event = sector.facts
            let lists = [event.quantities, event.inputQuantities, event.outputQuantities]
            let hazardous = lists.joined().filter { masterData.attribute("licenceClass", of: $0.key) != nil }
                + event.epcs.filter { masterData.attribute("licenceClass", of: $0) != nil }
                    .map { TraceQuantity(key: $0, quantity: nil, uom: nil) }
            guard !hazardous.isEmpty else { continue }
            if event.bizStep == "cycle_counting" || event.bizStep == "stock_taking", let place = event.bizLocation {
                for count in event.quantities where masterData.attribute("licenceClass", of: count.key) != nil {
                    guard let counted = count.quantity else { continue }
                    let position = LotPosition(location: place, key: count.key, uom: count.uom ?? "EA")
                    let booked = balances[position] ?? (0, [])
                    let tolerance = configuration.stockTolerance * max(abs(booked.quantity), abs(counted))
                    if abs(counted - booked.quantity) > tolerance, checks(.storageImbalance, count.key) {
                        var finding = Finding(
                            kind: .storageImbalance, identifier: event.label(count.key), key: count.key,
                            expected: booked.quantity, actual: counted, uom: count.uom,
                            events: Array(booked.events.suffix(20)) + [event.id])
                        finding.note = event.label(place)
                        found.append(finding)
                    }
                    balances[position] = (counted, [event.id])
                }
            } else {
                LotLedger.postings(of: event) { list, location, sign in
                    for element in list where masterData.attribute("licenceClass", of: element.key) != nil {
                        guard let quantity = element.quantity else { continue }
                        let position = LotPosition(location: location, key: element.key, uom: element.uom ?? "EA")
                        var booked = balances[position] ?? (0, [])
                        booked.quantity += sign * quantity
                        booked.events.append(event.id)
                        balances[position] = booked
                    }
                }
            }
            guard event.bizStep == "shipping" || event.bizStep == "receiving" else { continue }
            let place = event.destinationLocation ?? (event.bizStep == "receiving" ? event.bizLocation : nil)
            guard let receiver = event.destinationParty ?? place.flatMap({ masterData.locationOwners[$0] })
            else { continue }
            let held = Set(
                (masterData.attribute("licences", of: receiver) ?? "")
                    .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" }).map(String.init))
            for item in hazardous {
                guard let needed = masterData.attribute("licenceClass", of: item.key), !held.contains(needed),
                    checks(.unlicensedReceiver, item.key)
                else { continue }
                let id = receiver + " " + item.key
                var finding = unlicensed[id] ?? Finding(
                    kind: .unlicensedReceiver, identifier: event.label(item.key), key: item.key,
                    to: event.label(receiver),
                    events: [])
                finding.note = needed
                if !finding.events.contains(event.id) { finding.events.append(event.id) }
                unlicensed[id] = finding
            }
        }
        return found + unlicensed.values
    }
}
