import EPCIS
import Foundation
import Storage
import Synchronization

/// The capture jobs in hand: the IDs the ``CaptureService`` works through, oldest first, and what it knows of them
/// beyond the store (which jobs this process has validated, which wait for the store and why).
///
/// The jobs themselves live in the store (``Storage/CaptureJobStore``): a job is kept there with its document
/// before `POST /capture` answers 202, so an accepted capture outlives a crash or a restart.
final class CaptureJobs: Sendable {
    /// What this process knows of the jobs it has in hand.
    private struct Notes {
        /// Jobs whose every event this process has validated (the request did, under rollback).
        var validated: Set<String> = []
        /// Jobs that wait for the store, and why.
        var waiting: [String: String] = [:]
    }

    private let notes = Mutex(Notes())
    /// The IDs to run.
    let queue: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    init() {
        (queue, continuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Hands the service a job the store keeps.
    /// - Parameters:
    ///   - id: the job.
    ///   - validated: whether every event was validated already (the capture then skips that pass).
    func submit(_ id: String, validated: Bool = false) {
        if validated { notes.withLock { _ = $0.validated.insert(id) } }
        continuation.yield(id)
    }

    /// Whether the request validated every event of the job.
    func wasValidated(_ id: String) -> Bool { notes.withLock { $0.validated.contains(id) } }

    /// Says why a job waits (nil: it no longer does).
    func setWaiting(_ id: String, _ reason: String?) { notes.withLock { $0.waiting[id] = reason } }

    /// Why a job waits for the store, if it does.
    func waiting(_ id: String) -> String? { notes.withLock { $0.waiting[id] } }

    /// Forgets a job that ended.
    func ended(_ id: String) {
        notes.withLock {
            $0.validated.remove(id)
            $0.waiting[id] = nil
        }
    }

    /// Ends the queue: the service finishes the job in hand and stops; the rest stay pending in the store.
    func close() { continuation.finish() }
}

/// A capture job as the EPCIS 2.0 binding shows it (`CaptureJob` of its OpenAPI).
struct CaptureJobDocument: Encodable, Sendable {
    var captureID: String
    var createdAt: Date
    var finishedAt: Date?
    var running: Bool
    var success: Bool
    var captureErrorBehaviour: String
    var eventCount: Int
    var capturedEventCount: Int
    var errors: [ErrorEntry]
    var detail: String?

    /// One error of the job: an RFC 9457 problem, as the binding's `errors` items are (`RFC7807ProblemResponseBody`,
    /// which requires `type` and `title`), with the place in the document as the `pointer` extension member.
    struct ErrorEntry: Encodable, Sendable {
        var type: String
        var title: String
        var detail: String
        var pointer: String

        init(_ error: CaptureJobError) {
            type = error.type ?? "epcisException:ValidationException"
            title =
                switch type {
                case "epcisException:ValidationException": "Invalid event"
                case "epcisException:ResourceAlreadyExistsException": "Already captured"
                default: "Not captured"
                }
            detail = error.detail
            pointer = error.pointer
        }
    }

    /// The document of a kept job; `waiting` says why a pending one waits for the store.
    init(_ job: CaptureJobRecord, waiting: String?) {
        captureID = job.id
        createdAt = job.createdAt
        finishedAt = job.finishedAt
        running = !job.isFinished
        success = job.state != .failed && job.errors.isEmpty
        captureErrorBehaviour = job.errorBehaviour.rawValue
        eventCount = job.eventCount
        capturedEventCount = job.capturedEventCount
        errors = job.errors.map(ErrorEntry.init)
        detail = job.detail ?? waiting
    }
}
