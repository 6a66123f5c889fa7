import Foundation
import Testing
import TraceEngine
import Web

@Suite struct TraceGraphSVGTests {
    @Test("a small trace draws one node per trace node and one arrow per trace edge")
    func smallTrace() async throws {
        // Given the slaughter chain traced back from the carcass
        let trace = try await TraceScenarios.slaughter()
        // When it is drawn
        let svg = TraceGraphSVG.render(trace)
        // Then it is one scalable SVG with every node and edge, each with a tooltip
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg""#) && svg.hasSuffix("</svg>"))
        #expect(svg.contains(#"viewBox="0 0 "#) && svg.contains(#"width="100%""#))
        #expect(trace.nodes.count == 4 && trace.edges.count == 3)
        #expect(TraceScenarios.count(#"<g class="node""#, in: svg) == trace.nodes.count)
        #expect(TraceScenarios.count(#"<g class="edge""#, in: svg) == trace.edges.count)
        for edge in trace.edges {
            let attributes = #"data-kind="\#(edge.kind.rawValue)" data-from="\#(edge.from)" data-to="\#(edge.to)""#
            #expect(svg.contains(attributes))
        }
        #expect(svg.contains(">transformed 780 KGM</text>") && svg.contains("event t at "))
        #expect(svg.contains(#"data-id="carcass" data-count="1"><title>carcass"#))
        #expect(TraceScenarios.count("<title>", in: svg) >= 1 + trace.nodes.count + trace.edges.count)
    }

    @Test("the goods flow left to right: the origin is left of the pigs, the pigs left of the carcass")
    func leftToRight() async throws {
        // Given the slaughter chain drawn
        let svg = TraceGraphSVG.render(try await TraceScenarios.slaughter())
        // When the nodes' boxes are read
        func x(_ id: String) throws -> Double {
            let node = try #require(svg.range(of: #"data-id="\#(id)""#))
            let rect = try #require(svg.range(of: #"<rect x=""#, range: node.upperBound..<svg.endIndex))
            let value = svg[rect.upperBound...].prefix { $0 != "\"" }
            return try #require(Double(value))
        }
        // Then each is one layer right of the one before
        #expect(try x("farm") < x("pigs") && x("pigs") < x("carcass"))
        #expect(try x("farm") < x("abattoir"))
    }

    @Test("hostile identifiers are escaped everywhere: labels, tooltips and attributes")
    func escaping() async throws {
        // Given a carcass captured with a hostile spelling
        let hostile = #"<script>alert("x")</script>&'"#
        let trace = try await TraceScenarios.slaughter(labels: ["carcass": hostile])
        // When it is drawn with a hostile party name too
        let svg = TraceGraphSVG.render(trace, options: .init(names: ["farm": "<b onmouseover='x'>Farm</b>"]))
        // Then no markup gets through, and the escaped text is there
        #expect(!svg.contains("<script") && !svg.contains("<b ") && !svg.contains("alert(\"x\")"))
        #expect(svg.contains(HTML.escape(hostile)))
        #expect(svg.contains("&lt;b onmouseover=&#39;x&#39;&gt;Farm&lt;/b&gt;"))
    }

    @Test("the same trace draws the same SVG")
    func deterministic() async throws {
        // Given a larger trace, computed twice
        let first = try await TraceScenarios.cannery(cans: 120)
        let second = try await TraceScenarios.cannery(cans: 120)
        // When both are drawn
        // Then the drawings are byte for byte the same
        #expect(TraceGraphSVG.render(first) == TraceGraphSVG.render(second))
        let capped = TraceGraphSVG.Options(maxNodes: 5)
        #expect(TraceGraphSVG.render(first, options: capped) == TraceGraphSVG.render(second, options: capped))
    }

    @Test("hundreds of cans, cases and pallets collapse into a few nodes with counts, and the drawing says so")
    func collapsing() async throws {
        // Given 300 cans in 30 cases on 6 pallets, shipped between two parties
        let trace = try await TraceScenarios.cannery(cans: 300)
        #expect(trace.nodes.count == 339)  // the lot, 300 cans, 30 cases, 6 pallets, 2 parties
        // When it is drawn
        let svg = TraceGraphSVG.render(trace)
        // Then the cans, the cases and the pallets are each one node with a count, and the notes name them
        #expect(TraceScenarios.count(#"<g class="node""#, in: svg) == 6)
        let cans = #"data-kind="item" data-id="collapsed: item 1 urn:epc:idpat:sgtin:6901234.010011.*" "#
        #expect(svg.contains(cans + #"data-count="300""#))
        #expect(svg.contains(#"data-count="30""#) && svg.contains(#"data-count="6""#))
        #expect(svg.contains(">300 items of urn:epc:idpat:sgtin:6901234.010011.* drawn as one node.</text>"))
        #expect(svg.contains(">transformed ×300</text>") && svg.contains(">packed ×300</text>"))
        #expect(svg.contains(">shipped ×6</text>"))
    }

    @Test("a drawing over its node budget collapses lots and items, then keeps the nodes nearest the root")
    func capping() async throws {
        // Given a trace of 7 nodes, drawn with at most 4 nodes and no collapsing below 10
        let trace = try await TraceScenarios.cannery(cans: 2)
        #expect(trace.nodes.count == 7)  // the lot, 2 cans, a case, a pallet, 2 parties
        let svg = TraceGraphSVG.render(trace, options: .init(maxNodes: 4, collapseThreshold: 10))
        // Then the two cans become one node, the root and its goods are drawn, and the two parties are counted out
        #expect(TraceScenarios.count(#"<g class="node""#, in: svg) == 4)
        #expect(svg.contains(#"data-id="urn:epc:class:lgtin:6901234.010008.L1""#) && svg.contains(#"data-count="2""#))
        #expect(!svg.contains(#"data-kind="party""#))
        #expect(svg.contains(">2 items of urn:epc:idpat:sgtin:6901234.010011.* drawn as one node.</text>"))
        #expect(svg.contains(">2 more nodes, farthest from the root, are not drawn (at most 4 nodes are).</text>"))
    }

    @Test("a fixed width gives the SVG a pixel size with the drawing's proportions")
    func fixedWidth() async throws {
        let svg = TraceGraphSVG.render(try await TraceScenarios.slaughter(), options: .init(width: 390))
        #expect(svg.contains(#"width="390" height=""#) && !svg.contains("100%"))
    }
}
