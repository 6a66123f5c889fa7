/// The order of the slots in each layer that crosses the fewest edges it can find: a depth-first first order,
/// then barycentre sweeps (each slot at the mean position of its neighbours in the layer before, then after),
/// keeping the best order seen. Deterministic: ties keep the current order.
struct TraceGraphOrdering {
    /// The slots of each layer, top to bottom.
    var order: [[String]]

    /// - Parameters:
    ///   - slots: each slot's layer.
    ///   - layerCount: how many layers.
    ///   - segments: edges between slots of adjacent layers, left to right.
    init(slots: [String: Int], layerCount: Int, segments: [(String, String)], sweeps: Int = 24) {
        var successors: [String: [String]] = [:]
        var predecessors: [String: [String]] = [:]
        for (a, b) in segments {
            successors[a, default: []].append(b)
            predecessors[b, default: []].append(a)
        }
        for key in successors.keys { successors[key]?.sort() }
        var order = Array(repeating: [String](), count: layerCount)
        var seen = Set<String>()
        let starts = slots.keys.sorted { ((slots[$0] ?? 0), $0) < ((slots[$1] ?? 0), $1) }
        for start in starts where !seen.contains(start) {
            var stack = [start]
            while let slot = stack.popLast() {
                guard seen.insert(slot).inserted else { continue }
                order[slots[slot] ?? 0].append(slot)
                stack += (successors[slot] ?? []).reversed()
            }
        }
        var best = order
        var bestCrossings = Self.crossings(order, successors: successors)
        for sweep in 0..<sweeps where bestCrossings > 0 {
            let down = sweep % 2 == 0
            let layers = down ? Array(1..<max(layerCount, 1)) : Array((0..<max(layerCount - 1, 0)).reversed())
            for layer in layers {
                let neighbourLayer = order[down ? layer - 1 : layer + 1]
                let position = Dictionary(uniqueKeysWithValues: neighbourLayer.enumerated().map { ($1, Double($0)) })
                let keyed = order[layer].enumerated().map { index, slot -> (Double, Int, String) in
                    let neighbours = ((down ? predecessors[slot] : successors[slot]) ?? []).compactMap { position[$0] }
                    let centre = neighbours.isEmpty ? Double(index) : neighbours.reduce(0, +) / Double(neighbours.count)
                    return (centre, index, slot)
                }
                order[layer] = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
            }
            let crossings = Self.crossings(order, successors: successors)
            if crossings < bestCrossings {
                best = order
                bestCrossings = crossings
            }
        }
        self.order = best
    }

    /// How many pairs of segments cross between adjacent layers.
    static func crossings(_ order: [[String]], successors: [String: [String]]) -> Int {
        var total = 0
        for layer in order.indices.dropLast() {
            let below = Dictionary(uniqueKeysWithValues: order[layer + 1].enumerated().map { ($1, $0) })
            var ends: [(Int, Int)] = []
            for (index, slot) in order[layer].enumerated() {
                for next in successors[slot] ?? [] { if let end = below[next] { ends.append((index, end)) } }
            }
            for i in ends.indices {
                for j in ends.indices where j > i {
                    if (ends[i].0 - ends[j].0) * (ends[i].1 - ends[j].1) < 0 { total += 1 }
                }
            }
        }
        return total
    }
}
