internal import Foundation
internal import TraceEngine

/// How a trace graph looks: colours by kind, short labels, quantities.
enum TraceGraphStyle {
    /// Fill and stroke of a node kind.
    static func colours(_ kind: TraceNodeKind) -> (fill: String, stroke: String) {
        switch kind {
        case .lot: ("#e3f1e6", "#2e7d4f")
        case .item: ("#e6eefa", "#3867b5")
        case .container: ("#f6ecda", "#9a6a1f")
        case .party: ("#efe6f6", "#7a4ea3")
        case .location: ("#eceef0", "#5c6670")
        }
    }

    /// The stroke of an edge kind.
    static func colour(_ kind: TraceEdgeKind) -> String {
        switch kind {
        case .commissioned: "#2e7d4f"
        case .transformed: "#b5472f"
        case .packed: "#9a6a1f"
        case .shipped: "#3867b5"
        }
    }

    /// The word for a node kind, in the node's small top line.
    static func word(_ kind: TraceNodeKind) -> String { kind.rawValue.uppercased() }

    /// A label that fits a node: the name when known, else the end of the identifier that tells nodes apart
    /// (an EPC URN after its last colon, a Digital Link's path), cut from the left to `limit` characters.
    static func shortLabel(_ id: String, names: [String: String], limit: Int = 24) -> String {
        if let name = names[id] { return cut(name, to: limit, keepingEnd: false) }
        var text = id
        if id.hasPrefix("urn:"), let colon = id.lastIndex(of: ":") {
            text = String(id[id.index(after: colon)...])
        } else if let scheme = id.range(of: "://") {
            let rest = id[scheme.upperBound...]
            text = rest.firstIndex(of: "/").map { String(rest[rest.index(after: $0)...]) } ?? String(rest)
        }
        return cut(text, to: limit, keepingEnd: true)
    }

    /// Text shortened to `limit` characters with an ellipsis, keeping its end or its start.
    static func cut(_ text: String, to limit: Int, keepingEnd: Bool) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return keepingEnd ? "…" + text.suffix(limit - 1) : text.prefix(limit - 1) + "…"
    }

    /// A quantity without needless decimals (`120`, `12.5`, `0.125`).
    static func number(_ value: Double) -> String {
        let rounded = (value * 1_000).rounded() / 1_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(format: "%.3f", rounded).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    /// An edge's label: its kind, and the total quantity when every link gives one in one unit, else the count
    /// of links when there are several.
    static func edgeLabel(_ edge: TraceGraphModel.Edge, word: String? = nil) -> String {
        let kind = word ?? edge.kind.rawValue
        let links = edge.traceEdges
        let units = Set(links.map { $0.uom ?? "" })
        if !links.isEmpty, links.allSatisfy({ $0.quantity != nil }), units.count == 1, let unit = units.first {
            let total = links.reduce(0) { $0 + ($1.quantity ?? 0) }
            return "\(kind) \(number(total))\(unit.isEmpty ? "" : " " + unit)"
        }
        return links.count > 1 ? "\(kind) ×\(links.count)" : kind
    }

    /// An edge's tooltip: one line per link (what, how much, the event and its time), at most `limit` lines.
    static func edgeTitle(_ edge: TraceGraphModel.Edge, word: String? = nil, limit: Int = 20) -> String {
        var lines = ["\(word ?? edge.kind.rawValue): \(edge.from) → \(edge.to)"]
        let formatter = ISO8601DateFormatter()
        for link in edge.traceEdges.prefix(limit) {
            var line = "\(link.from) → \(link.to)"
            if let object = link.object, object != link.from, object != link.to { line += " (\(object))" }
            if let quantity = link.quantity { line += ", \(number(quantity)) \(link.uom ?? "")" }
            lines.append(line + ", event \(link.event) at \(formatter.string(from: link.time))")
        }
        if edge.traceEdges.count > limit { lines.append("… and \(edge.traceEdges.count - limit) more") }
        return lines.joined(separator: "\n")
    }

    /// A node's tooltip: its full identifier (or the ones it stands for, at most `limit`) and its kind.
    static func nodeTitle(_ node: TraceGraphModel.Node, names: [String: String], limit: Int = 20) -> String {
        var lines: [String]
        if node.isCollapsed {
            lines = ["\(node.members.count) \(TraceGraphModel.plural(node.kind)) of \(node.group ?? "")"]
            lines += node.members.prefix(limit)
            if node.members.count > limit { lines.append("… and \(node.members.count - limit) more") }
        } else {
            lines = [names[node.id].map { "\($0) (\(node.id))" } ?? node.id, node.kind.rawValue]
        }
        if node.isRoot { lines.append("the trace's root") }
        return lines.joined(separator: "\n")
    }
}
