internal import EPCIS
internal import Foundation

/// Builds ``TraceEvent``s from the columns a store indexes events by, without the event body: the event row
/// (type, time, action, business step, disposition, place), its identifier rows (role, canonical key, quantity,
/// unit), its source and destination rows (direction, CBV type URI, canonical key) and its business transaction
/// rows. Roles are the store's: `epc`, `parent`, `child`, `input`, `output`, `quantity`, `child_quantity`,
/// `input_quantity`, `output_quantity`.
///
/// The facts carry canonical keys only (no `labels`), a time to the millisecond, and the business transactions
/// by canonical key: what reconciliation compares, not what a page shows.
public struct TraceFactsBuilder {
    private var bizSteps: [String: String] = [:]
    private var dispositions: [String: String] = [:]
    private var sideTypes: [String: String] = [:]

    /// Makes a builder; it keeps the bare terms of the vocabulary URIs it has met.
    public init() {}

    /// Where the sides of the event being built stand: whether an owning party was already seen.
    public struct Sides {
        var index = -1
        var sourceOwning = false
        var destinationOwning = false

        /// No event yet.
        public init() {}
    }

    /// The facts of an event row, before its identifiers, sides and transactions.
    /// - Parameters:
    ///   - id: the eventID (or hash ID) column.
    ///   - type: the event type's name.
    ///   - milliseconds: the event time, milliseconds since 1970 (UTC).
    ///   - action: ADD, OBSERVE or DELETE.
    ///   - bizStep: the business step URI.
    ///   - disposition: the disposition URI.
    ///   - place: the business location's canonical key, else the read point's.
    /// - Returns: nil when the type is not an EPCIS event type.
    public mutating func event(
        id: String, type: String, milliseconds: Int64, action: String?, bizStep: String?, disposition: String?,
        place: String?
    ) -> TraceEvent? {
        guard let type = EventType(rawValue: type) else { return nil }
        var event = TraceEvent(
            id: id, type: type, time: Date(timeIntervalSince1970: Double(milliseconds) / 1_000),
            action: action.flatMap(Action.init(rawValue:)),
            bizStep: bizStep.map { Self.term($0, .bizStep, &bizSteps) },
            disposition: disposition.map { Self.term($0, .disposition, &dispositions) })
        event.bizLocation = place
        return event
    }

    /// Adds an identifier row to its event.
    public static func add(role: String, key: String, quantity: Double?, uom: String?, to event: inout TraceEvent) {
        switch role {
        case "epc": event.epcs.append(key)
        case "parent": event.parent = key
        case "child": event.children.append(key)
        case "input": event.inputs.append(key)
        case "output": event.outputs.append(key)
        case "quantity": event.quantities.append(TraceQuantity(key: key, quantity: quantity, uom: uom))
        case "child_quantity": event.childQuantities.append(TraceQuantity(key: key, quantity: quantity, uom: uom))
        case "input_quantity": event.inputQuantities.append(TraceQuantity(key: key, quantity: quantity, uom: uom))
        case "output_quantity": event.outputQuantities.append(TraceQuantity(key: key, quantity: quantity, uom: uom))
        default: break
        }
    }

    /// Adds a source or destination row to its event: the first owning party (else the first possessing party)
    /// and the first location of each side, as ``TraceEvent/init(_:fallbackID:keys:)`` takes them.
    /// - Parameters:
    ///   - direction: `source` or `destination`.
    ///   - type: the CBV source/destination type URI.
    ///   - party: the party's or location's canonical key.
    ///   - event: the event.
    ///   - index: which event of the caller's page this is (the rows of an event come together).
    ///   - sides: the state of the walk, kept by the caller between rows.
    public mutating func add(
        direction: String, type: String, party: String, to event: inout TraceEvent, at index: Int, sides: inout Sides
    ) {
        if sides.index != index { sides = Sides(); sides.index = index }
        let term = Self.term(type, .sourceDestType, &sideTypes)
        let isSource = direction == "source"
        switch term {
        case "owning_party":
            if isSource, !sides.sourceOwning {
                event.sourceParty = party
                sides.sourceOwning = true
            } else if !isSource, !sides.destinationOwning {
                event.destinationParty = party
                sides.destinationOwning = true
            }
        case "possessing_party":
            if isSource, event.sourceParty == nil { event.sourceParty = party }
            if !isSource, event.destinationParty == nil { event.destinationParty = party }
        case "location":
            if isSource, event.sourceLocation == nil { event.sourceLocation = party }
            if !isSource, event.destinationLocation == nil { event.destinationLocation = party }
        default:
            break
        }
    }

    /// Finds the event a column row belongs to in a page ordered by row: the rows of each table come in the same
    /// order, so the walk only moves forward. Start a new walk for each table.
    public struct RowWalk {
        private var position = 0

        /// A walk from the start of the page.
        public init() {}

        /// The page index of an event row, nil when the page does not hold it.
        public mutating func index(of row: Int64, in page: [(event: TraceEvent, reference: Int64)]) -> Int? {
            while position < page.count, page[position].reference < row { position += 1 }
            return position < page.count && page[position].reference == row ? position : nil
        }
    }

    /// The bare term of a standard vocabulary URI, else the URI.
    private static func term(_ uri: String, _ vocabulary: CBVVocabulary, _ cache: inout [String: String]) -> String {
        if let known = cache[uri] { return known }
        let term = CBVValue(uri, in: vocabulary).flatMap(\.standardTerm) ?? uri
        cache[uri] = term
        return term
    }
}
