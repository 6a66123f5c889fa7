public import EPCIS
public import Foundation

/// Who captures, when, and what to do with events that fail (EPCIS 2.0 REST binding,
/// `GS1-Capture-Error-Behaviour`).
public struct CaptureContext: Sendable {
    /// What happens to the good events of a document with bad ones.
    public enum ErrorBehaviour: String, Sendable {
        /// All or nothing: any invalid or duplicate event refuses the whole document.
        case rollback
        /// Store the valid events, report the others.
        case proceed
    }

    /// The record time given to every event of the capture.
    public var recordTime: EPCISDateTime
    /// Rollback (default) or proceed.
    public var errorBehaviour: ErrorBehaviour
    /// Validation settings (company prefix lengths, clock).
    public var validator: EPCISValidator
    /// Set by a caller that has already run ``validator`` over every event of the document and found no error (the
    /// server does, to refuse a bad document in the request): the capture then skips that per-event pass, which is
    /// a fifth of a capture's CPU time. The document-level checks and the event hashes still run.
    public var eventsValidated = false
    /// The pending capture job (``CaptureJobStore``) this capture runs, when it runs one: the store ends the job as
    /// succeeded in the capture's own transaction, so that a crash leaves the job either pending with nothing
    /// stored or ended with its events stored, never both. A capture whose job is not pending stores nothing
    /// (`.notFound`).
    public var jobID: String?
    /// The syntax the document was read from: the GS1 event hash depends on it in a few places (a user extension
    /// element named `…List` is read as a list only in JSON, docs/event-hash.md), so that the stored hash is the one
    /// `suyuan epcis hash` and the reference give for the document as it was sent.
    public var documentFormat: EPCISDocumentFormat = .json

    /// Makes a context.
    /// - Parameters:
    ///   - recordTime: when the events are recorded; now by default.
    ///   - errorBehaviour: rollback (default) or proceed.
    ///   - validator: the validator to check events with.
    public init(
        recordTime: EPCISDateTime = EPCISDateTime(Date()), errorBehaviour: ErrorBehaviour = .rollback,
        validator: EPCISValidator = EPCISValidator()
    ) {
        self.recordTime = recordTime
        self.errorBehaviour = errorBehaviour
        self.validator = validator
    }
}

/// What a capture stored.
public struct CaptureReceipt: Hashable, Sendable {
    /// The IDs of the stored events, in document order: the supplied eventID, or the computed event hash.
    public var eventIDs: [String]
    /// Vocabulary elements of master data stored or updated.
    public var masterDataElements: Int
    /// With `proceed`: the problems of the events that were not stored.
    public var rejected: [Diagnostic]

    /// Makes a receipt.
    public init(eventIDs: [String], masterDataElements: Int = 0, rejected: [Diagnostic] = []) {
        self.eventIDs = eventIDs
        self.masterDataElements = masterDataElements
        self.rejected = rejected
    }
}

/// An event as the store holds it: the captured event with its record time, its ID and its event hash.
public struct StoredEvent: Hashable, Sendable {
    /// The event as captured, with `recordTime` set and `eventID` set to ``id``.
    public var event: EPCISEvent
    /// The event's ID: as supplied, or the event hash.
    public var id: String
    /// The GS1 event hash (`ni:///sha-256;…?ver=CBV2.0`), always computed by the store.
    public var hashID: String

    /// Makes a stored event.
    public init(event: EPCISEvent, id: String, hashID: String) {
        self.event = event
        self.id = id
        self.hashID = hashID
    }
}
