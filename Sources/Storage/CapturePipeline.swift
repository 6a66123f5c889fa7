public import EPCIS
public import Foundation

/// Plans a document's batches on a thread of its own while the store's write transaction stores the batches
/// before them, so that validation, hashing and row building (on every core) overlap the writer (one core).
///
/// The first batch is planned before the pipeline exists, outside the write transaction, so a document of one batch
/// holds the writer for no longer than its inserts. At most ``depth`` planned batches wait for the writer; the
/// planner thread waits when they do. Batches come in document order.
public final class CapturePipeline: @unchecked Sendable {
    /// How many events a batch holds.
    public static let batchSize = 4_096
    /// How many planned batches may wait for the writer.
    public let depth = 2

    /// Guards the mutable fields below.
    private let condition = NSCondition()
    private var ready: [CapturePlanner.Batch] = []
    /// The planner, back from the thread once it has planned every event.
    private var finished: CapturePlanner?
    private var cancelled = false
    /// How to treat problems (of the planner, which the thread holds meanwhile).
    public let errorBehaviour: CaptureContext.ErrorBehaviour
    /// The master data of the document.
    public let masterData: [Vocabulary]
    /// The capture job the capture ends, if any (``CaptureContext/jobID``).
    public let jobID: String?
    /// The record time of every event of the document (``CaptureContext/recordTime``).
    public let recordTime: EPCISDateTime

    /// Starts planning the rest of a document.
    /// - Parameters:
    ///   - planner: the document's planner, usually with its first batch planned.
    ///   - first: that first batch, if any.
    ///   - batchSize: events per batch.
    ///   - jobID: the capture job the capture ends, if any.
    public init(
        planner: CapturePlanner, first: CapturePlanner.Batch?, batchSize: Int = CapturePipeline.batchSize,
        jobID: String? = nil
    ) {
        self.jobID = jobID
        recordTime = planner.recordTime
        errorBehaviour = planner.errorBehaviour
        masterData = planner.masterData
        if let first { ready.append(first) }
        guard planner.hasMore else {
            finished = planner
            return
        }
        let thread = Thread { [self] in
            var planner = planner
            while planner.hasMore {
                guard !isCancelled else { return }
                let batch = planner.planNext(batchSize, withRecords: true)
                condition.lock()
                while ready.count >= depth && !cancelled { condition.wait() }
                let stop = cancelled
                if !stop { ready.append(batch) }
                condition.broadcast()
                condition.unlock()
                if stop { return }
            }
            condition.lock()
            finished = planner
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "suyuan capture planner"
        thread.start()
    }

    /// Plans a document's first batch on the calling thread, before any write transaction, and starts the planner
    /// thread for the rest (a document of one batch needs none).
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood in the source.
    ///   - context: record time, error behaviour, validator.
    public convenience init(planning document: EPCISDocument, locations: [EventLocation]?, context: CaptureContext) {
        var planner = CapturePlanner(document, locations: locations, context: context)
        let first = planner.planNext(CapturePipeline.batchSize, withRecords: true)
        self.init(planner: planner, first: first, jobID: context.jobID)
    }

    /// The next batch in document order, waiting for it to be planned; nil after the last one.
    public func next() -> CapturePlanner.Batch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && finished == nil && !cancelled { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let batch = ready.removeFirst()
        condition.broadcast()
        return batch
    }

    /// ``next()`` for an asynchronous writer: the wait happens on a thread of its own, not on one of Swift's
    /// cooperative threads.
    public func nextBatch() async -> CapturePlanner.Batch? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.next()) }
        }
    }

    /// Refuses a document whose first batch already refuses it, without a write transaction: plans the rest (so
    /// that the refusal names every problem) and throws. Does nothing otherwise.
    /// - Throws: ``StorageError`` as ``finish()`` does.
    public func refuseEarly() throws(StorageError) {
        condition.lock()
        let refused = ready.first?.refused ?? false
        condition.unlock()
        guard refused else { return }
        while next() != nil {}
        _ = try finish()
    }

    /// The planner's verdict, once ``next()`` returned nil (``CapturePlanner/finish()``).
    /// - Returns: the problems of the events left out (proceed).
    /// - Throws: ``StorageError`` `.invalidDocument` or `.duplicateEvent` when the document is refused.
    public func finish() throws(StorageError) -> [Diagnostic] {
        condition.lock()
        let planner = finished
        condition.unlock()
        guard let planner else {
            throw StorageError(
                .internalFailure, "the capture ended before its document was planned; nothing was stored")
        }
        return try planner.finish()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stops the planner thread (after its current batch): for a write transaction that failed or never ran.
    public func cancel() {
        condition.lock()
        cancelled = true
        ready = []
        condition.broadcast()
        condition.unlock()
    }
}

/// A store's writer side of a pipelined capture: which planned events of each batch it writes, given the ones the
/// store already holds, and the receipt's problems at the end. Both stores' writers decide through it, alike.
public struct CaptureWriting: Sendable {
    private let errorBehaviour: CaptureContext.ErrorBehaviour
    private var alreadyStored: [StoredEvent] = []
    private var refused = false

    /// Starts deciding for one capture.
    public init(_ pipeline: CapturePipeline) {
        errorBehaviour = pipeline.errorBehaviour
    }

    /// The events of a batch to write, with their rows, in order: every one the store does not hold yet; none once
    /// the document is refused (a batch the planner refused, or a stored duplicate under rollback).
    /// - Parameters:
    ///   - batch: the next planned batch.
    ///   - duplicates: the batch's events that the store already holds (look them up only while the batch is not
    ///     ``CapturePlanner/Batch/refused``: the planner's refusal wins, and names the problems).
    public mutating func toWrite(_ batch: CapturePlanner.Batch, duplicates: [StoredEvent]) -> [(
        stored: StoredEvent, record: EventRecord
    )] {
        // The planner's refusal stays to the end, and CapturePipeline.finish() throws it.
        guard !batch.refused else { return [] }
        alreadyStored += duplicates
        if !duplicates.isEmpty && errorBehaviour == .rollback { refused = true }
        // Once the document is refused nothing more is written; later batches are still looked up, so that the
        // refusal names every stored duplicate.
        guard !refused else { return [] }
        let skip = Set(duplicates.map(\.id))
        return zip(batch.events, batch.records).filter { skip.isEmpty || !skip.contains($0.0.id) }
            .map { (stored: $0.0, record: $0.1) }
    }

    /// The problems of the events left out, once every batch went through ``toWrite(_:duplicates:)``.
    /// - Parameter pipeline: the capture's pipeline, for the planner's verdict.
    /// - Returns: the planner's problems (proceed), then those of the events already stored.
    /// - Throws: ``StorageError`` the planner's refusal, else `.duplicateEvent` for stored events under rollback.
    public func rejected(by pipeline: CapturePipeline) throws(StorageError) -> [Diagnostic] {
        let planned = try pipeline.finish()
        guard !alreadyStored.isEmpty else { return planned }
        if errorBehaviour == .rollback { throw CapturePlanner.alreadyStored(alreadyStored) }
        return planned + CapturePlanner.alreadyStoredDiagnostics(alreadyStored)
    }
}
