/// Where a ``TraceGraphModel`` is drawn: a layered left-to-right layout (Sugiyama style).
///
/// Layers come from ``TraceGraphLayering``; an edge spanning several layers passes through a placeholder in
/// each layer between, so that it takes part in the ordering and bends around nodes. Nodes are ordered within
/// their layer by barycentre sweeps (down and up, keeping the order with the fewest crossings), then placed
/// vertically as near the mean of their neighbours as the order and spacing allow.
struct TraceGraphLayout {
    struct Point: Hashable {
        var x: Double
        var y: Double
    }

    static let nodeWidth = 196.0
    static let nodeHeight = 46.0
    static let layerGap = 132.0
    static let rowGap = 16.0
    static let placeholderHeight = 10.0
    static let margin = 12.0

    /// Each node's left edge and vertical centre.
    var anchors: [String: Point] = [:]
    /// Each model edge's waypoints, in order, from the source's right side to the target's left side.
    var routes: [[Point]] = []
    /// Each node's layer.
    var layers: [String: Int]
    var width: Double
    var height: Double

    init(_ model: TraceGraphModel) {
        let pairs = model.edges.map { (from: $0.from, to: $0.to) }
        let layering = TraceGraphLayering(nodes: model.nodes.map(\.id), edges: pairs)
        layers = layering.layers
        let layerCount = (layers.values.max() ?? 0) + 1
        var layerOf = layers
        // Chains of slots: a real node at each end, a placeholder in each layer between.
        var chains: [[String]] = []
        for (index, edge) in pairs.enumerated() {
            let (start, end) = (layers[edge.from] ?? 0, layers[edge.to] ?? 0)
            guard !layering.backEdges.contains(index), end > start + 1 else {
                chains.append([edge.from, edge.to])
                continue
            }
            var chain = [edge.from]
            for layer in (start + 1)..<end {
                let slot = "\u{1}\(index).\(layer)"
                layerOf[slot] = layer
                chain.append(slot)
            }
            chains.append(chain + [edge.to])
        }
        var segments: [(String, String)] = []
        for (index, chain) in chains.enumerated() where !layering.backEdges.contains(index) {
            for (a, b) in zip(chain, chain.dropFirst()) where (layerOf[b] ?? 0) == (layerOf[a] ?? 0) + 1 {
                segments.append((a, b))
            }
        }
        let order = TraceGraphOrdering(slots: layerOf, layerCount: layerCount, segments: segments).order
        let centres = Self.centres(order: order, segments: segments)
        let top = centres.map { $0.value - Self.height(of: $0.key) / 2 }.min() ?? 0
        for (slot, centre) in centres {
            let x = Self.margin + Double(layerOf[slot] ?? 0) * (Self.nodeWidth + Self.layerGap)
            anchors[slot] = Point(x: x, y: centre - top + Self.margin)
        }
        let anchors = self.anchors
        routes = chains.map { chain in
            var points: [Point] = []
            for (position, slot) in chain.enumerated() {
                guard let anchor = anchors[slot] else { continue }
                if position == 0 {
                    points.append(Point(x: anchor.x + Self.nodeWidth, y: anchor.y))
                } else if position == chain.count - 1 {
                    points.append(anchor)
                } else {
                    points += [anchor, Point(x: anchor.x + Self.nodeWidth, y: anchor.y)]
                }
            }
            return points
        }
        width = Self.margin * 2 + Double(layerCount) * Self.nodeWidth + Double(layerCount - 1) * Self.layerGap
        height = (anchors.map { $0.value.y + Self.height(of: $0.key) / 2 }.max() ?? 0) + Self.margin
        self.anchors = anchors.filter { !$0.key.hasPrefix("\u{1}") }
    }

    static func height(of slot: String) -> Double { slot.hasPrefix("\u{1}") ? placeholderHeight : nodeHeight }

    /// Vertical centres: each layer's slots in order, pulled toward the mean of their neighbours' centres in
    /// alternating down and up passes, spaced by the row gap.
    private static func centres(order: [[String]], segments: [(String, String)]) -> [String: Double] {
        var predecessors: [String: [String]] = [:]
        var successors: [String: [String]] = [:]
        for (a, b) in segments {
            successors[a, default: []].append(b)
            predecessors[b, default: []].append(a)
        }
        var y: [String: Double] = [:]
        for layer in order {
            var next = 0.0
            for slot in layer {
                y[slot] = next + height(of: slot) / 2
                next += height(of: slot) + rowGap
            }
        }
        for pass in 0..<8 {
            let down = pass % 2 == 0
            for layer in down ? order : order.reversed() {
                let desired = layer.map { slot -> Double in
                    let neighbours = (down ? predecessors[slot] : successors[slot]) ?? []
                    let known = neighbours.compactMap { y[$0] }
                    return known.isEmpty ? (y[slot] ?? 0) : known.reduce(0, +) / Double(known.count)
                }
                for (slot, value) in zip(layer, place(layer, desired: desired)) { y[slot] = value }
            }
        }
        return y
    }

    /// The centres nearest the desired ones (least squares) that keep the order and the spacing: isotonic
    /// regression by pooling adjacent violators, on centres less their cumulative spacing.
    private static func place(_ layer: [String], desired: [Double]) -> [Double] {
        var offsets: [Double] = []
        var offset = 0.0
        for (index, slot) in layer.enumerated() {
            if index > 0 { offset += height(of: layer[index - 1]) / 2 + rowGap + height(of: slot) / 2 }
            offsets.append(offset)
        }
        var blocks: [(sum: Double, count: Int)] = []
        for (target, offset) in zip(desired, offsets) {
            blocks.append((target - offset, 1))
            while blocks.count > 1,
                  blocks[blocks.count - 2].sum / Double(blocks[blocks.count - 2].count)
                    > blocks[blocks.count - 1].sum / Double(blocks[blocks.count - 1].count)
            {
                let last = blocks.removeLast()
                blocks[blocks.count - 1].sum += last.sum
                blocks[blocks.count - 1].count += last.count
            }
        }
        var values: [Double] = []
        for block in blocks { values += Array(repeating: block.sum / Double(block.count), count: block.count) }
        return zip(values, offsets).map { $0 + $1 }
    }
}
