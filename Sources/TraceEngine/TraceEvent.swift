public import EPCIS
public import Foundation

/// A quantity of a class (or a count of an instance) as the trace sees it.
public struct TraceQuantity: Hashable, Sendable {
    /// The class's canonical key (``EPCIS/IdentifierURI/canonicalKey``).
    public var key: String
    /// The quantity; nil when the event gave none.
    public var quantity: Double?
    /// The unit; nil for a plain count.
    public var uom: String?

    /// Makes a quantity.
    public init(key: String, quantity: Double?, uom: String?) {
        self.key = key
        self.quantity = quantity
        self.uom = uom
    }
}

/// The facts of one event that trace, recall and reconciliation need, and nothing else: compact enough that a
/// store can hand out thousands per look-up.
///
/// Every identifier is a canonical key (``EPCIS/IdentifierURI/canonicalKey``), so that an item captured as an
/// EPC URN and one captured as a Digital Link are one node; ``labels`` keeps the spelling each key was
/// captured with, for display.
public struct TraceEvent: Hashable, Sendable {
    /// The eventID (or the event hash when the event had none).
    public var id: String
    /// The event type.
    public var type: EventType
    /// When it happened.
    public var time: Date
    /// ADD, OBSERVE or DELETE; nil for a TransformationEvent.
    public var action: Action?
    /// The CBV business step's bare term (`shipping`) or its URI when it is not a CBV term.
    public var bizStep: String?
    /// The disposition's bare term or URI.
    public var disposition: String?
    /// `epcList`.
    public var epcs: [String] = []
    /// `quantityList`.
    public var quantities: [TraceQuantity] = []
    /// `parentID`.
    public var parent: String?
    /// `childEPCs`.
    public var children: [String] = []
    /// `childQuantityList`.
    public var childQuantities: [TraceQuantity] = []
    /// `inputEPCList`.
    public var inputs: [String] = []
    /// `inputQuantityList`.
    public var inputQuantities: [TraceQuantity] = []
    /// `outputEPCList`.
    public var outputs: [String] = []
    /// `outputQuantityList`.
    public var outputQuantities: [TraceQuantity] = []
    /// The first `owning_party` (else `possessing_party`) source.
    public var sourceParty: String?
    /// The first `location` source.
    public var sourceLocation: String?
    /// The first `owning_party` (else `possessing_party`) destination.
    public var destinationParty: String?
    /// The first `location` destination.
    public var destinationLocation: String?
    /// The business location (the read point when there is none).
    public var bizLocation: String?
    /// The business transaction ids (desadv, po, …).
    public var bizTransactions: [String] = []
    /// Each key's captured spelling (EPC URN or Digital Link), for display.
    public var labels: [String: String] = [:]

    /// Makes an event with no identifiers; set the lists as the event carries them.
    public init(id: String, type: EventType, time: Date, action: Action? = nil, bizStep: String? = nil, disposition: String? = nil) {
        self.id = id
        self.type = type
        self.time = time
        self.action = action
        self.bizStep = bizStep
        self.disposition = disposition
    }

    /// Every object or class key the event names: the keys a store indexes it by.
    public var objectKeys: Set<String> {
        var keys = Set(epcs + children + inputs + outputs)
        if let parent { keys.insert(parent) }
        for list in [quantities, childQuantities, inputQuantities, outputQuantities] {
            for element in list { keys.insert(element.key) }
        }
        return keys
    }

    /// The display spelling of a key.
    public func label(_ key: String) -> String { labels[key] ?? key }

    /// Whether the event takes goods out of the supply chain: a sale, a dispensing, a destruction or a
    /// decommissioning.
    public var endsLife: Bool {
        switch bizStep {
        case "retail_selling", "dispensing", "destroying", "decommissioning": true
        default: type == .objectEvent && action == .delete
        }
    }
}

extension TraceEvent {
    /// The compact facts of a full event.
    /// - Parameters:
    ///   - event: the event.
    ///   - fallbackID: the id to use when the event has no eventID (e.g. its hash).
    public init(_ event: EPCISEvent, fallbackID: String = "") {
        var keys: [String: String] = [:]
        self.init(event, fallbackID: fallbackID, keys: &keys)
    }

    /// The compact facts of a full event, with a cache of canonical keys shared by many events (locations,
    /// parties and lots repeat), so that each spelling is parsed once.
    /// - Parameters:
    ///   - event: the event.
    ///   - fallbackID: the id to use when the event has no eventID.
    ///   - keys: canonical keys by captured spelling; filled as spellings are met.
    public init(_ event: EPCISEvent, fallbackID: String = "", keys cache: inout [String: String]) {
        self.init(
            id: event.eventID ?? fallbackID, type: event.type, time: event.eventTime.date, action: event.action,
            bizStep: event.bizStep.map { $0.standardTerm ?? $0.uri },
            disposition: event.disposition.map { $0.standardTerm ?? $0.uri }
        )
        func keys(_ list: [IdentifierURI]) -> [String] { list.map { note($0) } }
        func amounts(_ list: [QuantityElement]) -> [TraceQuantity] {
            list.map { TraceQuantity(key: note($0.epcClass), quantity: $0.quantity, uom: $0.uom) }
        }
        var labels: [String: String] = [:]
        func note(_ uri: IdentifierURI) -> String {
            let key: String
            if let known = cache[uri.text] {
                key = known
            } else {
                key = uri.canonicalKey
                cache[uri.text] = key
            }
            labels[key] = uri.text
            return key
        }
        epcs = keys(event.epcList)
        quantities = amounts(event.quantityList)
        parent = event.parentID.map { note($0) }
        children = keys(event.childEPCs)
        childQuantities = amounts(event.childQuantityList)
        inputs = keys(event.inputEPCList)
        inputQuantities = amounts(event.inputQuantityList)
        outputs = keys(event.outputEPCList)
        outputQuantities = amounts(event.outputQuantityList)
        func first(_ list: [SourceDestination], _ types: [String]) -> IdentifierURI? {
            for type in types { if let match = list.first(where: { $0.type.standardTerm == type }) { return match.id } }
            return nil
        }
        sourceParty = first(event.sourceList, ["owning_party", "possessing_party"]).map { note($0) }
        sourceLocation = first(event.sourceList, ["location"]).map { note($0) }
        destinationParty = first(event.destinationList, ["owning_party", "possessing_party"]).map { note($0) }
        destinationLocation = first(event.destinationList, ["location"]).map { note($0) }
        bizLocation = (event.bizLocation ?? event.readPoint).map { note($0.id) }
        bizTransactions = event.bizTransactionList.map(\.id.text)
        self.labels = labels
    }
}
