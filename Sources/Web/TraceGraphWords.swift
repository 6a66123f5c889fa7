import Foundation
import TraceEngine

/// The words a trace graph writes of its own (node and edge kinds, the root, the title, the notes): English, or a
/// catalog's `console.graph` messages when the page gives one (the console does, in the reader's language).
struct TraceGraphWords: Sendable {
    let catalog: MessageCatalog?

    private func message(_ path: String, _ values: [String: String] = [:]) -> String? {
        guard let catalog, catalog.message("console.graph." + path) != nil else { return nil }
        return catalog.format("console.graph." + path, values)
    }

    /// A node kind in the legend: `lot`, `批次`.
    func kind(_ kind: TraceNodeKind) -> String { message("nodes.\(kind.rawValue)") ?? kind.rawValue }

    /// A node kind on its box: `LOT`.
    func tag(_ kind: TraceNodeKind) -> String { message("nodes.\(kind.rawValue)") ?? TraceGraphStyle.word(kind) }

    /// An edge kind: `shipped`, `发货`.
    func edge(_ kind: TraceEdgeKind) -> String { message("edges.\(kind.rawValue)") ?? kind.rawValue }

    /// The mark of the root's box.
    var root: String { message("root") ?? "ROOT" }

    /// The drawing's title.
    func summary(_ trace: TraceResult) -> String {
        let values = [
            "root": trace.root, "nodes": String(trace.nodes.count), "links": String(trace.edges.count),
        ]
        return message("summary.\(trace.direction.rawValue)", values)
            ?? "\(trace.direction.rawValue.capitalized) trace of \(trace.root): \(trace.nodes.count) nodes, "
            + "\(trace.edges.count) links"
    }

    /// Nodes of one group drawn as one.
    func collapsed(_ count: Int, _ kind: TraceNodeKind, group: String) -> String {
        message("collapsed", ["count": String(count), "kind": self.kind(kind), "group": group])
            ?? "\(count) \(TraceGraphModel.plural(kind)) of \(group) drawn as one node."
    }

    /// The trace stopped at its budget.
    var truncated: String {
        message("truncated") ?? "The trace itself stopped at its budget: the graph may go further."
    }

    /// Nodes left out of the drawing.
    func hidden(_ count: Int, limit: Int) -> String {
        message("hidden", ["count": String(count), "limit": String(limit)])
            ?? "\(count) more nodes, farthest from the root, are not drawn (at most \(limit) nodes are)."
    }

    /// The width a legend word takes at 10.5 px: CJK characters are about twice as wide as Latin ones.
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 11 : 6.5) }
    }
}
