import Foundation
import Testing
@testable import TraceEngine

/// A reconciliation's state written as a checkpoint and read back goes on as if it had never stopped; bytes that do
/// not hold a state are refused with the rule they break, and a state gathered under other licences is not used.
@Suite struct ReconciliationCheckpointTests {
    static let world = DemoWorldFixture(seed: 2, events: 2_000, anomalyRate: 0.5)

    /// The world's events in time order, each with its position as reference.
    static var ordered: [TraceEvent] { world.traceEvents.sorted { ($0.time, $0.id) < ($1.time, $1.id) } }

    static func reconciler(_ registry: PartyRegistry = world.registry) -> Reconciler {
        Reconciler(registry: registry, now: { world.end.addingTimeInterval(72 * 3_600) })
    }

    /// The state after the first `count` events.
    static func state(after count: Int, _ reconciler: Reconciler = reconciler()) -> Reconciliation {
        var run = Reconciliation(reconciler)
        for (index, event) in ordered.prefix(count).enumerated() { run.add(event, reference: Int64(index)) }
        return run
    }

    /// A state's checkpoint in parts of `size` bytes.
    static func parts(_ run: Reconciliation, size: Int) throws -> [[UInt8]] {
        var parts: [[UInt8]] = []
        try run.checkpoint(partSize: size) { parts.append(Array($0)) }
        return parts
    }

    static func restore(_ parts: [[UInt8]], _ reconciler: Reconciler = reconciler()) throws -> Reconciliation? {
        var rest = parts[...]
        return try Reconciliation.restore(for: reconciler) { rest.popFirst() }
    }

    /// Findings as comparable text, evidence included.
    static func text(_ draft: ReconciliationDraft) -> [String] {
        draft.resolve(eventID: { "e\($0)" }, labels: [:]).map {
            "\($0.kind) \($0.identifier) \($0.from ?? "") \($0.to ?? "") \($0.expected ?? -1) \($0.actual ?? -1) \($0.events)"
        }
    }

    @Test("a state restored from its checkpoint, in parts of any size, and fed the rest finds what one run finds",
          arguments: [97, 4_096, 8 << 20])
    func roundTrip(partSize: Int) throws {
        // Given the state after half the events, written in parts and read back
        let events = Self.ordered
        let half = events.count / 2
        // (its sightings put in order, as a run does before it keeps a checkpoint)
        var first = Self.state(after: half)
        first.orderSightings()
        let parts = try Self.parts(first, size: partSize)
        #expect(parts.dropLast().allSatisfy { $0.count >= partSize })
        var restored = try #require(try Self.restore(parts))
        #expect(restored.eventCount == half && restored.lastReference == Int64(half - 1))
        // When the other half is added
        for (index, event) in events.enumerated().dropFirst(half) { restored.add(event, reference: Int64(index)) }
        // Then it finds what a run over every event finds, evidence and figures included, whether the sightings are
        // put in order (the old ones merged with the new) or sorted whole by the finish
        let wholeRun = Self.state(after: events.count)
        let whole = wholeRun.finish()
        #expect(!whole.entries.isEmpty)
        #expect(Self.text(restored.finish()) == Self.text(whole))
        restored.orderSightings()
        #expect(restored.orderedSightings == restored.sightings.count)
        #expect(Self.text(restored.finish()) == Self.text(whole))
        let sorted = wholeRun.sightings.sorted(by: Reconciliation.Sighting.ordered)
        #expect(restored.sightings.map(\.evidence) == sorted.map(\.evidence))
        #expect(restored.sightings.map(\.key) == sorted.map(\.key))
        // And its own checkpoint is byte for byte the whole run's (dictionaries aside, the same size)
        let again = try Self.parts(restored, size: 8 << 20).joined().count
        #expect(again == (try Self.parts(Self.state(after: events.count), size: 8 << 20).joined().count))
    }

    @Test("a checkpoint is restored only for a registry that answers the same for every party and location its events named")
    func otherRegistry() throws {
        // Given the state after the first 500 events, a party that ships in them and a location they name
        let parts = try Self.parts(Self.state(after: 500), size: 1 << 16)
        let early = Self.ordered.prefix(500)
        let shipper = try #require(early.first { $0.bizStep == "shipping" }?.sourceParty)
        let place = try #require(early.compactMap(\.bizLocation).first { Self.world.registry.locationOwners[$0] != nil })
        // Then a registry that suspends that party, or gives that location another owner, gets no state
        var suspended = Self.world.registry
        suspended.parties[shipper]?.licenceStatus = "suspended"
        #expect(try Self.restore(parts, Self.reconciler(suspended)) == nil)
        var moved = Self.world.registry
        moved.locationOwners[place] = "urn:epc:id:pgln:6999999.00001"
        #expect(try Self.restore(parts, Self.reconciler(moved)) == nil)
        // And one that registers a new suspended party and a new location, or a product category, gets it
        var grown = Self.world.registry
        grown.parties["urn:epc:id:pgln:6999998.00001"] = PartyRegistry.Party(licenceStatus: "revoked", blacklisted: false)
        grown.locationOwners["urn:epc:id:sgln:6999998.00000.0"] = "urn:epc:id:pgln:6999998.00001"
        grown.categories["06999999000019"] = "meat"
        #expect(try Self.restore(parts, Self.reconciler(grown)) != nil)
        // And a state gathered while every party was licensed (no licence answers kept) serves only such a registry
        var clean = Self.world.registry
        for key in clean.parties.keys { clean.parties[key] = PartyRegistry.Party(licenceStatus: "active", blacklisted: false) }
        let cleanParts = try Self.parts(Self.state(after: 500, Self.reconciler(clean)), size: 1 << 16)
        #expect(try Self.restore(cleanParts, Self.reconciler(clean)) != nil)
        #expect(try Self.restore(cleanParts, Self.reconciler(Self.world.registry)) == nil)
        // (and a state with licence answers serves a registry where every party is licensed again)
        #expect(try Self.restore(parts, Self.reconciler(clean)) != nil)
    }

    @Test("a checkpoint cut into parts anywhere, values split across them, reads back the same state")
    func splitAnywhere() throws {
        let run = Self.state(after: 800)
        let bytes = try Self.parts(run, size: 1 << 30).joined().map { $0 }
        let pieces = stride(from: 0, to: bytes.count, by: 7).map { Array(bytes[$0..<min($0 + 7, bytes.count)]) }
        let restored = try #require(try Self.restore(pieces))
        #expect(restored.eventCount == 800 && Self.text(restored.finish()) == Self.text(run.finish()))
        #expect(try Self.parts(restored, size: 1 << 30).joined().count == bytes.count)
    }

    @Test("bytes that end early, run on, or are not a checkpoint are refused, each with its rule")
    func refused() throws {
        let bytes = try Self.parts(Self.state(after: 300), size: 1 << 30).joined().map { $0 }
        #expect(throws: CheckpointError.truncated) { try Self.restore([Array(bytes.dropLast(5))]) }
        #expect(throws: CheckpointError.trailingBytes) { try Self.restore([bytes, [0]]) }
        var other = bytes
        other[0] ^= 0xFF
        #expect(throws: CheckpointError.notACheckpoint) { try Self.restore([other]) }
        #expect(CheckpointError.truncated.description.contains("end in the middle"))
        // A checkpoint of another format version is not restored (the next run reads every event)
        var older = bytes
        older[4] &+= 1
        #expect(try Self.restore([older]) == nil)
        // And a state that is not what the store recorded beside it (events, last reference, parts) is refused
        let record = CheckpointRecord(lastReference: 299, eventCount: 300, parts: 1)
        func restore(_ recorded: CheckpointRecord) throws -> Reconciliation? {
            var rest = [bytes][...]
            return try Reconciliation.restore(for: Self.reconciler(), recorded: recorded) { rest.popFirst() }
        }
        #expect(try restore(record)?.eventCount == 300)
        for other in [
            CheckpointRecord(lastReference: 300, eventCount: 300, parts: 1),
            CheckpointRecord(lastReference: 299, eventCount: 301, parts: 1),
            CheckpointRecord(lastReference: 299, eventCount: 300, parts: 2),
        ] {
            #expect(throws: CheckpointError.notACheckpoint) { try restore(other) }
        }
    }
}
