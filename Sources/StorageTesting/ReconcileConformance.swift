import DemoChains
public import EPCIS
import Foundation
import Synchronization
public import Storage
import Testing
public import TraceEngine

/// The reconciliation scenario every store that is a ``TraceEngine/ReconcileSource`` must pass: the findings it
/// streams from its own columns are the findings over the same events decoded in memory.
public enum ReconcileConformance {
    /// Captures a demo world with many anomalies into an empty store, then reconciles it in full and from two
    /// later times on, from the store and over the decoded events, and compares the findings: in full with their
    /// figures, event IDs and labels; with `since`, the same identifiers (their evidence holds only the events read),
    /// from fewer events.
    /// - Parameters:
    ///   - store: an empty store.
    ///   - registry: reads the store's party registry (after the world's master data is captured).
    public static func streamedAgreesWithMemory(
        _ store: some EventStore & ReconcileSource, registry: () async throws -> PartyRegistry
    ) async throws {
        // Given a demo world with anomalies in the store, and the same events decoded in memory
        let (generator, documents) = try await world(into: store, seed: 21, events: 1_200, perDocument: 400)
        for document in documents { _ = try await store.capture(document, context: CaptureContext()) }
        let events = documents.flatMap(\.events)
        let parties = try await registry()
        let end = generator.latestEventTime.addingTimeInterval(72 * 3_600)
        let decoded = events.map { TraceEvent($0) }
        let times = events.map(\.eventTime.date).sorted()
        for since in [nil, times[times.count / 2], times[times.count * 9 / 10]] {
            // When it is reconciled from the store, and over the decoded events
            let reconciler = Reconciler(configuration: .init(since: since), registry: parties, now: { end })
            let reported = Mutex<[Int]>([])
            let report = try await reconciler.reconcile(store) { count in
                reported.withLock { $0.append(count) }
            }
            let (streamed, read) = (report.findings, report.eventsRead)
            let inMemory = reconciler.reconcile(decoded)
            // Then the findings are the same (events at the same time come in capture order from the store, in
            // event ID order in memory)
            func normal(_ findings: [Finding]) -> Set<String> {
                Set(findings.map {
                    since != nil ? "\($0.kind) \($0.key)"
                        : "\($0.kind) \($0.identifier) \($0.from ?? "") \($0.to ?? "") \($0.expected ?? -1) "
                            + "\($0.actual ?? -1) \($0.uom ?? "") \($0.events.sorted())"
                })
            }
            #expect(!streamed.isEmpty)
            #expect(streamed.count == inMemory.count)
            #expect(normal(streamed).subtracting(normal(inMemory)) == [])
            #expect(normal(inMemory).subtracting(normal(streamed)) == [])
            // And with since the store read fewer events; the progress rose page by page to the events read
            #expect(since == nil ? read == events.count : read < events.count)
            let counts = reported.withLock { $0 }
            #expect(!counts.isEmpty && counts.last == read && zip(counts, counts.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    /// Captures half a demo world and reconciles it (the store keeps the state), captures the rest and
    /// reconciles again: the second run restores the state, reads only the events captured since, and finds what a
    /// run from scratch and a run over the decoded events find. A run with nothing new reads nothing and keeps no
    /// new state; a registry with other licences makes the run start from nothing.
    /// - Parameters:
    ///   - store: an empty store.
    ///   - registry: reads the store's party registry (after the world's master data is captured).
    public static func checkpointAgreesWithFullRun(
        _ store: some EventStore & ReconcileSource, registry: () async throws -> PartyRegistry
    ) async throws {
        // Given half a demo world with anomalies in the store, reconciled once
        let (generator, documents) = try await world(into: store, seed: 33, events: 1_600, perDocument: 200)
        let half = documents.count / 2
        for document in documents[..<half] { _ = try await store.capture(document, context: CaptureContext()) }
        let parties = try await registry()
        let end = generator.latestEventTime.addingTimeInterval(72 * 3_600)
        let reconciler = Reconciler(registry: parties, now: { end })
        let first = try await reconciler.reconcile(store)
        let firstEvents = documents[..<half].reduce(0) { $0 + $1.events.count }
        #expect(first.restoredEvents == nil && first.eventsRead == firstEvents && first.savedCheckpoint)

        // When the rest is captured and it is reconciled again, and again from scratch
        for document in documents[half...] { _ = try await store.capture(document, context: CaptureContext()) }
        let allEvents = documents.reduce(0) { $0 + $1.events.count }
        let continued = try await reconciler.reconcile(store)
        let scratch = try await reconciler.reconcile(store, checkpoint: .fromScratch)
        let inMemory = reconciler.reconcile(documents.flatMap(\.events).map { TraceEvent($0) })

        // Then the second run read only the new events, and all three agree with the run over decoded events
        #expect(continued.restoredEvents == firstEvents)
        #expect(continued.eventsRead == allEvents - firstEvents && continued.events == allEvents)
        #expect(scratch.restoredEvents == nil && scratch.eventsRead == allEvents && scratch.savedCheckpoint)
        func normal(_ findings: [Finding]) -> [String] {
            findings.map {
                "\($0.kind) \($0.identifier) \($0.from ?? "") \($0.to ?? "") \($0.expected ?? -1) \($0.actual ?? -1) "
                    + "\($0.uom ?? "") \($0.events.sorted())"
            }.sorted()
        }
        #expect(!continued.findings.isEmpty)
        #expect(normal(continued.findings) == normal(scratch.findings))
        #expect(normal(continued.findings) == normal(inMemory))

        // And a run with nothing new reads nothing and keeps no new state
        let idle = try await reconciler.reconcile(store)
        #expect(idle.restoredEvents == allEvents && idle.eventsRead == 0 && !idle.savedCheckpoint)
        #expect(normal(idle.findings) == normal(scratch.findings))

        // And a registry that only adds a revoked party no event names still goes on from the state
        var grown = parties
        grown.parties["urn:epc:id:pgln:6999998.00001"] = PartyRegistry.Party(licenceStatus: "revoked", blacklisted: false)
        let newcomer = try await Reconciler(registry: grown, now: { end }).reconcile(store)
        #expect(newcomer.restoredEvents == allEvents && newcomer.eventsRead == 0)

        // And under a registry that suspends a party that ships, the state is not used: every event is read, and the
        // suspended party's shipments are found
        let shipper = try #require(
            documents.flatMap(\.events).lazy.compactMap { TraceEvent($0) }.first { $0.bizStep == "shipping" }?.sourceParty)
        var suspended = parties
        suspended.parties[shipper] = PartyRegistry.Party(licenceStatus: "suspended", blacklisted: false)
        let strict = Reconciler(registry: suspended, now: { end })
        let restarted = try await strict.reconcile(store)
        #expect(restarted.restoredEvents == nil && restarted.eventsRead == allEvents)
        #expect(restarted.findings.contains { $0.kind == .unlicensedParty })
        #expect(normal(restarted.findings) == normal(strict.reconcile(documents.flatMap(\.events).map { TraceEvent($0) })))
    }

    /// A demo world with many anomalies, its master data captured into `store`, its documents not yet.
    private static func world(
        into store: some EventStore, seed: UInt64, events: Int, perDocument: Int
    ) async throws -> (DemoGenerator, [EPCISDocument]) {
        var generator = DemoGenerator(
            DemoConfiguration(seed: seed, targetEvents: events, anomalyRate: 0.5, eventsPerDocument: perDocument))
        _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
        var documents: [EPCISDocument] = []
        while let document = generator.nextDocument() { documents.append(document) }
        return (generator, documents)
    }
}
