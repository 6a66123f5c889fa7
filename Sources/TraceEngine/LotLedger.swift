internal import EPCIS
internal import Foundation

/// One lot at one location in one unit.
struct LotPosition: Hashable, Sendable, Comparable {
    var location: String
    var key: String
    var uom: String

    static func < (lhs: LotPosition, rhs: LotPosition) -> Bool {
        (lhs.location, lhs.key, lhs.uom) < (rhs.location, rhs.key, rhs.uom)
    }
}

/// Class-level quantities per location: received + produced − shipped − consumed − sold − destroyed.
///
/// A shipment leaves the sender's balance when it is shipped and enters the receiver's when it is received,
/// so goods in transit are on nobody's balance (the open shipment shows them).
struct LotLedger: Sendable {
    var balances: [LotPosition: Double] = [:]

    /// Applies one event's class-level quantities.
    /// - Parameter only: when given, only these keys are counted.
    mutating func apply(_ event: TraceEvent, only keys: Set<String>? = nil) {
        Self.postings(of: event) { list, location, sign in
            for element in list where keys?.contains(element.key) ?? true {
                guard let quantity = element.quantity else { continue }
                let position = LotPosition(location: location, key: element.key, uom: element.uom ?? "EA")
                balances[position, default: 0] += sign * quantity
            }
        }
    }

    /// The rule of the balances: which of an event's quantity lists move which location's balance, and which way.
    /// A transformation consumes its inputs and produces its outputs where it happens; a shipment leaves the
    /// source location, a receipt enters the destination; a sale, dispensing, destruction or decommissioning
    /// takes goods out; an ObjectEvent ADD (commissioning, a harvest) brings them in.
    /// - Parameters:
    ///   - event: the event.
    ///   - post: called with each list, the location it moves, and +1 or −1.
    static func postings(of event: TraceEvent, _ post: ([TraceQuantity], String, Double) -> Void) {
        func at(_ list: [TraceQuantity], _ location: String?, _ sign: Double) {
            guard let location, !list.isEmpty else { return }
            post(list, location, sign)
        }
        if event.type == .transformationEvent {
            at(event.inputQuantities, event.bizLocation, -1)
            at(event.outputQuantities, event.bizLocation, 1)
            return
        }
        switch event.bizStep {
        case "shipping":
            at(event.quantities, event.sourceLocation ?? event.bizLocation, -1)
        case "receiving":
            at(event.quantities, event.destinationLocation ?? event.bizLocation, 1)
        default:
            if event.endsLife {
                at(event.quantities, event.bizLocation, -1)
            } else if event.type == .objectEvent && event.action == .add {
                at(event.quantities, event.bizLocation, 1)
            }
        }
    }
}

/// The holders of what a forward trace reached: lot balances for class-level lots, and the current place of
/// each serialised item (following its containers' custody while it was inside them).
struct HolderLedger: Sendable {
    let walk: TraceWalk

    func holders() -> [Holder] {
        let quantityKeys = Set(walk.events.values.flatMap { event in
            (event.quantities + event.inputQuantities + event.outputQuantities + event.childQuantities).map(\.key)
        })
        let lotKeys = Set(walk.nodes.keys).intersection(quantityKeys)
        var ledger = LotLedger()
        for event in walk.events.values.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            ledger.apply(event, only: lotKeys)
        }
        var rows: [Holder] = []
        for (position, quantity) in ledger.balances.sorted(by: { $0.key < $1.key }) where quantity > 1e-6 {
            rows.append(Holder(
                party: walk.owner(of: position.location).map(walk.label), location: walk.label(position.location),
                identifier: walk.label(position.key), quantity: (quantity * 1_000).rounded() / 1_000, uom: position.uom))
        }
        var serials: [LotPosition: [String]] = [:]
        let parents = Set(walk.events.values.compactMap { $0.type == .aggregationEvent ? $0.parent : nil })
        for key in walk.nodes.keys where !lotKeys.contains(key) && !parents.contains(key) {
            guard let location = place(of: key) else { continue }
            let label = walk.label(key)
            serials[LotPosition(location: location, key: Self.pattern(label), uom: "EA"), default: []].append(label)
        }
        for (position, held) in serials.sorted(by: { $0.key < $1.key }) {
            rows.append(Holder(
                party: walk.owner(of: position.location).map(walk.label), location: walk.label(position.location),
                identifier: position.key, quantity: Double(held.count), uom: "EA", serials: held.sorted()))
        }
        return rows
    }

    /// Where a serialised item is now; nil when it left the supply chain (sold, dispensed, destroyed,
    /// consumed) or was never placed. Goods in transit count at their consignee.
    func place(of key: String) -> String? {
        var location: String?
        for event in custody(of: key, within: .always, depth: 0) {
            if event.type == .transformationEvent {
                if event.inputs.contains(key) { location = nil } else { location = event.bizLocation ?? location }
            } else if event.endsLife {
                location = nil
            } else if event.bizStep == "shipping" || event.bizStep == "receiving" {
                location = event.destinationLocation ?? event.bizLocation ?? location
            } else if let here = event.bizLocation {
                location = here
            }
        }
        return location
    }

    /// The item's own events and its containers' events while it was inside them, oldest first.
    private func custody(of key: String, within window: TraceWindow, depth: Int) -> [TraceEvent] {
        let own = walk.events(of: key).filter { window.contains($0.time) }
        var all = own
        guard depth < 4 else { return all }
        for event in own where event.type == .aggregationEvent && event.action == .add && event.children.contains(key) {
            guard let parent = event.parent else { continue }
            let end = own.first {
                $0.type == .aggregationEvent && $0.action == .delete && $0.parent == parent && $0.time >= event.time
            }?.time ?? window.to
            let inside = TraceWindow(from: event.time, to: end)
            all += custody(of: parent, within: inside, depth: depth + 1).filter {
                $0.type != .aggregationEvent && $0.time > event.time && $0.time < end
            }
        }
        return all.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    /// A serialised item's product pattern (`urn:epc:idpat:sgtin:prefix.ref.*`), or the label itself.
    static func pattern(_ label: String) -> String {
        let prefix = "urn:epc:id:sgtin:"
        guard label.hasPrefix(prefix), let dot = label.lastIndex(of: ".") else { return label }
        return "urn:epc:idpat:sgtin:" + label[label.index(label.startIndex, offsetBy: prefix.count)..<dot] + ".*"
    }
}
