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
        var generator = DemoGenerator(
            DemoConfiguration(seed: 21, targetEvents: 1_200, anomalyRate: 0.5, eventsPerDocument: 400))
        _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
        var events: [EPCISEvent] = []
        while let document = generator.nextDocument() {
            _ = try await store.capture(document, context: CaptureContext())
            events += document.events
        }
        let parties = try await registry()
        let end = generator.latestEventTime.addingTimeInterval(72 * 3_600)
        let decoded = events.map { TraceEvent($0) }
        let times = events.map(\.eventTime.date).sorted()
        for since in [nil, times[times.count / 2], times[times.count * 9 / 10]] {
            // When it is reconciled from the store, and over the decoded events
            let reconciler = Reconciler(configuration: .init(since: since), registry: parties, now: { end })
            let reported = Mutex<[Int]>([])
            let (streamed, read) = try await reconciler.reconcile(store) { count in
                reported.withLock { $0.append(count) }
            }
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
}
