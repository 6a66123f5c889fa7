import Foundation

/// The findings of a reconciliation before their evidence is named: each event is still the reference its source
/// gave it. The source turns ``references`` into event IDs and finds the spelling each of ``keys`` was captured
/// with; ``resolve(eventID:labels:)`` then gives the findings.
public struct ReconciliationDraft: Sendable {
    /// A finding whose identifiers are canonical keys and whose events are references.
    struct Entry: Sendable {
        var kind: FindingKind
        var key: String
        var from: String?
        var to: String?
        var expected: Double?
        var actual: Double?
        var uom: String?
        var evidence: [EvidenceReference]
    }

    let since: Date?
    var entries: [Entry] = []

    init(since: Date?) { self.since = since }

    mutating func report(
        _ kind: FindingKind, _ key: String, from: String? = nil, to: String? = nil, expected: Double? = nil,
        actual: Double? = nil, uom: String? = nil, evidence: [EvidenceReference]
    ) {
        // Only findings whose latest evidence is at or after `since` are reported.
        if let since, let latest = evidence.max(), latest.time < since { return }
        entries.append(
            Entry(kind: kind, key: key, from: from, to: to, expected: expected, actual: actual, uom: uom, evidence: evidence))
    }

    /// How many findings there are.
    public var count: Int { entries.count }

    /// Every event the findings rest on, ascending, each once.
    public var references: [Int64] {
        Array(Set(entries.flatMap { $0.evidence.map(\.reference) })).sorted()
    }

    /// Every canonical key the findings name (identifiers and parties), sorted, each once: the keys a source
    /// looks up the captured spelling of.
    public var keys: [String] {
        Array(Set(entries.flatMap { [$0.key, $0.from, $0.to].compactMap { $0 } })).sorted()
    }

    /// The findings, named.
    /// - Parameters:
    ///   - eventID: the event ID of a reference (a reference it does not know is shown as `#reference`).
    ///   - labels: the captured spelling of canonical keys; a key without one is shown as it is.
    /// - Returns: the findings, ordered by kind, then identifier key, then first event.
    public func resolve(eventID: (Int64) -> String?, labels: [String: String]) -> [Finding] {
        func label(_ key: String?) -> String? { key.map { labels[$0] ?? $0 } }
        return entries.map { entry in
            var finding = Finding(
                kind: entry.kind, identifier: labels[entry.key] ?? entry.key, key: entry.key, from: label(entry.from),
                to: label(entry.to), expected: entry.expected, actual: entry.actual, uom: entry.uom,
                events: entry.evidence.map { eventID($0.reference) ?? "#\($0.reference)" })
            // When it happened: its latest evidence, to the second (a checkpoint may keep times coarser than a
            // fresh read; the dashboard counts findings per day).
            finding.at = entry.evidence.max().map {
                Date(timeIntervalSince1970: $0.time.timeIntervalSince1970.rounded(.down))
            }
            return finding
        }
        .sorted { ($0.kind.rawValue, $0.key, $0.events.first ?? "") < ($1.kind.rawValue, $1.key, $1.events.first ?? "") }
    }
}

/// The end-of-stream passes of a ``Reconciliation``, rule by rule.
struct FinishPass {
    let run: Reconciliation
    var symbols: Symbols { run.symbols }

    init(run: Reconciliation) { self.run = run }

    private func name(_ number: Int32) -> String? { symbols.name(number) }

    /// The owner of a location: the registry's, else the latest party named beside it in an event.
    private func owner(of location: Int32) -> String? {
        run.registry.locationOwners[symbols[location]] ?? run.owners[location].map { symbols[$0.party] }
    }

    /// quantityMismatch, notReceived, unknownSource: each shipment against the receipts of its business
    /// transactions (desadv, po), identifier by identifier; a receipt that carries two of them counts once.
    func shipments(into draft: inout ReconciliationDraft) {
        let horizon = run.configuration.receiptHorizon
        // The tolerance of each class or item key met, found once (lots are shipped again and again).
        var tolerances: [Int32: Double] = [:]
        func tolerance(_ key: Int32) -> Double {
            if let known = tolerances[key] { return known }
            let found = run.registry.category(of: symbols[key]).flatMap { run.configuration.tolerances[$0] }
                ?? run.configuration.defaultTolerance
            tolerances[key] = found
            return found
        }
        for shipment in run.shipments {
            var indices: [Int32] = []
            for transaction in shipment.transactions {
                for index in run.receiptsByTransaction[transaction] ?? [] where !indices.contains(index) {
                    indices.append(index)
                }
            }
            let receipts = indices.map { run.receipts[Int($0)] }.sorted { $0.evidence < $1.evidence }
            let from = name(shipment.source)
            let to = name(shipment.destination)
            if receipts.isEmpty {
                guard run.now.timeIntervalSince(shipment.evidence.time) > horizon else { continue }
                for key in shipment.epcs {
                    draft.report(.notReceived, symbols[key], from: from, to: to, expected: 1, actual: 0, uom: "EA",
                                 evidence: [shipment.evidence])
                }
                for element in shipment.quantities {
                    draft.report(.notReceived, symbols[element.key], from: from, to: to, expected: element.quantity,
                                 actual: 0, uom: name(element.uom), evidence: [shipment.evidence])
                }
                continue
            }
            let evidence = [shipment.evidence] + receipts.map(\.evidence)
            for element in shipment.quantities {
                guard let expected = element.quantity else { continue }
                var actual = 0.0
                for receipt in receipts {
                    for amount in receipt.quantities where amount.key == element.key && amount.uom == element.uom {
                        actual += amount.quantity ?? 0
                    }
                }
                if abs(actual - expected) > tolerance(element.key) * expected + 1e-9 {
                    draft.report(.quantityMismatch, symbols[element.key], from: from, to: to, expected: expected, actual: actual,
                                 uom: name(element.uom), evidence: evidence)
                }
            }
            guard !shipment.epcs.isEmpty else { continue }
            let arrived = Set(receipts.flatMap(\.epcs))
            for key in shipment.epcs where !arrived.contains(key) {
                draft.report(.quantityMismatch, symbols[key], from: from, to: to, expected: 1, actual: 0, uom: "EA",
                             evidence: evidence)
            }
        }
        for receipt in run.receipts where !receipt.transactions.contains(where: run.shippedTransactions.contains) {
            for key in receipt.epcs + receipt.quantities.map(\.key) {
                let quantity = receipt.quantities.first { $0.key == key }
                draft.report(.unknownSource, symbols[key], from: name(receipt.source), to: name(receipt.destination),
                             expected: 0, actual: quantity?.quantity ?? 1, uom: quantity.flatMap { name($0.uom) } ?? "EA",
                             evidence: [receipt.evidence])
            }
        }
    }

    /// negativeBalance: a location's balance of a lot below zero after all its events.
    func balances(into draft: inout ReconciliationDraft) {
        for (position, balance) in run.balances where balance.amount < -1e-6 {
            let location = symbols[position.location]
            draft.report(.negativeBalance, symbols[position.key], from: owner(of: position.location) ?? location,
                         expected: 0, actual: (balance.amount * 1_000).rounded() / 1_000, uom: symbols[position.uom],
                         evidence: balance.evidence.sorted())
        }
    }

    /// unlicensedParty: one finding per suspended, revoked or blacklisted party, with every event where it
    /// ships, receives or owns the business location.
    func licences(into draft: inout ReconciliationDraft) {
        guard run.checksLicences else { return }
        var byParty = run.licenceEvidence
        for place in run.unownedPlaces {
            guard let owner = run.owners[place.location]?.party, owner != place.source, owner != place.destination,
                run.registry.parties[symbols[owner]].map({ !$0.isLicensed }) ?? false
            else { continue }
            byParty[owner, default: []].append(place.evidence)
        }
        for (party, evidence) in byParty {
            let name = symbols[party]
            draft.report(.unlicensedParty, name, from: name, evidence: evidence.sorted())
        }
    }

    /// clone (sold or dispensed twice, or seen in two places it cannot be in at once) and decommissionedSeen
    /// (seen after destruction), per serialised item, over its sightings in time order.
    ///
    /// "Two places at once": after its sale or dispensing an item is seen at another site, or it is seen at two
    /// sites closer in time than ``Reconciler/Configuration/minimumTransit``. Sightings are the events that name
    /// it directly (epcList, parent, children, inputs, outputs) at a business location (else the read point).
    func serialised(into draft: inout ReconciliationDraft) {
        let sightings = run.orderedSightings == run.sightings.count
            ? run.sightings : run.sightings.sorted(by: Reconciliation.Sighting.ordered)
        let transit = run.configuration.minimumTransit
        func place(_ location: Int32) -> String { owner(of: location) ?? symbols[location] }
        var start = 0
        while start < sightings.count {
            let key = sightings[start].key
            var end = start
            while end < sightings.count, sightings[end].key == key { end += 1 }
            var sales: [EvidenceReference] = []
            var soldAt: (location: Int32, evidence: EvidenceReference)?
            var lastSeen: (location: Int32, evidence: EvidenceReference)?
            var elsewhere: (first: Int32, second: Int32, evidence: [EvidenceReference])?
            var ended: EvidenceReference?
            var seenAfter: [EvidenceReference] = []
            for sighting in sightings[start..<end] {
                let evidence = sighting.evidence
                let location = sighting.location
                if sighting.flags & Reconciliation.Sighting.mark != 0 {
                    if sighting.flags & Reconciliation.Sighting.saleEvent != 0 {
                        sales.append(evidence)
                        if soldAt == nil, location >= 0 { soldAt = (location, evidence) }
                    } else if ended == nil {
                        ended = evidence
                    }
                    continue
                }
                if ended != nil { seenAfter.append(evidence) }
                guard location >= 0 else { continue }
                if elsewhere == nil {
                    let isSale = sighting.flags & Reconciliation.Sighting.saleEvent != 0
                    if !isSale, let sale = soldAt, sale.location != location {
                        elsewhere = (sale.location, location, [sale.evidence, evidence])
                    } else if let last = lastSeen, last.location != location,
                        evidence.time.timeIntervalSince(last.evidence.time) < transit
                    {
                        elsewhere = (last.location, location, [last.evidence, evidence])
                    }
                }
                lastSeen = (location, evidence)
            }
            let name = symbols[key]
            if sales.count > 1 {
                draft.report(.clone, name, expected: 1, actual: Double(sales.count), uom: "EA", evidence: sales)
            } else if let elsewhere {
                draft.report(.clone, name, from: place(elsewhere.first), to: place(elsewhere.second), expected: 1,
                             actual: 2, uom: "EA", evidence: elsewhere.evidence)
            }
            if let ended, !seenAfter.isEmpty {
                draft.report(.decommissionedSeen, name, evidence: [ended] + seenAfter)
            }
            start = end
        }
    }
}
