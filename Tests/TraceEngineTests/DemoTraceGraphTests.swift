import DemoChains
import EPCIS
import Foundation
import Testing
import TraceEngine

@Suite struct DemoTraceGraphTests {
    /// Every edge joins two nodes, comes from an event the trace read, and the list is sorted.
    private func expectWellFormed(_ trace: TraceResult) {
        let nodes = Set(trace.nodes.map(\.id))
        #expect(trace.edges.allSatisfy { nodes.contains($0.from) && nodes.contains($0.to) })
        #expect(Set(trace.edges.map(\.event)).isSubset(of: Set(trace.events)))
        #expect(trace.edges == trace.edges.sorted())
        #expect(Set(trace.identifiers).isSubset(of: nodes))
        #expect(trace.nodes.map(\.id) == trace.nodes.map(\.id).sorted())
    }

    @Test("the backward graph of a retail pork cut runs from the farm through the pigs to the cut")
    func porkBackward() async throws {
        // Given a pork cut sold at retail, the pigs it was cut from, and their farm
        let world = DemoTraceTests.world
        let sale = try #require(world.events.first {
            $0.bizStep?.standardTerm == "retail_selling"
                && $0.quantityList.first?.epcClass.text.contains("10002") == true
        })
        let cut = try #require(sale.quantityList.first?.epcClass.text)
        let killing = try #require(world.events.first { $0.outputQuantityList.contains { $0.epcClass.text == cut } })
        let pigs = try #require(killing.inputQuantityList.first?.epcClass.text)
        // When the cut is traced backward, twice
        let trace = try await world.engine.back(from: DemoWorldFixture.key(cut))
        let again = try await world.engine.back(from: DemoWorldFixture.key(cut))
        // Then the pigs → cut transformation is an edge, the pigs have an origin edge, and shipments join parties
        expectWellFormed(trace)
        #expect(trace.edges.contains { $0.kind == .transformed && $0.from == pigs && $0.to == cut })
        let origin = try #require(trace.edges.first { $0.kind == .commissioned && $0.to == pigs })
        #expect(trace.nodes.contains { $0.id == origin.from && ($0.kind == .party || $0.kind == .location) })
        let shipped = trace.edges.filter { $0.kind == .shipped }
        #expect(!shipped.isEmpty && shipped.allSatisfy { $0.object != nil && $0.from != $0.to })
        #expect(Set(shipped.flatMap { [$0.from, $0.to] }).isSubset(of: Set(trace.parties)))
        #expect(trace.edges.allSatisfy { $0.to != pigs || $0.kind == .commissioned })
        #expect(trace.edges == again.edges && trace.nodes == again.nodes)
    }

    @Test("the forward graph of a milk powder lot reaches every can, its case and pallet, and the stores")
    func powderForward() async throws {
        // Given a milk powder lot and the cans made from it
        let world = DemoTraceTests.world
        let making = try #require(world.events.first { event in
            event.type == .transformationEvent
                && event.outputQuantityList.contains { $0.epcClass.text.contains("10008") }
        })
        let powder = try #require(making.outputQuantityList.first?.epcClass.text)
        let canning = try #require(world.events.first { $0.inputQuantityList.contains { $0.epcClass.text == powder } })
        let cans = Set(canning.outputEPCList.map(\.text))
        // When it is traced forward
        let trace = try await world.engine.forward(from: DemoWorldFixture.key(powder))
        // Then there is one transformed edge per can, every can is packed, and the goods are shipped between parties
        expectWellFormed(trace)
        let made = trace.edges.filter { $0.kind == .transformed && $0.from == powder }
        #expect(Set(made.map(\.to)) == cans)
        let packed = trace.edges.filter { $0.kind == .packed }
        #expect(cans.isSubset(of: Set(packed.map(\.from))))
        let kinds = Dictionary(uniqueKeysWithValues: trace.nodes.map { ($0.id, $0.kind) })
        #expect(packed.allSatisfy { kinds[$0.to] == .container })
        #expect(cans.allSatisfy { kinds[$0] == .item })
        #expect(!trace.edges.contains { $0.kind == .commissioned })
        let holders = Set(trace.holders.compactMap(\.party))
        #expect(holders.isSubset(of: Set(trace.edges.filter { $0.kind == .shipped }.map(\.to))))
    }
}
