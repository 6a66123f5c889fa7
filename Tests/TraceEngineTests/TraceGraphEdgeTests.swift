import EPCIS
import Foundation
import Testing
import TraceEngine

@Suite struct TraceGraphEdgeTests {
    /// Pigs commissioned at a farm, shipped to an abattoir and received there, slaughtered into a carcass and a
    /// co-product (offal).
    private static var slaughter: [TraceEvent] {
        let raise = Build.commission("c", at: 0, lot: "pigs", kg: 1_000, site: "farm-site")
        let ship = Build.move("s", at: 1, receiving: false, lot: "pigs", kg: 1_000, from: "farm", to: "abattoir")
        let receive = Build.move("r", at: 2, receiving: true, lot: "pigs", kg: 1_000, from: "farm", to: "abattoir")
        var kill = Build.event("t", .transformationEvent, at: 3, action: nil, step: "commissioning")
        kill.inputQuantities = [TraceQuantity(key: "pigs", quantity: 1_000, uom: "KGM")]
        kill.outputQuantities = [
            TraceQuantity(key: "carcass", quantity: 780, uom: "KGM"),
            TraceQuantity(key: "offal", quantity: 90, uom: "KGM"),
        ]
        kill.bizLocation = "abattoir-site"
        return [raise, ship, receive, kill]
    }

    private static func edge(
        _ from: String, _ to: String, _ kind: TraceEdgeKind, _ event: String, at hours: Double, object: String? = nil,
        kg: Double?
    ) -> TraceEdge {
        TraceEdge(from: from, to: to, kind: kind, event: event, time: Build.t0.addingTimeInterval(hours * 3_600),
                  object: object, quantity: kg, uom: kg == nil ? nil : "KGM")
    }

    @Test("a backward trace through a slaughter links origin → pigs → carcass and farm → abattoir, in time order")
    func slaughterBackward() async throws {
        // Given the slaughter chain
        let engine = TraceEngine(source: InMemoryTraceGraphSource(Self.slaughter))
        // When the carcass is traced backward
        let trace = try await engine.back(from: "carcass")
        // Then the edges run source → product, the farm party stands for its site, and the offal is left out
        #expect(trace.edges == [
            Self.edge("farm", "pigs", .commissioned, "c", at: 0, object: "pigs", kg: 1_000),
            Self.edge("farm", "abattoir", .shipped, "s", at: 1, object: "pigs", kg: 1_000),
            Self.edge("farm", "abattoir", .shipped, "r", at: 2, object: "pigs", kg: 1_000),
            Self.edge("pigs", "carcass", .transformed, "t", at: 3, kg: 780),
        ])
        #expect(trace.nodes == [
            TraceNode(id: "abattoir", kind: .party), TraceNode(id: "carcass", kind: .lot),
            TraceNode(id: "farm", kind: .party), TraceNode(id: "pigs", kind: .lot),
        ])
    }

    @Test("a forward trace from the pigs has no origin edge and links them to both products")
    func slaughterForward() async throws {
        // Given the slaughter chain
        let engine = TraceEngine(source: InMemoryTraceGraphSource(Self.slaughter))
        // When the pigs are traced forward
        let trace = try await engine.forward(from: "pigs")
        // Then each product has a transformed edge from the pigs, with its own quantity, and no edge is commissioned
        #expect(trace.edges.filter { $0.kind == .transformed } == [
            Self.edge("pigs", "carcass", .transformed, "t", at: 3, kg: 780),
            Self.edge("pigs", "offal", .transformed, "t", at: 3, kg: 90),
        ])
        #expect(!trace.edges.contains { $0.kind == .commissioned })
        #expect(trace.edges.filter { $0.kind == .shipped }.map(\.event) == ["s", "r"])
    }

    @Test("packing into an SSCC and the SSCC's shipment are edges, only while the item is inside")
    func aggregationIntoSSCC() async throws {
        // Given item A packed on pallet P, shipped F → D, unpacked; then B packed on P and P shipped D → X
        var packA = Build.event("packA", .aggregationEvent, at: 1, action: .add, step: "packing")
        packA.parent = "urn:epc:id:sscc:0614141.1234567890"
        packA.children = ["urn:epc:id:sgtin:0614141.107346.1"]
        var ship = Build.event("ship", at: 2, step: "shipping")
        ship.epcs = ["urn:epc:id:sscc:0614141.1234567890"]
        ship.sourceParty = "F"
        ship.destinationParty = "D"
        var unpack = Build.event("unpack", .aggregationEvent, at: 3, action: .delete, step: "unpacking")
        unpack.parent = packA.parent
        unpack.children = packA.children
        var packB = Build.event("packB", .aggregationEvent, at: 4, action: .add, step: "packing")
        packB.parent = packA.parent
        packB.children = ["urn:epc:id:sgtin:0614141.107346.2"]
        var onward = ship
        onward.id = "onward"
        onward.time = Build.t0.addingTimeInterval(5 * 3_600)
        (onward.sourceParty, onward.destinationParty) = ("D", "X")
        let engine = TraceEngine(source: InMemoryTraceGraphSource([packA, ship, unpack, packB, onward]))
        // When item A is traced forward
        let trace = try await engine.forward(from: "urn:epc:id:sgtin:0614141.107346.1")
        // Then it is packed into the SSCC, which is shipped F → D, and nothing after the unpacking is an edge
        let sscc = "urn:epc:id:sscc:0614141.1234567890"
        #expect(trace.edges == [
            TraceEdge(from: "urn:epc:id:sgtin:0614141.107346.1", to: sscc, kind: .packed, event: "packA",
                      time: Build.t0.addingTimeInterval(3_600)),
            TraceEdge(from: "F", to: "D", kind: .shipped, event: "ship", time: Build.t0.addingTimeInterval(7_200),
                      object: sscc),
        ])
        let kinds = Dictionary(uniqueKeysWithValues: trace.nodes.map { ($0.id, $0) })
        #expect(kinds[sscc] == TraceNode(id: sscc, kind: .container, group: "urn:epc:idpat:sscc:0614141.*"))
        #expect(kinds["urn:epc:id:sgtin:0614141.107346.1"]?.group == "urn:epc:idpat:sgtin:0614141.107346.*")
        #expect(kinds["F"]?.kind == .party && kinds["X"] == nil)
    }

    @Test("a shipment with no parties links its two locations")
    func locationShipment() async throws {
        // Given a lot shipped between two sites with no party named
        var ship = Build.move("s", at: 1, receiving: false, lot: "L", kg: 5)
        (ship.sourceParty, ship.destinationParty) = (nil, nil)
        let engine = TraceEngine(source: InMemoryTraceGraphSource([ship]))
        // When it is traced forward
        let trace = try await engine.forward(from: "L")
        // Then the edge runs site to site and both are location nodes
        #expect(trace.edges == [Self.edge("A-site", "B-site", .shipped, "s", at: 1, object: "L", kg: 5)])
        #expect(trace.nodes.filter { $0.kind == .location }.map(\.id) == ["A-site", "B-site"])
    }

    @Test("edges use the captured spelling of each identifier")
    func capturedLabels() async throws {
        // Given a shipment whose lot and parties were captured as URNs
        var ship = Build.move("s", at: 1, receiving: false, lot: "L", kg: 5)
        ship.labels = ["L": "urn:epc:class:lgtin:0614141.107346.L1", "A": "urn:epc:id:pgln:0614141.00001"]
        let trace = try await TraceEngine(source: InMemoryTraceGraphSource([ship])).forward(from: "L")
        // Then the edge names them so
        #expect(trace.edges.map(\.from) == ["urn:epc:id:pgln:0614141.00001"])
        #expect(trace.edges.map(\.object) == ["urn:epc:class:lgtin:0614141.107346.L1"])
        #expect(trace.nodes.first { $0.kind == .lot }?.group == "urn:epc:idpat:sgtin:0614141.107346.*")
    }

    @Test("the product pattern of an identifier", arguments: [
        ("urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:idpat:sgtin:0614141.107346.*"),
        ("urn:epc:class:lgtin:0614141.107346.L1", "urn:epc:idpat:sgtin:0614141.107346.*"),
        ("urn:epc:id:sscc:0614141.1234567890", "urn:epc:idpat:sscc:0614141.*"),
        ("https://id.gs1.org/01/09506000134352/21/123", "https://id.gs1.org/01/09506000134352"),
        ("https://id.gs1.org/01/09506000134352/10/ABC", "https://id.gs1.org/01/09506000134352"),
        ("urn:epc:id:pgln:0614141.00001", nil),
    ])
    func groups(id: String, group: String?) {
        #expect(TraceNode.group(of: id) == group)
    }
}
