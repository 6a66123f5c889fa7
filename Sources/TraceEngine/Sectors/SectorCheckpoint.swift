public import EPCIS
public import Foundation

/// What the sector pass keeps between runs: the events its selection names (``SectorRules/selection``), what it
/// followed from them (``SectorLineage``) and the IDs of events declared erroneous, up to the last event it scanned,
/// so that the next run decodes only the bodies captured since (docs/decisions/0017-sector-rules.md, "Checkpoint").
///
/// Which events are selected depends on the master data and on the configuration's categories
/// (``SectorRules/matters(_:)``): the checkpoint carries a digest of both, and a run under other master data or
/// categories reads every selected event again.
/// The clock, `since` and the limits are applied when findings are made, so a checkpoint serves any of them.
public struct SectorCheckpoint: Hashable, Sendable {
    /// The version of the byte layout and of what it keeps; a checkpoint of another one is not restored (format 1
    /// kept every transformation, aggregation and ADD besides the selected events, format 2 no lineage).
    static let format: UInt32 = 3
    /// "SYSC", the first four bytes.
    static let magic: UInt32 = 0x5359_5343

    /// The last store reference (capture order) the state covers.
    public var lastReference: Int64
    /// The digest of the master data and categories the events were kept under (``SectorRules/digest``).
    public var digest: [UInt8]
    /// The kept events, in capture order.
    public var events: [SectorEvent]
    /// The IDs of events declared erroneous.
    public var declared: Set<String>
    /// What the run followed from the kept events, up to the same reference.
    public var lineage: SectorLineage

    /// Makes a state.
    public init(
        lastReference: Int64, digest: [UInt8], events: [SectorEvent], declared: Set<String>,
        lineage: SectorLineage = SectorLineage()
    ) {
        self.lastReference = lastReference
        self.digest = digest
        self.events = events
        self.declared = declared
        self.lineage = lineage
    }

    /// The state as bytes, a part of at most `partSize` bytes at a time.
    public func parts(partSize: Int = 8 << 20) throws -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var out = CheckpointWriter(partSize: partSize) { parts.append([UInt8]($0)) }
        try out.put(Self.magic)
        try out.put(Self.format)
        try out.put(lastReference)
        try digest.withUnsafeBufferPointer { try out.put(bytes: $0) }
        try out.put(UInt32(declared.count))
        for id in declared.sorted() { try out.put(id) }
        try out.put(UInt32(events.count))
        for event in events { try out.put(event) }
        try out.put(UInt32(lineage.events.count))
        for event in lineage.events { try out.put(event) }
        try out.put(lineage.keys.sorted())
        try out.put(lineage.places.sorted())
        try out.flush()
        return parts
    }

    /// Reads a state written by ``parts(partSize:)``.
    /// - Returns: the state, or nil if it was written in another format.
    /// - Throws: ``CheckpointError`` if the bytes end early or do not hold a state.
    public static func restore(_ parts: [[UInt8]]) throws -> SectorCheckpoint? {
        var next = parts.makeIterator()
        var input = CheckpointReader { next.next() }
        guard try input.get(UInt32.self) == magic else { throw CheckpointError.notACheckpoint }
        guard try input.get(UInt32.self) == format else { return nil }
        let lastReference = try input.get(Int64.self)
        let digest = [UInt8](try input.bytes())
        var declared: Set<String> = []
        for _ in 0..<(try input.count()) { declared.insert(try input.string()) }
        let count = try input.count()
        var events: [SectorEvent] = []
        events.reserveCapacity(count)
        for _ in 0..<count { events.append(try input.sectorEvent()) }
        var lineage = SectorLineage()
        let followed = try input.count()
        lineage.events.reserveCapacity(followed)
        for _ in 0..<followed { lineage.events.append(try input.sectorEvent()) }
        lineage.keys = Set(try input.strings())
        lineage.places = Set(try input.strings())
        guard try input.atEnd() else { throw CheckpointError.trailingBytes }
        return SectorCheckpoint(
            lastReference: lastReference, digest: digest, events: events, declared: declared, lineage: lineage)
    }
}

extension SectorRules {
    /// The digest a checkpoint is kept under: SHA-256 of every element's Suyuan attributes and location owner, and of
    /// the categories the configuration gives intervals or ranges, in a fixed order.
    public var digest: [UInt8] {
        var hash = EPCIS.SHA256()
        func add(_ text: String) {
            hash.update(text)
            hash.update([0])
        }
        for (key, attributes) in masterData.elements.sorted(by: { $0.key < $1.key }) {
            add(key)
            for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
                add(name)
                add(value)
            }
            add("")
        }
        add("owners")
        for (location, owner) in masterData.locationOwners.sorted(by: { $0.key < $1.key }) {
            add(location)
            add(owner)
        }
        let categories: [[String]] = [
            Array(configuration.maintenanceIntervals.keys), Array(configuration.inspectionIntervals.keys),
            Array(configuration.temperatureRanges.keys),
        ]
        for categories in categories {
            add("categories")
            for category in categories.sorted() { add(category) }
        }
        return hash.finalize()
    }
}

extension CheckpointWriter {
    mutating func put(optional value: String?) throws {
        try put(value != nil)
        if let value { try put(value) }
    }

    mutating func put(_ list: [String]) throws {
        try put(UInt32(list.count))
        for value in list { try put(value) }
    }

    mutating func put(_ list: [TraceQuantity]) throws {
        try put(UInt32(list.count))
        for element in list {
            try put(element.key)
            try put(element.quantity != nil)
            try put(element.quantity ?? 0)
            try put(optional: element.uom)
        }
    }

    mutating func put(_ sector: SectorEvent) throws {
        let event = sector.facts
        try put(event.id)
        try put(event.type.rawValue)
        try put(event.time.timeIntervalSinceReferenceDate)
        try put(optional: event.action?.rawValue)
        try put(optional: event.bizStep)
        try put(optional: event.disposition)
        try put(event.epcs)
        try put(event.quantities)
        try put(optional: event.parent)
        try put(event.children)
        try put(event.childQuantities)
        try put(event.inputs)
        try put(event.inputQuantities)
        try put(event.outputs)
        try put(event.outputQuantities)
        for party in [event.sourceParty, event.sourceLocation, event.destinationParty, event.destinationLocation,
                      event.bizLocation] {
            try put(optional: party)
        }
        try put(event.bizTransactions)
        try put(UInt32(event.labels.count))
        for (key, label) in event.labels.sorted(by: { $0.key < $1.key }) {
            try put(key)
            try put(label)
        }
        try put(UInt32(sector.readings.count))
        for reading in sector.readings {
            try put(reading.time.timeIntervalSinceReferenceDate)
            try put(UInt32(reading.values.count))
            for value in reading.values { try put(value) }
            try put(optional: reading.uom)
        }
    }
}

extension CheckpointReader {
    mutating func optionalString() throws -> String? {
        try get(Bool.self) ? try string() : nil
    }

    mutating func strings() throws -> [String] {
        let count = try count()
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try string()) }
        return list
    }

    mutating func quantities() throws -> [TraceQuantity] {
        let count = try count()
        var list: [TraceQuantity] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            let has = try get(Bool.self)
            let quantity = try get(Double.self)
            list.append(TraceQuantity(key: key, quantity: has ? quantity : nil, uom: try optionalString()))
        }
        return list
    }

    mutating func sectorEvent() throws -> SectorEvent {
        let id = try string()
        guard let type = EventType(rawValue: try string()) else { throw CheckpointError.notACheckpoint }
        let time = Date(timeIntervalSinceReferenceDate: try get(Double.self))
        let action = try optionalString().map { text -> Action in
            guard let action = Action(rawValue: text) else { throw CheckpointError.notACheckpoint }
            return action
        }
        var event = TraceEvent(
            id: id, type: type, time: time, action: action, bizStep: try optionalString(),
            disposition: try optionalString())
        event.epcs = try strings()
        event.quantities = try quantities()
        event.parent = try optionalString()
        event.children = try strings()
        event.childQuantities = try quantities()
        event.inputs = try strings()
        event.inputQuantities = try quantities()
        event.outputs = try strings()
        event.outputQuantities = try quantities()
        event.sourceParty = try optionalString()
        event.sourceLocation = try optionalString()
        event.destinationParty = try optionalString()
        event.destinationLocation = try optionalString()
        event.bizLocation = try optionalString()
        event.bizTransactions = try strings()
        for _ in 0..<(try count()) { event.labels[try string()] = try string() }
        var readings: [SectorEvent.Reading] = []
        for _ in 0..<(try count()) {
            let time = Date(timeIntervalSinceReferenceDate: try get(Double.self))
            var values: [Double] = []
            for _ in 0..<(try count()) { values.append(try get(Double.self)) }
            readings.append(SectorEvent.Reading(time: time, values: values, uom: try optionalString()))
        }
        return SectorEvent(facts: event, readings: readings)
    }
}
