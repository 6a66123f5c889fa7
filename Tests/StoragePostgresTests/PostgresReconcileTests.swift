import DemoChains
import EPCIS
import Foundation
import Storage
import StoragePostgres
import Testing
import TraceEngine

/// The PostgreSQL store as a reconciliation source: the findings streamed from its index columns are the findings
/// over the same events decoded in memory.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresReconcileTests {
    @Test("a reconciliation streamed from PostgreSQL finds what one over the decoded events finds; with since, from fewer events")
    func streamedAgreesWithMemory() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            // Given a demo world with anomalies in PostgreSQL, and the same events decoded in memory
            var generator = DemoGenerator(
                DemoConfiguration(seed: 21, targetEvents: 1_200, anomalyRate: 0.5, eventsPerDocument: 400))
            _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
            var events: [EPCISEvent] = []
            while let document = generator.nextDocument() {
                _ = try await store.capture(document, context: CaptureContext())
                events += document.events
            }
            let registry = try await store.partyRegistry()
            let end = generator.latestEventTime.addingTimeInterval(72 * 3_600)
            let decoded = events.map { TraceEvent($0) }
            let times = events.map(\.eventTime.date).sorted()
            for since in [nil, times[times.count * 9 / 10]] {
                // When it is reconciled from the store, and over the decoded events
                let reconciler = Reconciler(configuration: .init(since: since), registry: registry, now: { end })
                let (streamed, read) = try await reconciler.reconcile(store)
                let inMemory = reconciler.reconcile(decoded)
                // Then the findings are the same: in full with their figures, event IDs and labels; with since,
                // the same identifiers (their evidence holds only the events read)
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
                #expect(since == nil ? read == events.count : read < events.count)
            }
        }
    }
}
