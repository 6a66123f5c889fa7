public import EPCIS
public import Foundation

/// A capture job of the EPCIS 2.0 REST binding (`POST /capture` → `GET /capture/{id}`) as a store keeps it.
///
/// A job is written, with the document's bytes, before the server answers 202: an accepted capture survives a
/// crash or a restart and runs when the server is back (``CaptureJobStore``). The job ends in the same transaction
/// as the capture that stores its events (``CaptureContext/jobID``), so a job is never both stored and pending.
public struct CaptureJobRecord: Hashable, Sendable {
    /// Where a job stands.
    public enum State: String, Hashable, Sendable {
        /// Accepted and kept; not yet stored (it may be running now, or waiting for the store).
        case pending
        /// Its events were stored (with `proceed`, some of them may have been rejected: ``errors``).
        case succeeded
        /// Nothing of it was stored: ``errors`` and ``detail`` say why.
        case failed
    }

    /// The job's ID (the `captureID` of the binding).
    public var id: String
    /// When it was accepted.
    public var createdAt: Date
    /// Rollback or proceed.
    public var errorBehaviour: CaptureContext.ErrorBehaviour
    /// The name of the key that sent it.
    public var capturedBy: String
    /// How many events the document holds.
    public var eventCount: Int
    /// Pending, succeeded or failed.
    public var state: State
    /// When it ended.
    public var finishedAt: Date?
    /// How many events were stored.
    public var capturedEventCount: Int
    /// The problems of the events not stored (with proceed), or of the refused document.
    public var errors: [CaptureJobError]
    /// Why a failed job stored nothing, in a sentence.
    public var detail: String?

    /// Makes a pending job.
    /// - Parameters:
    ///   - id: the capture ID.
    ///   - createdAt: when it was accepted.
    ///   - errorBehaviour: rollback or proceed.
    ///   - capturedBy: the sender's key name.
    ///   - eventCount: the document's events.
    public init(
        id: String, createdAt: Date, errorBehaviour: CaptureContext.ErrorBehaviour, capturedBy: String, eventCount: Int
    ) {
        self.id = id
        self.createdAt = createdAt
        self.errorBehaviour = errorBehaviour
        self.capturedBy = capturedBy
        self.eventCount = eventCount
        state = .pending
        capturedEventCount = 0
        errors = []
    }

    /// Whether it has ended.
    public var isFinished: Bool { state != .pending }
}

/// A pending job with the document it carries, as the store kept it.
public struct PendingCapture: Sendable {
    /// The job.
    public var job: CaptureJobRecord
    /// The document's bytes as they were sent (JSON-LD or XML).
    public var body: Data

    /// Makes one.
    public init(job: CaptureJobRecord, body: Data) {
        self.job = job
        self.body = body
    }
}

extension CaptureJobError {
    /// A list as the stores keep it: a JSON array of `{"pointer", "detail"}`.
    public static func text(_ errors: [CaptureJobError]) -> String? {
        guard !errors.isEmpty, let data = try? JSONEncoder().encode(errors) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The list a store kept (``text(_:)``); nothing for no text.
    /// - Throws: ``StorageError`` `.internalFailure` for text that is not such a list.
    public static func list(_ text: String?) throws(StorageError) -> [CaptureJobError] {
        guard let text, !text.isEmpty else { return [] }
        do {
            return try JSONDecoder().decode([CaptureJobError].self, from: Data(text.utf8))
        } catch {
            throw StorageError(.internalFailure, "a stored capture job's errors cannot be read", underlying: error)
        }
    }
}

extension CaptureReceipt {
    /// The errors a succeeded job reports: the events that proceed left out.
    public var jobErrors: [CaptureJobError] {
        rejected.filter { $0.severity == .error }.map { CaptureJobError(pointer: $0.location, detail: $0.message) }
    }
}
