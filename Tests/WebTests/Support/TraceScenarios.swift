import EPCIS
import Foundation
import TraceEngine

/// Hand-built traces for the graph drawing tests: keys are plain strings, times are hours after a fixed instant.
enum TraceScenarios {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static func event(_ id: String, _ type: EventType = .objectEvent, at hours: Double, action: Action? = .observe,
                      step: String? = nil) -> TraceEvent {
        TraceEvent(id: id, type: type, time: t0.addingTimeInterval(hours * 3_600), action: action, bizStep: step)
    }

    /// Pigs raised at a farm, shipped to an abattoir and slaughtered into a carcass; traced back from the carcass.
    static func slaughter(labels: [String: String] = [:]) async throws -> TraceResult {
        var raise = event("c", at: 0, action: .add, step: "commissioning")
        raise.quantities = [TraceQuantity(key: "pigs", quantity: 1_000, uom: "KGM")]
        raise.bizLocation = "farm-site"
        var ship = event("s", at: 1, step: "shipping")
        ship.quantities = raise.quantities
        (ship.sourceParty, ship.sourceLocation) = ("farm", "farm-site")
        (ship.destinationParty, ship.destinationLocation) = ("abattoir", "abattoir-site")
        var kill = event("t", .transformationEvent, at: 3, action: nil, step: "commissioning")
        kill.inputQuantities = raise.quantities
        kill.outputQuantities = [TraceQuantity(key: "carcass", quantity: 780, uom: "KGM")]
        kill.bizLocation = "abattoir-site"
        kill.labels = labels
        let source = InMemoryTraceGraphSource([raise, ship, kill])
        return try await TraceEngine(source: source).back(from: "carcass")
    }

    /// A powder lot canned into `cans` serialised cans, packed ten to a case, cases five to a pallet, pallets
    /// shipped to a distributor; traced forward from the lot.
    static func cannery(cans: Int) async throws -> TraceResult {
        let can = { (number: Int) in "urn:epc:id:sgtin:6901234.010011.\(number)" }
        let sscc = { (number: Int) in "urn:epc:id:sscc:6901234.\(String(format: "%010d", number))" }
        var make = event("make", .transformationEvent, at: 1, action: nil, step: "commissioning")
        make.inputQuantities = [TraceQuantity(key: "urn:epc:class:lgtin:6901234.010008.L1", quantity: 500, uom: "KGM")]
        make.outputs = (0..<cans).map(can)
        var events = [make]
        let cases = (cans + 9) / 10
        for index in 0..<cases {
            var pack = event("case-\(index)", .aggregationEvent, at: 2, action: .add, step: "packing")
            pack.parent = sscc(index)
            pack.children = (index * 10..<min(index * 10 + 10, cans)).map(can)
            events.append(pack)
        }
        for pallet in 0..<(cases + 4) / 5 {
            var pack = event("pallet-\(pallet)", .aggregationEvent, at: 3, action: .add, step: "packing")
            pack.parent = sscc(1_000 + pallet)
            pack.children = (pallet * 5..<min(pallet * 5 + 5, cases)).map(sscc)
            var ship = event("ship-\(pallet)", at: 4, step: "shipping")
            ship.epcs = [sscc(1_000 + pallet)]
            ship.sourceParty = "urn:epc:id:pgln:6901234.00001"
            ship.destinationParty = "urn:epc:id:pgln:6901234.00002"
            events += [pack, ship]
        }
        let source = InMemoryTraceGraphSource(events)
        return try await TraceEngine(source: source).forward(from: "urn:epc:class:lgtin:6901234.010008.L1")
    }

    /// How many times a string occurs in another.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
