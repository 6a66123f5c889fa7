public import Foundation

/// Where accepted capture jobs are kept until they run, and their outcomes after.
///
/// The server writes a job with its document before it answers 202 (``enqueueCapture(_:body:)``) and works through
/// the pending ones, oldest first, after any restart too (``pendingCaptureIDs()``, ``pendingCapture(id:)``). A capture
/// given ``CaptureContext/jobID`` ends its job in its own transaction (succeeded, with the stored and rejected
/// counts, and the body dropped); a refused one is ended by ``failCapture(id:errors:detail:at:)``. Every backend passes
/// StorageTesting's `CaptureJobConformance`.
public protocol CaptureJobStore: Sendable {
    /// Keeps a new pending job and its document; durable when it returns.
    /// - Throws: ``StorageError`` `.alreadyExists` for a taken ID, `.unavailable` or `.storageFull` when it could not
    ///   be kept (the caller then must not acknowledge the capture).
    func enqueueCapture(_ job: CaptureJobRecord, body: Data) async throws(StorageError)

    /// The IDs of the pending jobs, oldest first.
    func pendingCaptureIDs() async throws(StorageError) -> [String]

    /// A pending job with its document; nil when it is not pending (any more).
    func pendingCapture(id: String) async throws(StorageError) -> PendingCapture?

    /// Ends a pending job that stored nothing, and drops its document.
    /// - Throws: ``StorageError`` `.notFound` when there is no such pending job.
    func failCapture(id: String, errors: [CaptureJobError], detail: String, at: Date) async throws(StorageError)

    /// One job, pending or finished; nil when there is none (or it was forgotten, see ``retainedCaptureJobs``).
    func captureJob(id: String) async throws(StorageError) -> CaptureJobRecord?

    /// The newest jobs first, at most `limit`, of one sender or of all.
    func captureJobs(capturedBy: String?, limit: Int) async throws(StorageError) -> [CaptureJobRecord]
}

/// One problem of a capture job.
public struct CaptureJobError: Hashable, Sendable, Codable {
    /// The JSON pointer or XML place.
    public var pointer: String
    /// The rule it breaks.
    public var detail: String
    /// The EPCIS exception it is (`epcisException:ResourceAlreadyExistsException`…); nil for a validation error, and
    /// in jobs kept before the type was.
    public var type: String?

    /// Makes one.
    public init(pointer: String, detail: String, type: String? = nil) {
        self.pointer = pointer
        self.detail = detail
        self.type = type
    }
}

/// How many finished jobs a store keeps for `GET /capture/{id}`; older finished ones are forgotten as new ones end.
public let retainedCaptureJobs = 10_000
