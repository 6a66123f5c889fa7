internal import EPCIS
internal import Foundation

/// The span of time in which a node's events count: an input only up to the transformation that used it
/// (backward), an output only from when it was made (forward), a container only while it held the item.
struct TraceWindow: Hashable, Sendable {
    var from: Date
    var to: Date

    static let always = TraceWindow(from: .distantPast, to: .distantFuture)

    func contains(_ time: Date) -> Bool { time >= from && time <= to }

    func union(_ other: TraceWindow) -> TraceWindow {
        TraceWindow(from: min(from, other.from), to: max(to, other.to))
    }
}

/// The state of one trace between frontiers: the nodes reached with their windows, the events read, and what
/// they say about parties and locations. Pure: the engine feeds it one batch of events per frontier.
struct TraceWalk: Sendable {
    let direction: TraceDirection
    let root: String
    let maxNodes: Int
    var nodes: [String: TraceWindow]
    /// Nodes reached only as containers of something traced: followed for custody, never for their contents.
    var containers: Set<String> = []
    var events: [String: TraceEvent] = [:]
    var eventsByKey: [String: [String]] = [:]
    var used: Set<String> = []
    var parties: Set<String> = []
    var locations: Set<String> = []
    var origins: Set<String> = []
    var labels: [String: String] = [:]
    var locationOwners: [String: String] = [:]
    var truncated = false

    init(direction: TraceDirection, root: String, maxNodes: Int) {
        self.direction = direction
        self.root = root
        self.maxNodes = max(maxNodes, 1)
        nodes = [root: .always]
    }

    /// Reads one frontier's events and returns the next frontier.
    mutating func expand(_ frontier: Set<String>, with fetched: [TraceEvent]) -> Set<String> {
        for event in fetched where events[event.id] == nil {
            events[event.id] = event
            for key in event.objectKeys { eventsByKey[key, default: []].append(event.id) }
            labels.merge(event.labels) { first, _ in first }
            if let location = event.sourceLocation, let party = event.sourceParty { locationOwners[location] = party }
            if let location = event.destinationLocation, let party = event.destinationParty {
                locationOwners[location] = party
            }
        }
        var next = Set<String>()
        for key in frontier.sorted() {
            guard let window = nodes[key] else { continue }
            let keyEvents = self.events(of: key)
            for event in keyEvents where window.contains(event.time) {
                follow(event, from: key, window: window, keyEvents: keyEvents, into: &next)
            }
        }
        return next
    }

    /// The events read so far that name a key, oldest first.
    func events(of key: String) -> [TraceEvent] {
        (eventsByKey[key] ?? []).compactMap { events[$0] }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    private mutating func follow(
        _ event: TraceEvent, from key: String, window: TraceWindow, keyEvents: [TraceEvent], into next: inout Set<String>
    ) {
        used.insert(event.id)
        for party in [event.sourceParty, event.destinationParty].compactMap({ $0 }) { parties.insert(party) }
        for location in [event.bizLocation, event.sourceLocation, event.destinationLocation].compactMap({ $0 }) {
            locations.insert(location)
        }
        let isContainer = containers.contains(key)
        switch event.type {
        case .transformationEvent:
            let inputs = event.inputs + event.inputQuantities.map(\.key)
            let outputs = event.outputs + event.outputQuantities.map(\.key)
            if direction == .backward, outputs.contains(key) {
                for input in inputs { add(input, TraceWindow(from: .distantPast, to: event.time), container: false, &next) }
            } else if direction == .forward, inputs.contains(key) {
                for output in outputs { add(output, TraceWindow(from: event.time, to: .distantFuture), container: false, &next) }
            }
        case .aggregationEvent where event.action == .add:
            let children = event.children + event.childQuantities.map(\.key)
            if let parent = event.parent, children.contains(key) {
                let unpacked = unpackTime(of: key, from: parent, after: event.time, in: keyEvents) ?? .distantFuture
                add(parent, TraceWindow(from: event.time, to: min(unpacked, window.to)), container: true, &next)
            }
            if event.parent == key, !isContainer {
                let span = direction == .backward
                    ? TraceWindow(from: .distantPast, to: event.time) : TraceWindow(from: event.time, to: .distantFuture)
                for child in children { add(child, span, container: false, &next) }
            }
        case .objectEvent where event.action == .add && direction == .backward:
            if event.bizStep == "commissioning" || event.bizStep == nil, let location = event.bizLocation {
                origins.insert(location)
            }
        default:
            break
        }
    }

    /// When a child left a parent it was packed into: the first DELETE of that parent naming the child (or
    /// naming no children, which empties the parent) after the packing.
    private func unpackTime(of child: String, from parent: String, after time: Date, in keyEvents: [TraceEvent]) -> Date? {
        let own = keyEvents.first {
            $0.type == .aggregationEvent && $0.action == .delete && $0.parent == parent && $0.time >= time
                && $0.children.contains(child)
        }
        let emptying = self.events(of: parent).first {
            $0.type == .aggregationEvent && $0.action == .delete && $0.time >= time && $0.children.isEmpty
                && $0.childQuantities.isEmpty
        }
        return [own?.time, emptying?.time].compactMap { $0 }.min()
    }

    private mutating func add(_ key: String, _ window: TraceWindow, container: Bool, _ next: inout Set<String>) {
        if let existing = nodes[key] {
            let merged = existing.union(window)
            let promoted = !container && containers.contains(key)
            if promoted { containers.remove(key) }
            if merged != existing || promoted {
                nodes[key] = merged
                next.insert(key)
            }
            return
        }
        guard nodes.count < maxNodes else {
            truncated = true
            return
        }
        nodes[key] = window
        if container { containers.insert(key) }
        next.insert(key)
    }

    /// The party that owns a location, as the events' source/destination pairs say.
    func owner(of location: String) -> String? { locationOwners[location] }

    func label(_ key: String) -> String { labels[key] ?? key }

    func result(depth: Int) -> TraceResult {
        var allParties = parties
        for location in locations { if let owner = owner(of: location) { allParties.insert(owner) } }
        let graph = graphEdges()
        var result = TraceResult(
            direction: direction,
            root: label(root),
            identifiers: nodes.keys.map(label).sorted(),
            containers: containers.map(label).sorted(),
            parties: allParties.map(label).sorted(),
            locations: locations.map(label).sorted(),
            origins: origins.map(label).sorted(),
            holders: [],
            events: used.sorted(),
            nodes: graphNodes(ends: graph.ends),
            edges: graph.edges,
            truncated: truncated,
            depth: depth,
            elapsedMilliseconds: 0
        )
        result.facts = used.compactMap { events[$0] }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        result.rootFacts = self.events(of: root)
        return result
    }
}
