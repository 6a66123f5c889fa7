import DemoChains
import EPCIS
import Foundation
import GRDB
import Storage
import StorageSQLite
import StorageTesting
import Testing
import TraceEngine

@Suite struct SQLiteTraceGraphTests {
    /// A demo world captured into a memory store, and the same events in memory.
    private static func world() async throws -> (SQLiteEventStore, InMemoryTraceGraphSource, [EPCISEvent], DemoGenerator) {
        let store = try SQLiteEventStore(.memory)
        var generator = DemoGenerator(DemoConfiguration(seed: 21, targetEvents: 1_200, anomalyRate: 0.5, eventsPerDocument: 400))
        _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
        var events: [EPCISEvent] = []
        while let document = generator.nextDocument() {
            _ = try await store.capture(document, context: CaptureContext())
            events += document.events
        }
        return (store, InMemoryTraceGraphSource(events.map { TraceEvent($0) }), events, generator)
    }

    @Test("traces over the SQLite store agree with traces over the same events in memory")
    func tracesAgree() async throws {
        // Given a demo world in SQLite and in memory
        let (store, memory, events, _) = try await Self.world()
        let roots = events.compactMap { $0.quantityList.first?.epcClass.canonicalKey }.prefix(12)
            + events.compactMap { $0.childEPCs.first?.canonicalKey }.prefix(6)
        for root in roots {
            // When each root is traced both ways over both sources
            let sqlForward = try await TraceEngine(source: store).forward(from: root)
            let memoryForward = try await TraceEngine(source: memory).forward(from: root)
            let sqlBack = try await TraceEngine(source: store).back(from: root)
            let memoryBack = try await TraceEngine(source: memory).back(from: root)
            // Then they find the same identifiers, parties and holders
            #expect(sqlForward.identifiers == memoryForward.identifiers)
            #expect(sqlForward.parties == memoryForward.parties)
            #expect(sqlForward.holders == memoryForward.holders)
            #expect(sqlBack.identifiers == memoryBack.identifiers && sqlBack.origins == memoryBack.origins)
        }
    }

    @Test("a reconciliation over the store's events and master data finds the ground truth")
    func reconcileFromStore() async throws {
        // Given a demo world with anomalies in SQLite
        let (store, _, _, generator) = try await Self.world()
        // When it is reconciled from the store's events and registry
        let registry = try await store.partyRegistry()
        let end = generator.latestEventTime.addingTimeInterval(72 * 3_600)
        let report = try await Reconciler(registry: registry, now: { end }).reconcile(store)
        let (findings, events) = (report.findings, report.events)
        // Then every event was read, and the findings are the ground truth, named by event ID and captured spelling
        #expect(events == generator.eventCount)
        let found = Set(findings.map { "\($0.kind.rawValue) \($0.key)" })
        let expected = Set(generator.truth.map { "\($0.kind.rawValue) \(IdentifierURI($0.identifier).canonicalKey)" })
        #expect(found == expected)
        #expect(!expected.isEmpty)
    }

    @Test("a reconciliation streamed from the store's columns finds what one over the decoded events finds; with since, from fewer events")
    func reconcileSince() async throws {
        // Pages of 100 events, so that the store reads many pages, two at a time, and hands them over in order
        var store = try SQLiteEventStore(.memory)
        store.reconcilePageSize = 100
        try await ReconcileConformance.streamedAgreesWithMemory(store) { try await store.partyRegistry() }
    }

    @Test("a reconciliation goes on from the state the last run kept in the store and finds what a run from scratch finds")
    func reconcileFromCheckpoint() async throws {
        var store = try SQLiteEventStore(.memory)
        store.reconcilePageSize = 100
        try await ReconcileConformance.checkpointAgreesWithFullRun(store) { try await store.partyRegistry() }
    }

    @Test("a damaged checkpoint is set aside with its reason: the run reads every event, finds the same and keeps a sound one")
    func damagedCheckpoint() async throws {
        // Given a store in a file, reconciled once (which keeps a checkpoint)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var generator = DemoGenerator(DemoConfiguration(seed: 4, targetEvents: 600, anomalyRate: 0.5))
        let store = try SQLiteEventStore(.file(path))
        _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
        while let document = generator.nextDocument() { _ = try await store.capture(document, context: CaptureContext()) }
        let end = generator.latestEventTime.addingTimeInterval(72 * 3_600)
        let reconciler = Reconciler(registry: try await store.partyRegistry(), now: { end })
        let first = try await reconciler.reconcile(store)
        #expect(first.savedCheckpoint)
        // When its last part is cut short behind the store's back, and a save that never finished left a part
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                UPDATE reconcile_checkpoint_part SET bytes = substr(bytes, 1, length(bytes) - 3)
                WHERE part = (SELECT max(part) FROM reconcile_checkpoint_part)
                """)
            try db.execute(sql: "INSERT INTO reconcile_checkpoint_part VALUES ('abandoned', 0, x'00')")
        }
        let second = try await reconciler.reconcile(store)
        // Then the run says why it set the checkpoint aside, read every event, found the same and kept a new one
        #expect(second.discardedCheckpoint == .truncated)
        #expect(second.restoredEvents == nil && second.eventsRead == first.eventsRead && second.savedCheckpoint)
        #expect(second.findings.map(\.key) == first.findings.map(\.key))
        // And the new checkpoint's parts are the only ones left
        let generations = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT generation FROM reconcile_checkpoint_part")
        }
        let current = try await queue.read { db in
            try String.fetchOne(db, sql: "SELECT generation FROM reconcile_checkpoint")
        }
        try queue.close()
        #expect(generations.count == 1 && generations.first == current)
        let third = try await reconciler.reconcile(store)
        #expect(third.discardedCheckpoint == nil && third.restoredEvents == first.eventsRead && third.eventsRead == 0)
    }
}
