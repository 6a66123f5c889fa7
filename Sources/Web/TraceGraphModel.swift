internal import Foundation
internal import TraceEngine

/// What a trace graph drawing shows: the trace's nodes and edges after collapsing and capping, with the notes
/// that say what was collapsed or left out.
///
/// Items and containers of one product (or one company's SSCCs) on the same layer become one node with a count
/// once there are ``TraceGraphSVG/Options/collapseThreshold`` of them; when the drawing is still over
/// ``TraceGraphSVG/Options/maxNodes``, lots of one product collapse too, and then only the nodes nearest the
/// root are kept. Parallel edges of one kind between two drawn nodes are merged into one arrow.
struct TraceGraphModel {
    struct Node: Hashable {
        var id: String
        var kind: TraceNodeKind
        /// The trace nodes it stands for (one unless collapsed), sorted.
        var members: [String]
        var group: String?
        var isRoot: Bool
        var isCollapsed: Bool { members.count > 1 }
    }

    struct Edge: Hashable {
        var from: String
        var to: String
        var kind: TraceEdgeKind
        /// The trace edges it stands for, in trace order.
        var traceEdges: [TraceEdge]
    }

    var nodes: [Node]
    var edges: [Edge]
    var notes: [String]
    /// The drawing's own words, in the page's language.
    let words: TraceGraphWords
    var root: String

    init(_ trace: TraceResult, options: TraceGraphSVG.Options) {
        root = trace.root
        notes = []
        words = TraceGraphWords(catalog: options.language.map { PageRenderer.shared.catalog($0) })
        var nodes = trace.nodes.map {
            Node(id: $0.id, kind: $0.kind, members: [$0.id], group: $0.group, isRoot: $0.id == trace.root)
        }
        if !nodes.contains(where: \.isRoot) {
            nodes.append(Node(id: trace.root, kind: .lot, members: [trace.root], group: nil, isRoot: true))
        }
        self.nodes = nodes.sorted { $0.id < $1.id }
        edges = trace.edges.map { Edge(from: $0.from, to: $0.to, kind: $0.kind, traceEdges: [$0]) }
        collapse(kinds: [.item, .container], threshold: options.collapseThreshold)
        if self.nodes.count > options.maxNodes { collapse(kinds: [.lot, .item, .container], threshold: 2) }
        if self.nodes.count > options.maxNodes { cap(options.maxNodes) }
        mergeEdges()
        if trace.truncated { notes.append(words.truncated) }
    }

    /// Replaces each group of at least `threshold` nodes of one kind, one group and one layer by a single node.
    private mutating func collapse(kinds: Set<TraceNodeKind>, threshold: Int) {
        let layers = TraceGraphLayering(nodes: nodes.map(\.id), edges: edges.map { ($0.from, $0.to) }).layers
        var groups: [String: [Node]] = [:]
        for node in nodes where kinds.contains(node.kind) && !node.isRoot {
            guard let group = node.group else { continue }
            groups["\(node.kind.rawValue) \(layers[node.id] ?? 0) \(group)", default: []].append(node)
        }
        var replacement: [String: String] = [:]
        var added: [Node] = []
        for (key, members) in groups.sorted(by: { $0.key < $1.key }) where members.count >= max(threshold, 2) {
            let first = members[0]
            let id = "collapsed: " + key
            let all = members.flatMap(\.members).sorted()
            for member in members { replacement[member.id] = id }
            added.append(Node(id: id, kind: first.kind, members: all, group: first.group, isRoot: false))
            notes.append(words.collapsed(all.count, first.kind, group: first.group ?? ""))
        }
        guard !replacement.isEmpty else { return }
        nodes = (nodes.filter { replacement[$0.id] == nil } + added).sorted { $0.id < $1.id }
        edges = edges.compactMap { edge in
            var edge = edge
            edge.from = replacement[edge.from] ?? edge.from
            edge.to = replacement[edge.to] ?? edge.to
            return edge.from == edge.to ? nil : edge
        }
    }

    /// Keeps the `limit` nodes nearest the root (breadth first, either way along the edges).
    private mutating func cap(_ limit: Int) {
        var neighbours: [String: Set<String>] = [:]
        for edge in edges {
            neighbours[edge.from, default: []].insert(edge.to)
            neighbours[edge.to, default: []].insert(edge.from)
        }
        let rootID = nodes.first(where: \.isRoot)?.id ?? root
        var kept: [String] = [rootID]
        var seen: Set<String> = [rootID]
        var index = 0
        while index < kept.count, kept.count < limit {
            for next in (neighbours[kept[index]] ?? []).sorted() where !seen.contains(next) && kept.count < limit {
                seen.insert(next)
                kept.append(next)
            }
            index += 1
        }
        for node in nodes.sorted(by: { $0.id < $1.id }) where kept.count < limit && !seen.contains(node.id) {
            seen.insert(node.id)
            kept.append(node.id)
        }
        let dropped = nodes.filter { !seen.contains($0.id) }
        nodes = nodes.filter { seen.contains($0.id) }
        edges = edges.filter { seen.contains($0.from) && seen.contains($0.to) }
        let hidden = dropped.reduce(0) { $0 + $1.members.count }
        notes.append(words.hidden(hidden, limit: limit))
    }

    /// One edge per (from, to, kind), standing for all the trace edges between them.
    private mutating func mergeEdges() {
        var merged: [String: Edge] = [:]
        for edge in edges {
            let key = "\(edge.from)\u{0}\(edge.to)\u{0}\(edge.kind.rawValue)"
            if merged[key] == nil { merged[key] = edge } else { merged[key]?.traceEdges += edge.traceEdges }
        }
        edges = merged.values.map { edge in
            var edge = edge
            edge.traceEdges.sort()
            return edge
        }.sorted { ($0.from, $0.to, $0.kind.rawValue) < ($1.from, $1.to, $1.kind.rawValue) }
    }

    static func plural(_ kind: TraceNodeKind) -> String {
        switch kind {
        case .lot: "lots"
        case .item: "items"
        case .container: "containers"
        case .party: "parties"
        case .location: "locations"
        }
    }
}
