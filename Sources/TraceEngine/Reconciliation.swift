internal import EPCIS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation

/// An event a finding rests on: the reference its source gave it (a store's capture sequence, or a position in an
/// array) and when it happened. Evidence is ordered by time, then by reference.
public struct EvidenceReference: Hashable, Sendable, Comparable {
    /// When the event happened.
    public var time: Date
    /// The source's reference of the event.
    public var reference: Int64

    /// Makes a reference.
    public init(time: Date, reference: Int64) {
        self.time = time
        self.reference = reference
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.time, lhs.reference) < (rhs.time, rhs.reference) }
}

/// A reconciliation fed one event at a time, in any order, that keeps only what the seven rules need: each
/// identifier, party and location once (interned), the shipments and receipts, a running balance per lot and
/// place, and one small record per sighting of a serialised item. Nothing of an event outlives its `add` but
/// these, so a store can stream millions of events through it page by page.
///
/// Events at the same time are taken in the order of their references, so a source gives references that grow
/// with its capture order (a store's row number). ``finish()`` runs the end-of-stream passes and answers a
/// ``ReconciliationDraft``: the findings with their evidence as references, for the source to name.
public struct Reconciliation: Sendable {
    var configuration: Reconciler.Configuration
    var registry: PartyRegistry
    var now: Date
    /// Whether any registered party is suspended, revoked or blacklisted; if none is, the licence rule has
    /// nothing to find and records nothing.
    var checksLicences: Bool

    var symbols = Symbols()
    /// How many events were added.
    public internal(set) var eventCount = 0
    /// The largest reference added, −1 before the first.
    var latestReference: Int64 = -1

    var shipments: [Movement] = []
    var receipts: [Movement] = []
    var receiptsByTransaction: [Int32: [Int32]] = [:]
    var shippedTransactions = Set<Int32>()
    var balances: [Position: Balance] = [:]
    var owners: [Int32: Ownership] = [:]
    var unlicensed: [Int32: Bool] = [:]
    /// The registry's owner of each business location met (−1: the registry names none).
    var registeredOwners: [Int32: Int32] = [:]
    var licenceEvidence: [Int32: [EvidenceReference]] = [:]
    var unownedPlaces: [(location: Int32, source: Int32, destination: Int32, evidence: EvidenceReference)] = []
    var sightings: [Sighting] = []
    /// How many of the first sightings are in ``Sighting/ordered(_:_:)`` order (``orderSightings()``).
    var orderedSightings = 0

    /// Starts a reconciliation.
    /// - Parameter reconciler: the rules' configuration, the registry and the clock.
    public init(_ reconciler: Reconciler) {
        configuration = reconciler.configuration
        registry = reconciler.registry
        now = reconciler.now()
        checksLicences = registry.parties.values.contains { !$0.isLicensed }
    }

    /// Takes one event into account.
    /// - Parameters:
    ///   - event: the event's trace facts (its `id` and `labels` are not kept: findings name events by
    ///     reference and are labelled when they are resolved).
    ///   - reference: the source's reference of the event, unique, growing with capture order.
    public mutating func add(_ event: TraceEvent, reference: Int64) {
        eventCount += 1
        latestReference = max(latestReference, reference)
        let evidence = EvidenceReference(time: event.time, reference: reference)
        let source = event.sourceParty.map { symbols.id($0) } ?? -1
        let destination = event.destinationParty.map { symbols.id($0) } ?? -1
        if let location = event.sourceLocation, source >= 0 { own(symbols.id(location), by: source, evidence, 0) }
        if let location = event.destinationLocation, destination >= 0 {
            own(symbols.id(location), by: destination, evidence, 1)
        }
        let place = event.bizLocation.map { symbols.id($0) } ?? -1
        switch event.bizStep {
        case "shipping":
            let shipment = movement(event, evidence, source, destination)
            shippedTransactions.formUnion(shipment.transactions)
            shipments.append(shipment)
        case "receiving":
            let receipt = movement(event, evidence, source, destination)
            for transaction in receipt.transactions {
                receiptsByTransaction[transaction, default: []].append(Int32(receipts.count))
            }
            receipts.append(receipt)
        default:
            break
        }
        LotLedger.postings(of: event) { list, location, sign in
            let location = symbols.id(location)
            for element in list {
                guard let quantity = element.quantity else { continue }
                let position = Position(location: location, key: symbols.id(element.key), uom: symbols.id(element.uom ?? "EA"))
                balances[position, default: Balance()].post(sign * quantity, evidence)
            }
        }
        if checksLicences { checkLicences(source: source, destination: destination, place: place, evidence) }
        sight(event, place: place, evidence)
    }

    /// The owner of a location is the party named beside it in the latest source or destination.
    private mutating func own(_ location: Int32, by party: Int32, _ evidence: EvidenceReference, _ order: Int8) {
        let claim = Ownership(evidence: evidence, order: order, party: party)
        if let known = owners[location], (known.evidence, known.order) > (evidence, order) { return }
        owners[location] = claim
    }

    private mutating func movement(
        _ event: TraceEvent, _ evidence: EvidenceReference, _ source: Int32, _ destination: Int32
    ) -> Movement {
        Movement(
            evidence: evidence, source: source, destination: destination,
            epcs: event.epcs.map { symbols.id($0) },
            quantities: event.quantities.map {
                Amount(key: symbols.id($0.key), quantity: $0.quantity, uom: $0.uom.map { symbols.id($0) } ?? -1)
            },
            transactions: event.bizTransactions.map { symbols.id($0) })
    }

    private mutating func isUnlicensed(_ party: Int32) -> Bool {
        if let known = unlicensed[party] { return known }
        let verdict = registry.parties[symbols[party]].map { !$0.isLicensed } ?? false
        unlicensed[party] = verdict
        return verdict
    }

    /// unlicensedParty, as events come: the source and destination at once; the owner of the business location
    /// from the registry at once, or, for a location the registry does not know, at the end (its owner is the
    /// latest party named beside it, which only the whole stream tells).
    private mutating func checkLicences(source: Int32, destination: Int32, place: Int32, _ evidence: EvidenceReference) {
        var acting: [Int32] = []
        for party in [source, destination] where party >= 0 && !acting.contains(party) { acting.append(party) }
        if place >= 0 {
            let registered: Int32
            if let known = registeredOwners[place] {
                registered = known
            } else {
                registered = registry.locationOwners[symbols[place]].map { symbols.id($0) } ?? -1
                registeredOwners[place] = registered
            }
            if registered >= 0 {
                if !acting.contains(registered) { acting.append(registered) }
            } else {
                unownedPlaces.append((place, source, destination, evidence))
            }
        }
        for party in acting where isUnlicensed(party) { licenceEvidence[party, default: []].append(evidence) }
    }

    /// Every identifier the event names directly becomes a sighting; a sale marks the items sold, and a
    /// deletion, destruction or decommissioning marks them ended, after the event's sightings.
    private mutating func sight(_ event: TraceEvent, place: Int32, _ evidence: EvidenceReference) {
        let isSale = event.bizStep == "retail_selling" || event.bizStep == "dispensing"
        let flags: UInt8 = isSale ? Sighting.saleEvent : 0
        func add(_ key: String) {
            sightings.append(Sighting(key: symbols.id(key), location: place, flags: flags, evidence: evidence))
        }
        event.epcs.forEach(add)
        event.children.forEach(add)
        event.inputs.forEach(add)
        event.outputs.forEach(add)
        if let parent = event.parent { add(parent) }
        let ends = event.type == .objectEvent && event.action == .delete
            || event.bizStep == "destroying" || event.bizStep == "decommissioning"
        guard isSale || ends else { return }
        let mark = Sighting.mark | (isSale ? Sighting.saleEvent : Sighting.ending)
        for key in event.epcs {
            sightings.append(Sighting(key: symbols.id(key), location: place, flags: mark, evidence: evidence))
        }
    }

    /// Puts the sightings in the order the clone and decommissioning rules read them: the ones added since the last
    /// call are sorted and merged into the ones already in order, so that a state restored from a checkpoint (kept in
    /// order) sorts only what was added since. ``finish()`` sorts a copy when this was not called.
    public mutating func orderSightings() {
        guard orderedSightings < sightings.count else { return }
        var added = Array(sightings[orderedSightings...])
        added.sort(by: Sighting.ordered)
        if orderedSightings == 0 {
            sightings = added
        } else {
            var merged: [Sighting] = []
            merged.reserveCapacity(sightings.count)
            var old = 0
            var new = 0
            // On a tie the earlier sighting goes first, as a stable sort of the whole would put it.
            while old < orderedSightings && new < added.count {
                if Sighting.ordered(added[new], sightings[old]) {
                    merged.append(added[new])
                    new += 1
                } else {
                    merged.append(sightings[old])
                    old += 1
                }
            }
            merged += sightings[old..<orderedSightings]
            merged += added[new...]
            sightings = merged
        }
        orderedSightings = sightings.count
    }

    /// Runs the end-of-stream passes.
    /// - Returns: the findings, their evidence still as references.
    public func finish() -> ReconciliationDraft {
        var draft = ReconciliationDraft(since: configuration.since)
        let pass = FinishPass(run: self)
        pass.shipments(into: &draft)
        pass.balances(into: &draft)
        pass.licences(into: &draft)
        pass.serialised(into: &draft)
        return draft
    }
}

extension Reconciliation {
    /// A shipment or a receipt.
    struct Movement: Sendable {
        var evidence: EvidenceReference
        var source: Int32
        var destination: Int32
        var epcs: [Int32]
        var quantities: [Amount]
        var transactions: [Int32]
    }

    /// A quantity of a class.
    struct Amount: Sendable {
        var key: Int32
        var quantity: Double?
        var uom: Int32
    }

    /// One lot at one location in one unit.
    struct Position: Hashable, Sendable {
        var location: Int32
        var key: Int32
        var uom: Int32
    }

    /// The running balance of a position and the events that moved it.
    struct Balance: Sendable {
        var amount = 0.0
        var evidence: [EvidenceReference] = []

        mutating func post(_ quantity: Double, _ event: EvidenceReference) {
            amount += quantity
            evidence.append(event)
        }
    }

    /// Who owns a location, as of which event.
    struct Ownership: Sendable {
        var evidence: EvidenceReference
        var order: Int8
        var party: Int32
    }

    /// One identifier named by one event (or, with ``mark``, the sale or end of an item by that event).
    struct Sighting: Sendable {
        static let saleEvent: UInt8 = 1
        static let ending: UInt8 = 2
        static let mark: UInt8 = 4

        var key: Int32
        var location: Int32
        var flags: UInt8
        var evidence: EvidenceReference

        /// Per identifier, by time, then event, then the sightings of an event before its marks.
        static func ordered(_ lhs: Self, _ rhs: Self) -> Bool {
            (lhs.key, lhs.evidence.time, lhs.evidence.reference, lhs.flags & mark)
                < (rhs.key, rhs.evidence.time, rhs.evidence.reference, rhs.flags & mark)
        }
    }
}

/// Strings kept once, by a dense number: every name's UTF-8 bytes in one buffer, found again through an
/// open-addressing table of numbers. Millions of identifiers cost their bytes and about 20 bytes each, where a
/// `[String: Int32]` and a `[String]` would hold two String values and a heap object per name.
struct Symbols: Sendable {
    private var bytes: [UInt8] = []
    /// Where each name starts in `bytes`; one more entry than names, for the end of the last.
    private var starts: [Int] = [0]
    private var hashes: [UInt32] = []
    /// Name numbers by hash slot, −1 for an empty slot; never more than half full.
    private var table = [Int32](repeating: -1, count: 1 << 10)

    /// How many names there are.
    var count: Int { hashes.count }

    init() {}

    /// The number of a string, given one on first sight.
    mutating func id(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { id(utf8: $0) }
    }

    private mutating func id(utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(utf8)
        let mask = table.count - 1
        var slot = Int(hash) & mask
        while true {
            let number = table[slot]
            if number < 0 { break }
            if hashes[Int(number)] == hash && equals(number, utf8) { return number }
            slot = (slot + 1) & mask
        }
        let number = Int32(hashes.count)
        bytes.append(contentsOf: utf8)
        starts.append(bytes.count)
        hashes.append(hash)
        table[slot] = number
        if hashes.count * 2 > table.count { grow() }
        return number
    }

    private func equals(_ number: Int32, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[Int(number)]
        let end = starts[Int(number) + 1]
        guard end - start == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            utf8.isEmpty || memcmp(all.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0
        }
    }

    private mutating func grow() { rebuildTable(size: table.count * 2) }

    /// Places every name in a table of `size` slots.
    private mutating func rebuildTable(size: Int) {
        table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for number in hashes.indices {
            var slot = Int(hashes[number]) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(number)
        }
    }

    /// FNV-1a, 32 bits: the table needs spread, not secrecy (the names are the store's own identifiers).
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    /// Writes the names, their hashes and the table, for ``init(from:)``.
    func write(to out: inout CheckpointWriter) throws {
        try out.put(UInt64(bytes.count))
        try bytes.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: all.count, by: 1 << 20) {
                try out.put(bytes: UnsafeBufferPointer(rebasing: all[start..<min(start + (1 << 20), all.count)]))
            }
        }
        try out.put(UInt64(hashes.count))
        for index in hashes.indices {
            try out.put(UInt32(starts[index + 1] - starts[index]))
            try out.put(hashes[index])
        }
    }

    /// Reads back what ``write(to:)`` wrote; the table is built again from the hashes.
    init(from input: inout CheckpointReader) throws {
        let total = Int(try input.get(UInt64.self))
        bytes.reserveCapacity(total)
        while bytes.count < total { bytes += try input.bytes() }
        let count = Int(try input.get(UInt64.self))
        starts.reserveCapacity(count + 1)
        hashes.reserveCapacity(count)
        for _ in 0..<count {
            starts.append(starts[starts.count - 1] + Int(try input.get(UInt32.self)))
            hashes.append(try input.get(UInt32.self))
        }
        guard starts[starts.count - 1] == bytes.count else { throw CheckpointError.notACheckpoint }
        var size = 1 << 10
        while count * 2 > size { size *= 2 }
        rebuildTable(size: size)
    }

    /// The string of a number.
    subscript(_ number: Int32) -> String {
        String(decoding: bytes[starts[Int(number)]..<starts[Int(number) + 1]], as: UTF8.self)
    }

    /// The string of a number, nil for −1 (none).
    func name(_ number: Int32) -> String? { number >= 0 ? self[number] : nil }
}
