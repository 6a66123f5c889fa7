import Foundation

/// A reconciliation's state kept between runs: everything ``Reconciliation/add(_:reference:)`` has gathered, written
/// as bytes a part at a time and read back the same way, so that the next run folds only the events captured since
/// (docs/decisions/0011-reconcile-checkpoint.md).
///
/// The state depends on the registry in one way only: whether each party met is licensed and who owns each business
/// location met decide what the licence rule records as events come. A checkpoint is restored only for a registry
/// that answers the same for every party and location its events named (``agrees(with:)``); the rules'
/// configuration and the clock are read at the end, so a checkpoint serves any of them.
extension Reconciliation {
    /// The version of the byte layout; a checkpoint of another one is not restored.
    static let checkpointFormat: UInt32 = 1
    /// "SYRC", the first four bytes of a checkpoint.
    static let checkpointMagic: UInt32 = 0x5359_5243

    /// The largest reference added so far, −1 before the first: the next run reads the events after it.
    public var lastReference: Int64 { latestReference }

    /// Whether the state is the one a fold under `registry` would have gathered from the same events: the licence
    /// rule asked the registry, as events came, whether each party it met is licensed and who owns each business
    /// location it met, and recorded evidence by the answers. They must be the same now; parties and locations no
    /// event has named yet do not matter. A state gathered while no party was unlicensed recorded no answers, so it
    /// serves only a registry where none is; any state serves such a registry.
    func agrees(with registry: PartyRegistry) -> Bool {
        // Where every party is licensed the licence rule records nothing, and what it recorded is not read.
        guard registry.parties.values.contains(where: { !$0.isLicensed }) else { return true }
        guard checksLicences else { return false }
        for (party, verdict) in unlicensed where (registry.parties[symbols[party]].map { !$0.isLicensed } ?? false) != verdict {
            return false
        }
        for (place, owner) in registeredOwners where registry.locationOwners[symbols[place]] != symbols.name(owner) {
            return false
        }
        return true
    }

    /// Writes the state, a part of at most `partSize` bytes at a time.
    /// - Parameters:
    ///   - partSize: the most bytes handed over at once.
    ///   - part: takes each part, in order.
    /// - Throws: what `part` throws.
    public func checkpoint(partSize: Int = 8 << 20, _ part: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(part) { part in
            var out = CheckpointWriter(partSize: partSize, part)
            try write(to: &out)
        }
    }

    private func write(to out: inout CheckpointWriter) throws {
        try out.put(Self.checkpointMagic)
        try out.put(Self.checkpointFormat)
        try out.put(checksLicences)
        try out.put(Int64(eventCount))
        try out.put(latestReference)
        try symbols.write(to: &out)
        for list in [shipments, receipts] {
            try out.put(UInt32(list.count))
            for movement in list { try out.put(movement) }
        }
        try out.put(UInt32(balances.count))
        for (position, balance) in balances {
            try out.put(position.location)
            try out.put(position.key)
            try out.put(position.uom)
            try out.put(balance.amount)
            try out.put(balance.evidence)
        }
        try out.put(UInt32(owners.count))
        for (location, ownership) in owners {
            try out.put(location)
            try out.put(ownership.evidence)
            try out.put(ownership.order)
            try out.put(ownership.party)
        }
        try out.put(UInt32(unlicensed.count))
        for (party, verdict) in unlicensed {
            try out.put(party)
            try out.put(verdict)
        }
        try out.put(UInt32(registeredOwners.count))
        for (place, owner) in registeredOwners {
            try out.put(place)
            try out.put(owner)
        }
        try out.put(UInt32(licenceEvidence.count))
        for (party, evidence) in licenceEvidence {
            try out.put(party)
            try out.put(evidence)
        }
        try out.put(UInt32(unownedPlaces.count))
        for place in unownedPlaces {
            try out.put(place.location)
            try out.put(place.source)
            try out.put(place.destination)
            try out.put(place.evidence)
        }
        try out.put(UInt64(sightings.count))
        try out.put(UInt64(orderedSightings))
        for sighting in sightings {
            try out.put(sighting.key)
            try out.put(sighting.location)
            try out.put(sighting.flags)
            try out.put(sighting.evidence)
        }
        try out.flush()
    }

    /// Restores a state written by ``checkpoint(partSize:_:)`` for a run of `reconciler`.
    /// - Parameters:
    ///   - reconciler: the reconciler of the run that goes on from the state.
    ///   - nextPart: the parts, in order; nil after the last.
    /// - Returns: the state, or nil if it was written in another format or under other registry facts.
    /// - Throws: ``CheckpointError`` if the bytes end early or do not hold a state; what `nextPart` throws.
    ///   - recorded: what the store recorded beside the bytes when it kept them; a state that does not match it
    ///     (other parts, events or last reference) is refused as ``CheckpointError/notACheckpoint``.
    public static func restore(
        for reconciler: Reconciler, recorded: CheckpointRecord? = nil, parts nextPart: () throws -> [UInt8]?
    ) throws -> Reconciliation? {
        var read = 0
        let run = try withoutActuallyEscaping(nextPart) { nextPart in
            var input = CheckpointReader {
                let part = try nextPart()
                if part != nil { read += 1 }
                return part
            }
            return try restore(for: reconciler, from: &input)
        }
        if let run, let recorded,
           recorded != CheckpointRecord(lastReference: run.lastReference, eventCount: run.eventCount, parts: read) {
            throw CheckpointError.notACheckpoint
        }
        return run
    }

    private static func restore(for reconciler: Reconciler, from input: inout CheckpointReader) throws -> Reconciliation? {
        guard try input.get(UInt32.self) == checkpointMagic else { throw CheckpointError.notACheckpoint }
        guard try input.get(UInt32.self) == checkpointFormat else { return nil }
        var run = Reconciliation(reconciler)
        run.checksLicences = try input.get(Bool.self)
        run.eventCount = Int(try input.get(Int64.self))
        run.latestReference = try input.get(Int64.self)
        run.symbols = try Symbols(from: &input)
        for kind in 0..<2 {
            let count = try input.count()
            var list: [Movement] = []
            list.reserveCapacity(count)
            for _ in 0..<count { list.append(try input.movement()) }
            if kind == 0 { run.shipments = list } else { run.receipts = list }
        }
        for shipment in run.shipments { run.shippedTransactions.formUnion(shipment.transactions) }
        for (index, receipt) in run.receipts.enumerated() {
            for transaction in receipt.transactions {
                run.receiptsByTransaction[transaction, default: []].append(Int32(index))
            }
        }
        let balances = try input.count()
        run.balances.reserveCapacity(balances)
        for _ in 0..<balances {
            let position = Position(
                location: try input.get(Int32.self), key: try input.get(Int32.self), uom: try input.get(Int32.self))
            run.balances[position] = Balance(amount: try input.get(Double.self), evidence: try input.evidence())
        }
        for _ in 0..<(try input.count()) {
            let location = try input.get(Int32.self)
            run.owners[location] = Ownership(
                evidence: try input.reference(), order: try input.get(Int8.self), party: try input.get(Int32.self))
        }
        for _ in 0..<(try input.count()) { run.unlicensed[try input.get(Int32.self)] = try input.get(Bool.self) }
        for _ in 0..<(try input.count()) { run.registeredOwners[try input.get(Int32.self)] = try input.get(Int32.self) }
        for _ in 0..<(try input.count()) { run.licenceEvidence[try input.get(Int32.self)] = try input.evidence() }
        for _ in 0..<(try input.count()) {
            run.unownedPlaces.append((
                location: try input.get(Int32.self), source: try input.get(Int32.self),
                destination: try input.get(Int32.self), evidence: try input.reference()))
        }
        let sightings = Int(try input.get(UInt64.self))
        let ordered = Int(try input.get(UInt64.self))
        guard ordered <= sightings else { throw CheckpointError.notACheckpoint }
        run.orderedSightings = ordered
        run.sightings.reserveCapacity(sightings)
        for _ in 0..<sightings {
            run.sightings.append(Sighting(
                key: try input.get(Int32.self), location: try input.get(Int32.self), flags: try input.get(UInt8.self),
                evidence: try input.reference()))
        }
        guard try input.atEnd() else { throw CheckpointError.trailingBytes }
        guard run.agrees(with: reconciler.registry) else { return nil }
        // From here on the fold asks the reconciler's registry.
        run.checksLicences = reconciler.registry.parties.values.contains { !$0.isLicensed }
        return run
    }
}

/// What a store records beside a checkpoint's bytes, which the restored state must match.
public struct CheckpointRecord: Hashable, Sendable {
    /// The last reference the state covers.
    public var lastReference: Int64
    /// How many events the state covers.
    public var eventCount: Int
    /// How many parts the bytes were kept in.
    public var parts: Int

    /// Makes a record.
    public init(lastReference: Int64, eventCount: Int, parts: Int) {
        self.lastReference = lastReference
        self.eventCount = eventCount
        self.parts = parts
    }
}

/// A checkpoint's bytes do not hold a reconciliation's state.
public enum CheckpointError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes do not start as a checkpoint does.
    case notACheckpoint
    /// The bytes end in the middle of the state.
    case truncated
    /// Bytes follow the end of the state.
    case trailingBytes

    public var description: String {
        switch self {
        case .notACheckpoint: "reconcile checkpoint: the bytes do not start with the checkpoint mark"
        case .truncated: "reconcile checkpoint: the bytes end in the middle of the state"
        case .trailingBytes: "reconcile checkpoint: bytes follow the end of the state"
        }
    }
}

/// Fixed-size values in little-endian order into parts of a bounded size.
struct CheckpointWriter {
    private var buffer: [UInt8] = []
    private let partSize: Int
    private let part: (UnsafeRawBufferPointer) throws -> Void

    init(partSize: Int, _ part: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.partSize = max(partSize, 64)
        self.part = part
        buffer.reserveCapacity(self.partSize)
    }

    mutating func put<T: FixedWidthInteger>(_ value: T) throws {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= partSize { try flush() }
    }

    mutating func put(_ value: Double) throws { try put(value.bitPattern) }
    mutating func put(_ value: Bool) throws { try put(UInt8(value ? 1 : 0)) }

    mutating func put(_ value: String) throws {
        var value = value
        try value.withUTF8 { try put(bytes: $0) }
    }

    mutating func put(bytes: UnsafeBufferPointer<UInt8>) throws {
        try put(UInt32(bytes.count))
        buffer.append(contentsOf: bytes)
        if buffer.count >= partSize { try flush() }
    }

    mutating func put(_ evidence: EvidenceReference) throws {
        try put(evidence.time.timeIntervalSinceReferenceDate)
        try put(evidence.reference)
    }

    mutating func put(_ list: [EvidenceReference]) throws {
        try put(UInt32(list.count))
        for evidence in list { try put(evidence) }
    }

    mutating func put(_ list: [Int32]) throws {
        try put(UInt32(list.count))
        for value in list { try put(value) }
    }

    mutating func put(_ movement: Reconciliation.Movement) throws {
        try put(movement.evidence)
        try put(movement.source)
        try put(movement.destination)
        try put(movement.epcs)
        try put(UInt32(movement.quantities.count))
        for amount in movement.quantities {
            try put(amount.key)
            try put(amount.uom)
            try put(amount.quantity != nil)
            try put(amount.quantity ?? 0)
        }
        try put(movement.transactions)
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try part($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads back what a ``CheckpointWriter`` wrote, across the parts it wrote.
struct CheckpointReader {
    private var current: [UInt8] = []
    private var offset = 0
    private let next: () throws -> [UInt8]?

    init(_ next: @escaping () throws -> [UInt8]?) { self.next = next }

    /// Makes sure `count` bytes are at `offset` in `current`, joining the rest of this part to the next ones.
    private mutating func need(_ count: Int) throws {
        if current.count - offset >= count { return }
        var joined = Array(current[offset...])
        while joined.count < count {
            guard let part = try next() else { throw CheckpointError.truncated }
            // The writer ends its parts between values, so this is the usual case: the next part, not copied.
            if joined.isEmpty { joined = part } else { joined += part }
        }
        current = joined
        offset = 0
    }

    mutating func get<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try need(MemoryLayout<T>.size)
        let value = current.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func get(_: Double.Type) throws -> Double { Double(bitPattern: try get(UInt64.self)) }
    mutating func get(_: Bool.Type) throws -> Bool { try get(UInt8.self) != 0 }

    mutating func count() throws -> Int { Int(try get(UInt32.self)) }

    mutating func bytes() throws -> ArraySlice<UInt8> {
        let count = try count()
        try need(count)
        defer { offset += count }
        return current[offset..<offset + count]
    }

    mutating func string() throws -> String { String(decoding: try bytes(), as: UTF8.self) }

    mutating func reference() throws -> EvidenceReference {
        EvidenceReference(
            time: Date(timeIntervalSinceReferenceDate: try get(Double.self)), reference: try get(Int64.self))
    }

    mutating func evidence() throws -> [EvidenceReference] {
        let count = try count()
        var list: [EvidenceReference] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try reference()) }
        return list
    }

    mutating func numbers() throws -> [Int32] {
        let count = try count()
        var list: [Int32] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try get(Int32.self)) }
        return list
    }

    mutating func movement() throws -> Reconciliation.Movement {
        let evidence = try reference()
        let source = try get(Int32.self)
        let destination = try get(Int32.self)
        let epcs = try numbers()
        let quantities = try (0..<count()).map { _ in
            let key = try get(Int32.self)
            let uom = try get(Int32.self)
            let known = try get(Bool.self)
            let quantity = try get(Double.self)
            return Reconciliation.Amount(key: key, quantity: known ? quantity : nil, uom: uom)
        }
        return Reconciliation.Movement(
            evidence: evidence, source: source, destination: destination, epcs: epcs, quantities: quantities,
            transactions: try numbers())
    }

    /// Whether every byte has been read.
    mutating func atEnd() throws -> Bool {
        while offset == current.count {
            guard let part = try next() else { return true }
            current = part
            offset = 0
        }
        return false
    }
}
