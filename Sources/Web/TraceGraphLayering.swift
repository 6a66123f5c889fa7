/// Layers for a left-to-right drawing: each node one layer right of its farthest predecessor (longest path), so
/// that every edge points right. Edges that close a cycle (goods shipped back) are set aside first, depth first
/// in identifier order, and do not count.
struct TraceGraphLayering {
    /// Each node's layer, from 0.
    var layers: [String: Int]
    /// The indices of the edges set aside to break cycles.
    var backEdges: Set<Int>

    init(nodes: [String], edges: [(from: String, to: String)]) {
        var outgoing: [String: [(index: Int, to: String)]] = [:]
        for (index, edge) in edges.enumerated() { outgoing[edge.from, default: []].append((index, edge.to)) }
        var backEdges = Set<Int>()
        var state: [String: Bool] = [:]  // false: on the stack; true: done
        for start in nodes.sorted() where state[start] == nil {
            // Iterative depth-first search, so that a long chain cannot overflow the stack.
            var stack: [(node: String, next: Int)] = [(start, 0)]
            state[start] = false
            while let top = stack.last {
                let out = outgoing[top.node] ?? []
                guard top.next < out.count else {
                    state[top.node] = true
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = out[top.next]
                switch state[edge.to] {
                case .none:
                    state[edge.to] = false
                    stack.append((edge.to, 0))
                case .some(false):
                    backEdges.insert(edge.index)
                case .some(true):
                    break
                }
            }
        }
        var indegree: [String: Int] = Dictionary(uniqueKeysWithValues: nodes.map { ($0, 0) })
        for (index, edge) in edges.enumerated() where !backEdges.contains(index) { indegree[edge.to, default: 0] += 1 }
        var layers: [String: Int] = [:]
        var ready = indegree.filter { $0.value == 0 }.map(\.key).sorted()
        while let node = ready.popLast() {
            let layer = layers[node] ?? 0
            layers[node] = layer
            for edge in outgoing[node] ?? [] where !backEdges.contains(edge.index) {
                layers[edge.to] = max(layers[edge.to] ?? 0, layer + 1)
                indegree[edge.to, default: 0] -= 1
                if indegree[edge.to] == 0 { ready.append(edge.to) }
            }
        }
        self.layers = layers
        self.backEdges = backEdges
    }
}
