internal import EPCIS
internal import Foundation

/// The graph of a finished walk: one edge per link that a used event makes between two ends the walk reached,
/// and the kind of every node.
extension TraceWalk {
    /// The edges, in ``TraceEdge`` order, with display identifiers at their ends.
    func graphEdges() -> (edges: [TraceEdge], ends: [String: TraceNodeKind]) {
        var builder = TraceGraphBuilder(walk: self)
        for id in used.sorted() {
            guard let event = events[id] else { continue }
            builder.add(event)
        }
        return (builder.edges.sorted(), builder.ends)
    }

    /// Every identifier reached and every end of an edge, with its kind, sorted by identifier.
    func graphNodes(ends: [String: TraceNodeKind]) -> [TraceNode] {
        let quantityKeys = Set(events.values.flatMap { event in
            (event.quantities + event.inputQuantities + event.outputQuantities + event.childQuantities).map(\.key)
        })
        let parents = Set(used.compactMap { events[$0] }.compactMap { $0.type == .aggregationEvent ? $0.parent : nil })
        var nodes: [String: TraceNode] = [:]
        for key in self.nodes.keys {
            let isContainer = containers.contains(key) || parents.contains(key)
            let kind: TraceNodeKind = isContainer ? .container : quantityKeys.contains(key) ? .lot : .item
            let id = label(key)
            nodes[id] = TraceNode(id: id, kind: kind, group: TraceNode.group(of: id))
        }
        for (id, kind) in ends where nodes[id] == nil { nodes[id] = TraceNode(id: id, kind: kind) }
        return nodes.values.sorted { $0.id < $1.id }
    }
}

/// Collects the edges of one walk, event by event.
private struct TraceGraphBuilder {
    let walk: TraceWalk
    var edges: Set<TraceEdge> = []
    /// The kind of each party or location end, by display identifier.
    var ends: [String: TraceNodeKind] = [:]

    mutating func add(_ event: TraceEvent) {
        switch event.type {
        case .transformationEvent:
            addTransformation(event)
        case .aggregationEvent where event.action == .add:
            guard let parent = event.parent, reached(parent) else { return }
            for child in amounts(event.children, event.childQuantities) where reached(child.key) {
                link(child.key, parent, .packed, event, quantity: child)
            }
        default:
            addShipment(event)
            let commissions = event.type == .objectEvent && event.action == .add
                && (event.bizStep == "commissioning" || event.bizStep == nil)
            if walk.direction == .backward, commissions, let site = event.bizLocation {
                let origin = walk.owner(of: site).map { (key: $0, kind: TraceNodeKind.party) } ?? (site, .location)
                for object in amounts(event.epcs, event.quantities) where reached(object.key) {
                    link(origin.key, object.key, .commissioned, event, quantity: object, object: object.key,
                         fromKind: origin.kind)
                }
            }
        }
    }

    /// Input → output; the quantity is the output's when there is one input (what it became), else the input's
    /// (how much of it went in).
    private mutating func addTransformation(_ event: TraceEvent) {
        let inputs = amounts(event.inputs, event.inputQuantities)
        let outputs = amounts(event.outputs, event.outputQuantities)
        for input in inputs where reached(input.key) {
            for output in outputs where reached(output.key) {
                link(input.key, output.key, .transformed, event, quantity: inputs.count == 1 ? output : input)
            }
        }
    }

    /// Source → destination, one edge per reached object: between parties when both are known (a location's
    /// owner stands for it), else between locations.
    private mutating func addShipment(_ event: TraceEvent) {
        var objects = amounts(event.epcs, event.quantities)
        if let parent = event.parent { objects.append(TraceQuantity(key: parent, quantity: nil, uom: nil)) }
        objects = objects.filter { reached($0.key) }
        guard !objects.isEmpty else { return }
        let parties = (event.sourceParty ?? event.sourceLocation.flatMap(walk.owner(of:)),
                       event.destinationParty ?? event.destinationLocation.flatMap(walk.owner(of:)))
        let ends: (from: String, to: String, kind: TraceNodeKind)
        if let from = parties.0, let to = parties.1, from != to {
            ends = (from, to, .party)
        } else if let from = event.sourceLocation, let to = event.destinationLocation, from != to {
            ends = (from, to, .location)
        } else {
            return
        }
        for object in objects {
            link(ends.from, ends.to, .shipped, event, quantity: object, object: object.key, fromKind: ends.kind,
                 toKind: ends.kind)
        }
    }

    private func reached(_ key: String) -> Bool { walk.nodes[key] != nil }

    private func amounts(_ instances: [String], _ classes: [TraceQuantity]) -> [TraceQuantity] {
        instances.map { TraceQuantity(key: $0, quantity: nil, uom: nil) } + classes
    }

    private mutating func link(
        _ from: String, _ to: String, _ kind: TraceEdgeKind, _ event: TraceEvent, quantity: TraceQuantity,
        object: String? = nil, fromKind: TraceNodeKind? = nil, toKind: TraceNodeKind? = nil
    ) {
        let (source, target) = (walk.label(from), walk.label(to))
        if let fromKind { ends[source] = fromKind }
        if let toKind { ends[target] = toKind }
        edges.insert(TraceEdge(
            from: source, to: target, kind: kind, event: event.id, time: event.time, object: object.map(walk.label),
            quantity: quantity.quantity, uom: quantity.quantity == nil ? nil : quantity.uom))
    }
}
