public import EPCIS
import Foundation

/// Plans a document's events batch by batch, in document order: validation, event hash, ID and record time, the
/// duplicate checks within the document, and (when asked) the rows. A backend can store one batch while the next is
/// planned (``CapturePipeline``); ``CapturePlan`` is the whole document planned as one batch.
///
/// What it decides does not depend on the batches: the duplicate checks carry over from batch to batch, and every
/// problem of every event is reported by ``finish()``, as a whole-document plan would report it.
public struct CapturePlanner: Sendable {
    /// Events of one batch that may be stored, in document order, with their rows when they were asked for.
    public struct Batch: Sendable {
        /// The events, each with its ID, hash and record time.
        public var events: [StoredEvent]
        /// Their rows, in the same order; empty when the batch was planned without them.
        public var records: [EventRecord]
        /// Whether, once this batch was planned, a problem already refused the whole document (``canSucceed``):
        /// then nothing more needs storing, as ``finish()`` will throw.
        public var refused: Bool

        /// Makes a batch.
        public init(events: [StoredEvent], records: [EventRecord], refused: Bool = false) {
            self.events = events
            self.records = records
            self.refused = refused
        }
    }

    /// How to treat problems.
    public let errorBehaviour: CaptureContext.ErrorBehaviour
    /// The master data of the document.
    public let masterData: [Vocabulary]
    /// The events of the document.
    private let events: [EPCISEvent]
    private let pointers: [EventLocation]
    private let validator: EPCISValidator
    private let validated: Bool
    private let hasher: EventHasher
    /// The record time of every event (``CaptureContext/recordTime``).
    public let recordTime: EPCISDateTime
    private let documentLevelProblem: Bool
    /// Validation problems, document-level first, then by event in document order.
    private var invalid: [Diagnostic]
    /// Events left out because an earlier event of the document is the same.
    private var repeated: [Diagnostic] = []
    /// The hashes (or IDs) of those events.
    private var duplicates: [String] = []
    private var seenHashes: Set<String> = []
    private var seenIDs: Set<String> = []
    /// The first event not yet planned.
    public private(set) var next = 0

    /// Starts a plan: checks the document's header (the events are checked batch by batch).
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood in the source, for diagnostics.
    ///   - context: record time, error behaviour, validator.
    public init(_ document: EPCISDocument, locations: [EventLocation]? = nil, context: CaptureContext) {
        errorBehaviour = context.errorBehaviour
        masterData = document.masterData
        events = document.events
        pointers = (0..<document.events.count).map { index in
            locations?[index] ?? EventLocation(pointer: "/epcisBody/eventList/\(index)")
        }
        validator = context.validator
        validated = context.eventsValidated
        hasher = EventHasher(for: document, format: context.documentFormat)
        recordTime = context.recordTime
        var header = document
        header.events = []
        invalid = context.validator.validate(header).filter { $0.severity == .error }
        documentLevelProblem = !invalid.isEmpty
    }

    /// Whether events remain to be planned.
    public var hasMore: Bool { next < events.count }

    /// Whether the capture can still store events: false once a problem refuses the whole document (any problem
    /// under rollback, and a problem of the document itself under either behaviour).
    public var canSucceed: Bool {
        let refusesInvalid = errorBehaviour == .rollback || documentLevelProblem
        return !(refusesInvalid && !invalid.isEmpty) && !(errorBehaviour == .rollback && !duplicates.isEmpty)
    }

    /// Plans the next `count` events (fewer at the end of the document).
    ///
    /// Validation, hashing and the rows are pure and per event, so both cores do them; then one ordered pass
    /// decides which events are repeats of earlier ones. Rows are only built while the capture can succeed.
    /// - Parameters:
    ///   - count: how many events.
    ///   - withRecords: whether to build the events' rows (``EventRecord``) too.
    /// - Returns: the batch's events that may be stored.
    public mutating func planNext(_ count: Int, withRecords: Bool) -> Batch {
        let range = next..<min(next + max(count, 1), events.count)
        next = range.upperBound
        let buildRows = withRecords && canSucceed
        let (events, pointers, validator, validated) = (events, pointers, validator, validated)
        let (hasher, recordTime) = (hasher, recordTime)
        let checked = concurrentChunks(range.count) { chunk in
            let encoder = JSONDocumentEncoder()
            var cache: [String: EventRecord.ParsedURI] = [:]
            // The same locations, parties, classes and vocabulary recur through the chunk: each identifier is
            // parsed once for the validator and the rows, and each value made canonical once for the hash.
            var parses = validator.makeParseCache()
            var values = PreHashValueCache()
            // Bodies are compressed here, on every core, not by the one writer.
            let bodies = EventBodyCodec()
            return chunk.map { offset -> Checked in
                let index = range.lowerBound + offset
                let original = events[index]
                let problems =
                    validated
                    ? []
                    : validator.validate(original, at: pointers[index], parses: &parses).filter {
                        $0.severity == .error
                    }
                guard problems.isEmpty else { return Checked(problems: problems, stored: nil, record: nil) }
                let hashID = hasher.hashID(for: original, values: &values)
                var event = original
                event.recordTime = recordTime
                let id = event.eventID ?? hashID
                event.eventID = id
                let stored = StoredEvent(event: event, id: id, hashID: hashID)
                var record = buildRows ? EventRecord(stored, encoder: encoder, cache: &cache, parses: &parses) : nil
                if let body = record?.body { record?.storedBody = try? bodies.compress(Array(body.utf8)) }
                return Checked(problems: [], stored: stored, record: record)
            }
        }
        var batch = Batch(events: [], records: [])
        batch.events.reserveCapacity(checked.count)
        if buildRows { batch.records.reserveCapacity(checked.count) }
        for (offset, outcome) in checked.enumerated() {
            invalid += outcome.problems
            guard let stored = outcome.stored else { continue }
            let pointer = pointers[range.lowerBound + offset].pointer
            let declared = stored.event.errorDeclaration != nil
            guard seenHashes.insert(stored.hashID + (declared ? "#declared" : "")).inserted else {
                duplicates.append(stored.hashID)
                repeated.append(Diagnostic(at: pointer, "the same event stands twice in the document"))
                continue
            }
            // An error declaration carries the ID of the event it corrects; two plain events may not share one.
            guard declared || seenIDs.insert(stored.id).inserted else {
                duplicates.append(stored.id)
                repeated.append(Diagnostic(at: pointer, "another event of the document has the eventID \(stored.id)"))
                continue
            }
            batch.events.append(stored)
            if let record = outcome.record { batch.records.append(record) }
        }
        batch.refused = !canSucceed
        return batch
    }

    /// The verdict once every event is planned.
    /// - Returns: the problems of the events left out (with `.proceed`), in document order, repeats last.
    /// - Throws: ``StorageError`` `.invalidDocument` with every diagnostic (rollback, or a problem of the document
    ///   itself), or `.duplicateEvent` with the repeated hashes or IDs (rollback).
    public func finish() throws(StorageError) -> [Diagnostic] {
        precondition(!hasMore, "finish() before every event was planned")
        if !invalid.isEmpty && (errorBehaviour == .rollback || documentLevelProblem) {
            throw StorageError(
                .invalidDocument, "the document is not valid EPCIS 2.0; nothing was stored", diagnostics: invalid)
        }
        if !duplicates.isEmpty && errorBehaviour == .rollback {
            throw StorageError(
                .duplicateEvent, "the document holds the same event twice; nothing was stored", eventIDs: duplicates)
        }
        return invalid + repeated
    }

    /// The events a store already holds, among planned ones.
    ///
    /// The event hash leaves `errorDeclaration` out, and an error declaration carries the eventID of the event it
    /// corrects (EPCIS 2.0 section 7.4.1.2; CBV 2.0 section 8.9). So a plain event is already held when its hash
    /// or its eventID is stored; an error declaration only when a declaration with its hash is stored.
    /// - Parameters:
    ///   - events: planned events.
    ///   - hashes: the stored event hashes among the events' hashes.
    ///   - declaredHashes: those of them stored as error declarations.
    ///   - ids: the stored event IDs among the events' IDs.
    /// - Returns: the events that are already stored, in order.
    public static func storedDuplicates(
        in events: [StoredEvent], hashes: Set<String>, declaredHashes: Set<String>, ids: Set<String>
    ) -> [StoredEvent] {
        guard !(hashes.isEmpty && declaredHashes.isEmpty && ids.isEmpty) else { return [] }
        return events.filter { stored in
            stored.event.errorDeclaration == nil
                ? hashes.contains(stored.hashID) || ids.contains(stored.id)
                : declaredHashes.contains(stored.hashID)
        }
    }

    /// The refusal of a document (rollback) some of whose events are already stored, each with the rule it met
    /// (``alreadyStoredReason(_:)``).
    public static func alreadyStored(_ duplicates: [StoredEvent]) -> StorageError {
        StorageError(
            .duplicateEvent, "\(duplicates.count) event(s) are already stored; nothing was stored",
            diagnostics: alreadyStoredDiagnostics(duplicates), eventIDs: duplicates.map(\.id))
    }

    /// What a receipt (proceed) says of the events left out because they are already stored.
    public static func alreadyStoredDiagnostics(_ duplicates: [StoredEvent]) -> [Diagnostic] {
        duplicates.map { Diagnostic(at: $0.id, alreadyStoredReason($0)) }
    }

    /// Why an event counts as stored: an event with its eventID is, or one with its event hash (the same what, when,
    /// where and why, whatever its eventID: CBV 2.0's event hash identifies an event). An event captured without an
    /// eventID is known by its hash alone.
    public static func alreadyStoredReason(_ stored: StoredEvent) -> String {
        stored.id == stored.hashID
            ? "already stored: an event with the same event hash (the same what, when, where and why)"
            : "already stored: an event with this eventID, or with the same event hash \(stored.hashID) (the same "
                + "what, when, where and why, whatever its eventID)"
    }

    /// One event's outcome: its problems, or the event (and its row) to store.
    private struct Checked: Sendable {
        var problems: [Diagnostic]
        var stored: StoredEvent?
        var record: EventRecord?
    }
}
