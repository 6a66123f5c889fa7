import EPCIS
import Foundation
import Testing
import TraceEngine

@Suite struct TraceAggregationTests {
    /// Item A rides pallet P from hour 1 to hour 3; item B is packed onto P at hour 4 and P ships at hour 5.
    private static var events: [TraceEvent] {
        var packA = Build.event("packA", .aggregationEvent, at: 1, action: .add, step: "packing")
        packA.parent = "P"
        packA.children = ["A"]
        packA.bizLocation = "F-site"
        var shipEarly = Build.event("ship1", at: 2, step: "shipping")
        shipEarly.epcs = ["P"]
        shipEarly.sourceParty = "F"
        shipEarly.destinationParty = "D"
        shipEarly.destinationLocation = "D-site"
        shipEarly.bizTransactions = ["t1"]
        var unpackA = Build.event("unpackA", .aggregationEvent, at: 3, action: .delete, step: "unpacking")
        unpackA.parent = "P"
        unpackA.children = ["A"]
        unpackA.bizLocation = "D-site"
        var packB = Build.event("packB", .aggregationEvent, at: 4, action: .add, step: "packing")
        packB.parent = "P"
        packB.children = ["B"]
        packB.bizLocation = "D-site"
        var shipLate = Build.event("ship2", at: 5, step: "shipping")
        shipLate.epcs = ["P"]
        shipLate.sourceParty = "D"
        shipLate.destinationParty = "X"
        shipLate.destinationLocation = "X-site"
        shipLate.bizTransactions = ["t2"]
        return [packA, shipEarly, unpackA, packB, shipLate]
    }

    private var engine: TraceEngine<InMemoryTraceGraphSource> { TraceEngine(source: InMemoryTraceGraphSource(Self.events)) }

    @Test("an item is inside its pallet only between packing and unpacking")
    func timeAwareContainment() async throws {
        // When item A is traced forward
        let trace = try await engine.forward(from: "A")
        // Then it reaches P and the first shipment's parties, not B nor the later consignee, and it sits at D
        #expect(trace.identifiers == ["A", "P"] && trace.containers == ["P"])
        #expect(Set(trace.parties) == ["F", "D"])
        #expect(trace.holders == [Holder(party: "D", location: "D-site", identifier: "A", quantity: 1, uom: "EA", serials: ["A"])])
    }

    @Test("a forward trace from the pallet itself takes in its contents")
    func palletForward() async throws {
        // When the pallet is traced forward
        let trace = try await engine.forward(from: "P")
        // Then both items and every party are in it
        #expect(Set(trace.identifiers) == ["A", "B", "P"])
        #expect(Set(trace.parties) == ["F", "D", "X"])
    }

    @Test("a recall lists each holder's quantity to withdraw")
    func recall() async throws {
        // When the pallet is recalled
        let recall = try await engine.recall("P", reason: "melamine", now: Build.t0)
        // Then A is at D and B is with X (in transit, at its consignee)
        #expect(recall.reason == "melamine")
        #expect(Set(recall.withdrawals.map(\.location)) == ["D-site", "X-site"])
        #expect(recall.withdrawals.allSatisfy { $0.quantity == 1 && $0.uom == "EA" })
    }

    @Test("a backward trace through a transformation stops at the input's history before it was used")
    func backwardThroughTransformation() async throws {
        // Given milk lot M commissioned at a farm, transformed into powder W, and later more of M shipped elsewhere
        var farm = Build.commission("cm", at: 0, lot: "M", kg: 100, site: "farm")
        farm.bizLocation = "farm"
        var make = Build.event("t", .transformationEvent, at: 2, action: nil, step: "commissioning")
        make.inputQuantities = [TraceQuantity(key: "M", quantity: 50, uom: "KGM")]
        make.outputQuantities = [TraceQuantity(key: "W", quantity: 6, uom: "KGM")]
        make.bizLocation = "factory"
        let later = Build.move("s", at: 5, receiving: false, lot: "M", kg: 50, from: "farmer", to: "elsewhere")
        let engine = TraceEngine(source: InMemoryTraceGraphSource([farm, make, later]))
        // When W is traced back
        let trace = try await engine.back(from: "W")
        // Then it reaches M and its farm, but not the later shipment of M
        #expect(Set(trace.identifiers) == ["M", "W"])
        #expect(trace.origins == ["farm"])
        #expect(!trace.events.contains("s"))
        #expect(trace.parties.isEmpty)
    }
}
