import EPCIS
import Foundation
import Testing
import TraceEngine

/// Small hand-built events: keys are plain strings, times are hours after a fixed instant.
enum Build {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static func event(
        _ id: String, _ type: EventType = .objectEvent, at hours: Double, action: Action? = .observe, step: String? = nil
    ) -> TraceEvent {
        TraceEvent(id: id, type: type, time: t0.addingTimeInterval(hours * 3_600), action: action, bizStep: step)
    }

    static func move(
        _ id: String, at hours: Double, receiving: Bool, lot: String = "lot", kg: Double, from: String = "A", to: String = "B",
        transaction: String = "desadv-1"
    ) -> TraceEvent {
        var e = event(id, at: hours, step: receiving ? "receiving" : "shipping")
        e.quantities = [TraceQuantity(key: lot, quantity: kg, uom: "KGM")]
        e.sourceParty = from
        e.sourceLocation = from + "-site"
        e.destinationParty = to
        e.destinationLocation = to + "-site"
        e.bizLocation = receiving ? to + "-site" : nil
        e.bizTransactions = [transaction]
        return e
    }

    static func commission(_ id: String, at hours: Double, lot: String = "lot", kg: Double, site: String = "A-site") -> TraceEvent {
        var e = event(id, at: hours, action: .add, step: "commissioning")
        e.quantities = [TraceQuantity(key: lot, quantity: kg, uom: "KGM")]
        e.bizLocation = site
        return e
    }

    static func item(_ id: String, _ key: String, at hours: Double, action: Action = .observe, step: String, site: String = "B-site")
        -> TraceEvent
    {
        var e = event(id, at: hours, action: action, step: step)
        e.epcs = [key]
        e.bizLocation = site
        return e
    }
}

@Suite struct ReconcilerRuleTests {
    private func reconcile(_ events: [TraceEvent], hoursLater: Double = 100, _ configuration: Reconciler.Configuration = .init(),
                           registry: PartyRegistry = PartyRegistry()) -> [Finding] {
        let now = Build.t0.addingTimeInterval(hoursLater * 3_600)
        return Reconciler(configuration: configuration, registry: registry, now: { now }).reconcile(events)
    }

    @Test("a receipt short of its shipment beyond tolerance is a quantity mismatch with both figures")
    func quantityMismatch() throws {
        // Given 100 kg shipped and 99 kg received
        let events = [Build.commission("c", at: 0, kg: 100), Build.move("s", at: 1, receiving: false, kg: 100),
                      Build.move("r", at: 2, receiving: true, kg: 99)]
        // When reconciled with the default 0.5 % and with 2 % for the lot's category
        let strict = reconcile(events)
        let registry = PartyRegistry(categories: ["06901234100011": "meat"])
        let meatEvents = events.map { event -> TraceEvent in
            var e = event
            e.quantities = e.quantities.map { TraceQuantity(key: "https://id.gs1.org/01/06901234100011/10/L1", quantity: $0.quantity, uom: $0.uom) }
            return e
        }
        let lenient = reconcile(meatEvents, Reconciler.Configuration(tolerances: ["meat": 0.02]), registry: registry)
        // Then the default reports it with the figures and evidence, the category tolerance does not
        let finding = try #require(strict.first)
        #expect(strict.count == 1 && finding.kind == .quantityMismatch)
        #expect(finding.expected == 100 && finding.actual == 99 && finding.uom == "KGM")
        #expect(finding.from == "A" && finding.to == "B" && finding.events == ["s", "r"])
        #expect(lenient.isEmpty)
    }

    @Test("a shipment is not received only once the horizon has passed")
    func notReceived() {
        // Given a shipment with no receipt
        let events = [Build.commission("c", at: 0, kg: 10), Build.move("s", at: 1, receiving: false, kg: 10)]
        // When reconciled 47 hours and 49 hours later
        let early = reconcile(events, hoursLater: 48)
        let late = reconcile(events, hoursLater: 50)
        // Then only the late one reports it
        #expect(early.isEmpty)
        #expect(late.map(\.kind) == [.notReceived] && late.first?.expected == 10 && late.first?.actual == 0)
    }

    @Test("a receipt with no shipment behind it is an unknown source")
    func unknownSource() {
        // Given a receipt of a lot nobody shipped
        let events = [Build.move("r", at: 1, receiving: true, lot: "ghost", kg: 5, transaction: "desadv-x")]
        // When reconciled
        let findings = reconcile(events)
        // Then it is an unknown source
        #expect(findings.map(\.kind) == [.unknownSource] && findings.first?.identifier == "ghost")
    }

    @Test("a suspended party that produces is reported once with all its events")
    func unlicensedParty() {
        // Given a suspended party owning the site where a lot is commissioned, and shipping it
        let registry = PartyRegistry(
            parties: ["A": .init(licenceStatus: "suspended", blacklisted: false), "B": .init(licenceStatus: "active", blacklisted: false)],
            locationOwners: ["A-site": "A"])
        let events = [Build.commission("c", at: 0, kg: 10), Build.move("s", at: 1, receiving: false, kg: 10),
                      Build.move("r", at: 2, receiving: true, kg: 10)]
        // When reconciled
        let findings = reconcile(events, registry: registry)
        // Then one finding names the party with its three events
        #expect(findings.map(\.kind) == [.unlicensedParty])
        #expect(findings.first?.identifier == "A" && findings.first?.events == ["c", "s", "r"])
    }

    @Test("selling more than was received drives the balance negative")
    func negativeBalance() {
        // Given 10 kg received and 12 kg sold
        var sale = Build.event("x", at: 3, step: "retail_selling")
        sale.quantities = [TraceQuantity(key: "lot", quantity: 12, uom: "KGM")]
        sale.bizLocation = "B-site"
        let events = [Build.commission("c", at: 0, kg: 10), Build.move("s", at: 1, receiving: false, kg: 10),
                      Build.move("r", at: 2, receiving: true, kg: 10), sale]
        // When reconciled
        let findings = reconcile(events)
        // Then the buyer's balance is −2 kg
        #expect(findings.map(\.kind) == [.negativeBalance])
        #expect(findings.first?.actual == -2 && findings.first?.from == "B" && findings.first?.events == ["r", "x"])
    }

    @Test("one item dispensed twice is a clone; an item dispensed after destruction was seen decommissioned")
    func serialisedRules() {
        // Given pack 1 dispensed twice, and pack 2 destroyed then dispensed
        let events = [
            Build.item("d1", "pack-1", at: 1, step: "dispensing"), Build.item("d2", "pack-1", at: 2, step: "dispensing"),
            Build.item("k", "pack-2", at: 3, action: .delete, step: "destroying"), Build.item("d3", "pack-2", at: 4, step: "dispensing"),
        ]
        // When reconciled
        let findings = reconcile(events)
        // Then there is one of each, with the events as evidence
        #expect(findings.map(\.kind) == [.clone, .decommissionedSeen])
        #expect(findings.first?.events == ["d1", "d2"] && findings.first?.actual == 2)
        #expect(findings.last?.identifier == "pack-2" && findings.last?.events == ["k", "d3"])
    }

    @Test("an item seen at another site after it was dispensed, or at two sites within the transit time, is a clone")
    func seenInTwoPlaces() {
        // Given pack 1 dispensed at pharmacy A then scanned at pharmacy B; pack 2 scanned at A then at B 20 minutes
        // later; pack 3 moved from A to B in three hours (a real trip); pack 4 dispensed at A then scanned at A again
        let registry = PartyRegistry(locationOwners: ["A-site": "A", "B-site": "B"])
        let events = [
            Build.item("d1", "pack-1", at: 1, step: "dispensing", site: "A-site"),
            Build.item("s1", "pack-1", at: 30, step: "inspecting", site: "B-site"),
            Build.item("a2", "pack-2", at: 2, step: "inspecting", site: "A-site"),
            Build.item("b2", "pack-2", at: 2 + 1.0 / 3, step: "inspecting", site: "B-site"),
            Build.item("a3", "pack-3", at: 3, step: "inspecting", site: "A-site"),
            Build.item("b3", "pack-3", at: 6, step: "inspecting", site: "B-site"),
            Build.item("d4", "pack-4", at: 4, step: "dispensing", site: "A-site"),
            Build.item("s4", "pack-4", at: 5, step: "inspecting", site: "A-site"),
        ]
        // When reconciled
        let findings = reconcile(events, registry: registry)
        // Then packs 1 and 2 are clones, with both sightings and both owners; 3 and 4 are not
        #expect(findings.map(\.identifier) == ["pack-1", "pack-2"])
        #expect(findings.allSatisfy { $0.kind == .clone && $0.from == "A" && $0.to == "B" })
        #expect(findings.map(\.events) == [["d1", "s1"], ["a2", "b2"]])
        // And a shorter transit time lets pack 2's trip pass
        let relaxed = reconcile(events, Reconciler.Configuration(minimumTransit: 600), registry: registry)
        #expect(relaxed.map(\.identifier) == ["pack-1"])
    }

    @Test("only findings with evidence since the given time are reported")
    func since() {
        // Given a clone at hours 1-2
        let events = [Build.item("d1", "p", at: 1, step: "dispensing"), Build.item("d2", "p", at: 2, step: "dispensing")]
        // When reconciled since hour 3, and since hour 1.5
        let none = reconcile(events, Reconciler.Configuration(since: Build.t0.addingTimeInterval(3 * 3_600)))
        let some = reconcile(events, Reconciler.Configuration(since: Build.t0.addingTimeInterval(1.5 * 3_600)))
        // Then only the second reports it
        #expect(none.isEmpty && some.count == 1)
    }
}
