import DemoChains
import EPCIS
import Foundation
import Testing
import TraceEngine

@Suite struct DemoTraceTests {
    static let world = DemoWorldFixture(seed: 11, events: 3_000, anomalyRate: 0)

    @Test("a forward trace from a milk powder lot reaches every can and every store holding them")
    func powderForward() async throws {
        // Given a milk powder lot and the cans made from it
        let world = Self.world
        let making = try #require(world.events.first { event in
            event.type == .transformationEvent && event.outputQuantityList.contains { $0.epcClass.text.contains("10008") }
        })
        let powder = try #require(making.outputQuantityList.first?.epcClass.text)
        let canning = try #require(world.events.first { $0.inputQuantityList.contains { $0.epcClass.text == powder } })
        let cans = Set(canning.outputEPCList.map(\.text))
        let stores = Set(world.events.filter {
            $0.bizStep?.standardTerm == "receiving" && $0.epcList.contains { cans.contains($0.text) }
        }.compactMap(\.bizLocation?.id.text))
        // When it is traced forward
        let trace = try await world.engine.forward(from: DemoWorldFixture.key(powder))
        // Then every can is reached, and every store that received cans holds some
        #expect(cans.isSubset(of: Set(trace.identifiers)))
        #expect(stores.count == 2)
        #expect(stores.isSubset(of: Set(trace.holders.map(\.location))))
        #expect(trace.holders.allSatisfy { $0.quantity > 0 && $0.uom == "EA" && $0.party != nil })
        #expect(!trace.truncated)
    }

    @Test("a backward trace from a retail pork cut reaches the farm that raised the pigs")
    func porkBack() async throws {
        // Given a pork lot sold at retail, and the farm that commissioned the pigs it was cut from
        let world = Self.world
        let sale = try #require(world.events.first { $0.bizStep?.standardTerm == "retail_selling" && $0.quantityList.first?.epcClass.text.contains("10002") == true })
        let cut = try #require(sale.quantityList.first?.epcClass.text)
        let killing = try #require(world.events.first { $0.outputQuantityList.contains { $0.epcClass.text == cut } })
        let pigs = try #require(killing.inputQuantityList.first?.epcClass.text)
        let farm = try #require(world.events.first { $0.bizStep?.standardTerm == "commissioning" && $0.quantityList.first?.epcClass.text == pigs }?.bizLocation?.id.text)
        // When the cut is traced backward
        let trace = try await world.engine.back(from: DemoWorldFixture.key(cut))
        // Then the pigs' lot and the farm are reached
        #expect(trace.identifiers.contains(pigs))
        #expect(trace.origins == [farm])
        #expect(trace.locations.contains(farm))
        #expect(trace.parties.count >= 3)
    }

    @Test("a forward trace from one pack follows its case and pallet but not their other contents")
    func palletContentsStayOut() async throws {
        // Given a drug pack packed into a case on a pallet
        let world = Self.world
        let packing = try #require(world.events.first { $0.type == .aggregationEvent && $0.childEPCs.first?.text.contains("010011") == true })
        let pack = try #require(packing.childEPCs.first?.text)
        let siblings = Set(packing.childEPCs.dropFirst().map(\.text))
        let box = try #require(packing.parentID?.text)
        // When the pack is traced forward
        let trace = try await world.engine.forward(from: DemoWorldFixture.key(pack))
        // Then its case and pallet are containers of the trace, and no sibling is in it
        #expect(trace.containers.contains(box))
        #expect(trace.containers.count == 2)
        #expect(siblings.isDisjoint(with: Set(trace.identifiers)))
        #expect(trace.holders.reduce(0) { $0 + $1.quantity } <= 1)
    }

    @Test("a trace stops at its depth or size budget and says so")
    func budgets() async throws {
        // Given a lot of raw milk, many hops from the stores
        let world = Self.world
        let milk = try #require(world.events.first { $0.quantityList.first?.epcClass.text.contains("10007") == true }?.quantityList.first?.epcClass.text)
        // When it is traced with tight budgets and with the default
        let shallow = try await world.engine.forward(from: DemoWorldFixture.key(milk), budget: TraceBudget(maxDepth: 1))
        let small = try await world.engine.forward(from: DemoWorldFixture.key(milk), budget: TraceBudget(maxNodes: 3))
        let full = try await world.engine.forward(from: DemoWorldFixture.key(milk))
        // Then the tight ones are truncated and smaller, the full one is not
        #expect(shallow.truncated && shallow.depth == 1)
        #expect(small.truncated && small.identifiers.count == 3)
        #expect(!full.truncated && full.identifiers.count > small.identifiers.count)
    }

    @Test("the reconciler finds every injected anomaly and nothing else", arguments: [UInt64(1), 2, 3])
    func groundTruthFound(seed: UInt64) {
        // Given a world where every chain run carries an anomaly
        let world = DemoWorldFixture(seed: seed, events: 2_000, anomalyRate: 0.5)
        let reconciler = Reconciler(registry: world.registry, now: { world.end.addingTimeInterval(72 * 3_600) })
        // When it is reconciled
        let findings = reconciler.reconcile(world.traceEvents)
        // Then the findings are exactly the ground truth, kind by kind and identifier by identifier
        let found = Set(findings.map { "\($0.kind.rawValue) \($0.key)" })
        let expected = Set(world.truth.map { "\($0.kind.rawValue) \(DemoWorldFixture.key($0.identifier))" })
        #expect(found == expected, "missed: \(expected.subtracting(found)) extra: \(found.subtracting(expected))")
        #expect(Set(world.truth.map(\.kind)).count == DemoAnomalyKind.foodAndDrug.count)
        // Both clone variants are among them: dispensed twice (one party), and seen at a second outlet (two)
        #expect(Set(world.truth.filter { $0.kind == .clone }.map(\.parties.count)) == [1, 2])
        let truthEvents = Dictionary(world.truth.map { ("\($0.kind.rawValue) \(DemoWorldFixture.key($0.identifier))", Set($0.events)) }, uniquingKeysWith: { $0.union($1) })
        for finding in findings {
            let evidence = truthEvents["\(finding.kind.rawValue) \(finding.key)"] ?? []
            #expect(!evidence.isDisjoint(with: finding.events))
        }
    }

    @Test("a clean world reconciles with no finding")
    func cleanWorld() {
        // Given a world with no injected anomaly
        let world = Self.world
        // When it is reconciled long after the last event
        let findings = Reconciler(registry: world.registry, now: { world.end.addingTimeInterval(72 * 3_600) })
            .reconcile(world.traceEvents)
        // Then nothing is reported
        #expect(findings.isEmpty, "\(findings.prefix(3))")
    }
}
