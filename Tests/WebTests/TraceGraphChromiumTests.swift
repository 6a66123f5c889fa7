import Foundation
import Testing
import BrowserTesting
import TraceEngine
import Web

@Suite("Trace graphs in headless Chromium")
struct TraceGraphChromiumTests {
    @Test("the browser parses a trace graph as SVG, with every node, arrow and escaped label")
    func graphParses() async throws {
        // Given a slaughter chain with a hostile spelling and a collapsed cannery, drawn on one page
        let chromium = try Chromium.located()
        let slaughter = try await TraceScenarios.slaughter(labels: ["carcass": "<script>x</script>"])
        let cannery = try await TraceScenarios.cannery(cans: 300)
        let graphs = [slaughter, cannery].map { #"<div style="overflow-x:auto">\#(TraceGraphSVG.render($0))</div>"# }
        let body = "<main><h1>Trace</h1>\(graphs.joined())</main>"
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("suyuan-graph-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(HTML.document(title: "Trace graph", body: body).utf8).write(to: file)
        // When the browser loads it and serialises its DOM
        let dom = try chromium.dumpDOM(file.absoluteString)
        // Then both SVGs are there with all their nodes and arrows, and the hostile text stayed text
        #expect(TraceScenarios.count("<svg ", in: dom) == 2)
        #expect(TraceScenarios.count(#"<g class="node""#, in: dom) == slaughter.nodes.count + 6)
        #expect(TraceScenarios.count(#"<g class="edge""#, in: dom) == slaughter.edges.count + 4)
        #expect(dom.contains("&lt;script&gt;x&lt;/script&gt;") && !dom.contains("<script>x</script>"))
        for node in ["farm", "pigs", "abattoir"] { #expect(dom.contains(#"data-id="\#(node)""#)) }
        if let folder = ProcessInfo.processInfo.environment["SUYUAN_SCREENSHOTS"] {
            for (name, width) in [("desk", 1_280), ("phone", 390)] {
                let png = try chromium.screenshot(file.absoluteString, width: width, height: 900)
                try png.write(to: URL(fileURLWithPath: folder).appendingPathComponent("trace-graph-\(name).png"))
            }
        }
    }
}
