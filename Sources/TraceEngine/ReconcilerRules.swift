internal import EPCIS
internal import Foundation

/// The seven rules, each a pass over the events in time order.
struct ReconcilerRules {
    let configuration: Reconciler.Configuration
    let registry: PartyRegistry
    let now: Date
    let labels: [String: String]
    var findings: [Finding] = []

    init(configuration: Reconciler.Configuration, registry: PartyRegistry, now: Date, labels: [String: String]) {
        self.configuration = configuration
        self.registry = registry
        self.now = now
        self.labels = labels
    }

    func label(_ key: String?) -> String? { key.map { labels[$0] ?? $0 } }

    mutating func report(_ kind: FindingKind, _ key: String, from: String? = nil, to: String? = nil,
                         expected: Double? = nil, actual: Double? = nil, uom: String? = nil, events: [String]) {
        findings.append(Finding(
            kind: kind, identifier: labels[key] ?? key, key: key, from: label(from), to: label(to),
            expected: expected, actual: actual, uom: uom, events: events))
    }

    /// quantityMismatch, notReceived, unknownSource: each shipment against the receipts of its business
    /// transaction (desadv), identifier by identifier.
    mutating func shipments(_ events: [TraceEvent]) {
        let shipped = events.filter { $0.bizStep == "shipping" }
        let received = events.filter { $0.bizStep == "receiving" }
        var receiptsByTransaction: [String: [TraceEvent]] = [:]
        for receipt in received { for id in receipt.bizTransactions { receiptsByTransaction[id, default: []].append(receipt) } }
        let shippedTransactions = Set(shipped.flatMap(\.bizTransactions))
        for shipment in shipped {
            let receipts = shipment.bizTransactions.flatMap { receiptsByTransaction[$0] ?? [] }
            if receipts.isEmpty {
                guard now.timeIntervalSince(shipment.time) > configuration.receiptHorizon else { continue }
                for key in shipment.epcs {
                    report(.notReceived, key, from: shipment.sourceParty, to: shipment.destinationParty,
                           expected: 1, actual: 0, uom: "EA", events: [shipment.id])
                }
                for element in shipment.quantities {
                    report(.notReceived, element.key, from: shipment.sourceParty, to: shipment.destinationParty,
                           expected: element.quantity, actual: 0, uom: element.uom, events: [shipment.id])
                }
                continue
            }
            let ids = [shipment.id] + receipts.map(\.id)
            for element in shipment.quantities {
                guard let expected = element.quantity else { continue }
                let actual = receipts.flatMap(\.quantities)
                    .filter { $0.key == element.key && $0.uom == element.uom }
                    .compactMap(\.quantity).reduce(0, +)
                let tolerance = registry.category(of: element.key).flatMap { configuration.tolerances[$0] }
                    ?? configuration.defaultTolerance
                if abs(actual - expected) > tolerance * expected + 1e-9 {
                    report(.quantityMismatch, element.key, from: shipment.sourceParty, to: shipment.destinationParty,
                           expected: expected, actual: actual, uom: element.uom, events: ids)
                }
            }
            let arrived = Set(receipts.flatMap(\.epcs))
            for key in shipment.epcs where !arrived.contains(key) {
                report(.quantityMismatch, key, from: shipment.sourceParty, to: shipment.destinationParty,
                       expected: 1, actual: 0, uom: "EA", events: ids)
            }
        }
        for receipt in received where !receipt.bizTransactions.contains(where: shippedTransactions.contains) {
            for key in receipt.epcs + receipt.quantities.map(\.key) {
                let quantity = receipt.quantities.first { $0.key == key }
                report(.unknownSource, key, from: receipt.sourceParty, to: receipt.destinationParty,
                       expected: 0, actual: quantity?.quantity ?? 1, uom: quantity?.uom ?? "EA", events: [receipt.id])
            }
        }
    }

    /// negativeBalance: a location's balance of a lot below zero after all its events.
    mutating func balances(_ events: [TraceEvent]) {
        var ledger = LotLedger()
        for event in events { ledger.apply(event) }
        let owners = ownersFromEvents(events)
        for (position, balance) in ledger.balances.sorted(by: { $0.key < $1.key }) where balance < -1e-6 {
            let owner = registry.locationOwners[position.location] ?? owners[position.location]
            report(.negativeBalance, position.key, from: owner ?? position.location, expected: 0,
                   actual: (balance * 1_000).rounded() / 1_000, uom: position.uom,
                   events: ledger.evidence[position] ?? [])
        }
    }

    /// unlicensedParty: every event where a suspended, revoked or blacklisted party ships, receives or
    /// produces (is source, destination, or owns the business location); one finding per party.
    mutating func licences(_ events: [TraceEvent]) {
        let owners = ownersFromEvents(events)
        var byParty: [String: [String]] = [:]
        for event in events {
            var acting = Set([event.sourceParty, event.destinationParty].compactMap { $0 })
            if let location = event.bizLocation, let owner = registry.locationOwners[location] ?? owners[location] {
                acting.insert(owner)
            }
            for party in acting where registry.parties[party].map({ !$0.isLicensed }) ?? false {
                byParty[party, default: []].append(event.id)
            }
        }
        for (party, ids) in byParty.sorted(by: { $0.key < $1.key }) {
            report(.unlicensedParty, party, from: party, events: ids)
        }
    }

    /// clone (sold or dispensed twice, or seen in two places it cannot be in at once) and decommissionedSeen
    /// (seen after destruction), per serialised item.
    ///
    /// "Two places at once": after its sale or dispensing an item is seen at another site, or it is seen at two
    /// sites closer in time than ``Reconciler/Configuration/minimumTransit``. Sightings are the events that name
    /// it directly (epcList, parent, children, inputs, outputs) at a business location (else the read point).
    mutating func serialised(_ events: [TraceEvent]) {
        var sales: [String: [String]] = [:]
        var soldAt: [String: (location: String, event: String)] = [:]
        var lastSeen: [String: (location: String, time: Date, event: String)] = [:]
        var elsewhere: [String: (first: String, second: String, events: [String])] = [:]
        var ended: [String: String] = [:]
        var seenAfter: [String: [String]] = [:]
        for event in events {
            let keys = event.epcs + event.children + event.inputs + event.outputs + (event.parent.map { [$0] } ?? [])
            let isSale = event.bizStep == "retail_selling" || event.bizStep == "dispensing"
            for key in keys {
                if ended[key] != nil { seenAfter[key, default: []].append(event.id) }
                guard let location = event.bizLocation else { continue }
                if elsewhere[key] == nil {
                    if !isSale, let sale = soldAt[key], sale.location != location {
                        elsewhere[key] = (sale.location, location, [sale.event, event.id])
                    } else if let last = lastSeen[key], last.location != location,
                        event.time.timeIntervalSince(last.time) < configuration.minimumTransit
                    {
                        elsewhere[key] = (last.location, location, [last.event, event.id])
                    }
                }
                lastSeen[key] = (location, event.time, event.id)
            }
            if isSale {
                for key in event.epcs {
                    sales[key, default: []].append(event.id)
                    if soldAt[key] == nil, let location = event.bizLocation { soldAt[key] = (location, event.id) }
                }
            } else if event.type == .objectEvent && event.action == .delete
                || event.bizStep == "destroying" || event.bizStep == "decommissioning"
            {
                for key in event.epcs where ended[key] == nil { ended[key] = event.id }
            }
        }
        let owners = ownersFromEvents(events)
        func owner(_ location: String) -> String { registry.locationOwners[location] ?? owners[location] ?? location }
        for key in Set(sales.filter { $0.value.count > 1 }.keys).union(elsewhere.keys).sorted() {
            let sold = sales[key] ?? []
            if sold.count > 1 {
                report(.clone, key, expected: 1, actual: Double(sold.count), uom: "EA", events: sold)
            } else if let place = elsewhere[key] {
                report(.clone, key, from: owner(place.first), to: owner(place.second), expected: 1, actual: 2, uom: "EA",
                       events: place.events)
            }
        }
        for (key, ids) in seenAfter.sorted(by: { $0.key < $1.key }) {
            guard let destroyed = ended[key] else { continue }
            report(.decommissionedSeen, key, events: [destroyed] + ids)
        }
    }

    private func ownersFromEvents(_ events: [TraceEvent]) -> [String: String] {
        var owners: [String: String] = [:]
        for event in events {
            if let location = event.sourceLocation, let party = event.sourceParty { owners[location] = party }
            if let location = event.destinationLocation, let party = event.destinationParty { owners[location] = party }
        }
        return owners
    }
}
