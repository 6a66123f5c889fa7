public import EPCIS
import Foundation
import GRDB
public import Storage
import Transparency

extension SQLiteEventStore {
    /// Stores events as plain rows, with the same tables and prepared statements as a capture but without
    /// validation, event hashing, duplicate checks, master data or projections: the floor that `suyuan bench capture`
    /// compares a real capture with. Not for production data: the rows get placeholder hashes.
    /// - Parameter events: the events.
    /// - Returns: how many rows were stored.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func insertForBenchmark(_ events: [EPCISEvent]) async throws(StorageError) -> Int {
        let run = UUID().uuidString
        let records = EventRecord.records(
            for: events.enumerated().map { index, event in
                StoredEvent(event: event, id: "bench:\(run):\(index)", hashID: "bench:\(run):\(index)")
            })
        return try await write { db in
            var inserts = try SQLiteCapture.Inserts(db)
            for record in records { _ = try inserts.insert(record) }
            return records.count
        }
    }

    /// Captures a document exactly as ``capture(_:locations:context:)`` does but without entering its events in
    /// the ledger (no tiles or signed head): what `suyuan bench capture` compares a capture with to show
    /// the ledger's cost. Not for production data: the store's ledger no longer covers its events.
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood in the source.
    ///   - context: record time, error behaviour, validator.
    /// - Returns: what was stored.
    /// - Throws: ``StorageError`` as a capture does.
    public func captureWithoutLedgerForBenchmark(
        _ document: EPCISDocument, locations: [EventLocation]?, context: CaptureContext
    ) async throws(StorageError) -> CaptureReceipt {
        let pipeline = CapturePipeline(planning: document, locations: locations, context: context)
        defer { pipeline.cancel() }
        return try await write { db in try SQLiteCapture.run(pipeline, ledger: nil, in: db) }
    }

    /// Times the ledger's share of a capture on its own, in a new store: hashing the events' bodies into leaves
    /// (done with the rows, before the transaction), then in one write transaction the frontier append, the tile
    /// inserts and one signed head, as a capture of these events would. Only the ledger tables are written, so the
    /// store is for this measurement only.
    /// - Parameter events: the events.
    /// - Returns: the time of the leaf hashing (one core) and of the ledger's work inside the transaction.
    /// - Throws: ``StorageError`` `.internalFailure`; `.invalidDocument` when the store already holds a log.
    public func ledgerCostForBenchmark(_ events: [EPCISEvent]) async throws(StorageError) -> (
        leafHashing: Duration, inTransaction: Duration
    ) {
        let encoder = JSONDocumentEncoder()
        let bodies = events.map { encoder.encode($0) }
        let clock = ContinuousClock()
        let start = clock.now
        let leaves = bodies.map { LedgerLeaf.leafHash(content: $0) }
        let hashing = clock.now - start
        let size: UInt64
        do { size = try ledger.frontier().treeSize } catch { throw Self.storageError(error) }
        guard size == 0 else {
            throw StorageError(.invalidDocument, "the ledger benchmark needs a new store")
        }
        let ledger = self.ledger
        let inTransaction = try await write { db in
            let begin = clock.now
            try ledger.append(leaves, rows: (1...Int64(leaves.count)).map { $0 }, in: db)
            return clock.now - begin
        }
        return (hashing, inTransaction)
    }
}

extension SQLiteEventStore {
    /// The phases of one capture, timed: what `suyuan bench capture` prints. Each phase has its wall time and the
    /// CPU time it used (all threads of the process for the parallel phases, the writer thread for the write), so
    /// that figures taken on a machine shared with other work can still be compared.
    public struct CapturePhases: Sendable {
        /// `CapturePlan`: validation, event hashes, duplicates within the document (on every core).
        public var plan: (wall: Duration, cpu: Duration)
        /// `EventRecord.records`: bodies, canonical keys, leaf hashes (on every core).
        public var records: (wall: Duration, cpu: Duration)
        /// The write transaction: duplicate look-up, rows, projections, ledger, commit (one core); the CPU time is
        /// the writer thread's until the commit.
        public var write: (wall: Duration, cpu: Duration)
    }

    /// Captures a document as ``capture(_:locations:context:)`` does but with its three phases one after another,
    /// timing each: the whole document planned (validation, hashes, duplicates within it), then its rows built,
    /// then the write transaction. A real capture overlaps the first two with the third (``CapturePipeline``).
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood in the source.
    ///   - context: record time, error behaviour, validator.
    /// - Returns: what was stored, and the time of each phase.
    /// - Throws: ``StorageError`` as a capture does.
    public func captureTimingPhasesForBenchmark(
        _ document: EPCISDocument, locations: [EventLocation]?, context: CaptureContext
    ) async throws(StorageError) -> (receipt: CaptureReceipt, phases: CapturePhases) {
        let clock = ContinuousClock()
        let start = clock.now
        let startCPU = Self.cpuTime(CLOCK_PROCESS_CPUTIME_ID)
        var planner = CapturePlanner(document, locations: locations, context: context)
        let planned = planner.planNext(document.events.count, withRecords: false)
        let plannedAt = clock.now
        let plannedCPU = Self.cpuTime(CLOCK_PROCESS_CPUTIME_ID)
        let records = EventRecord.records(for: planned.events)
        let built = clock.now
        let builtCPU = Self.cpuTime(CLOCK_PROCESS_CPUTIME_ID)
        let pipeline = CapturePipeline(
            planner: planner,
            first: CapturePlanner.Batch(events: planned.events, records: records, refused: planned.refused))
        try pipeline.refuseEarly()
        let ledger = self.ledger
        let (receipt, writeCPU) = try await write { db in
            let begin = Self.cpuTime(CLOCK_THREAD_CPUTIME_ID)
            let receipt = try SQLiteCapture.run(pipeline, ledger: ledger, in: db)
            return (receipt, Self.cpuTime(CLOCK_THREAD_CPUTIME_ID) - begin)
        }
        let written = clock.now
        return (
            receipt,
            CapturePhases(
                plan: (plannedAt - start, plannedCPU - startCPU), records: (built - plannedAt, builtCPU - plannedCPU),
                write: (written - built, writeCPU))
        )
    }

    /// CPU time of the process (`CLOCK_PROCESS_CPUTIME_ID`) or the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
    static func cpuTime(_ clock: clockid_t) -> Duration {
        var time = timespec()
        clock_gettime(clock, &time)
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }
}
