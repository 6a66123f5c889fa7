public import EPCIS

/// The events of a document made ready for storing: validated, hashed, given their IDs and record time, and
/// checked for duplicates within the document. Backends then check them against what they hold
/// (``resolvingStored(hashes:ids:)``) inside their transaction.
public struct CapturePlan: Sendable {
    /// The events to store, in document order.
    public private(set) var events: [StoredEvent]
    /// The master data of the document.
    public var masterData: [Vocabulary]
    /// Problems of events left out (with `.proceed`).
    public private(set) var rejected: [Diagnostic]
    /// How to treat problems.
    public let errorBehaviour: CaptureContext.ErrorBehaviour

    /// Validates and hashes a document's events.
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood in the source, for diagnostics.
    ///   - context: record time, error behaviour, validator.
    /// - Throws: ``StorageError`` `.invalidDocument` with every diagnostic (rollback), or when no event is left.
    public init(
        _ document: EPCISDocument, locations: [EventLocation]? = nil, context: CaptureContext
    ) throws(StorageError) {
        errorBehaviour = context.errorBehaviour
        masterData = document.masterData
        var header = document
        header.events = []
        var diagnostics = context.validator.validate(header).filter { $0.severity == .error }
        let documentLevelProblem = !diagnostics.isEmpty
        let pointers = (0..<document.events.count).map { index in
            locations?[index] ?? EventLocation(pointer: "/epcisBody/eventList/\(index)")
        }
        // Validation and hashing are pure and per event: both cores do them, then one ordered pass decides.
        let validator = context.validator
        let validated = context.eventsValidated
        let hasher = EventHasher(for: document)
        let checked = document.events.concurrentMap { index, event in
            let problems =
                validated ? [] : validator.validate(event, at: pointers[index]).filter { $0.severity == .error }
            return (problems: problems, hashID: problems.isEmpty ? hasher.hashID(for: event) : nil)
        }
        for outcome in checked { diagnostics += outcome.problems }
        if !diagnostics.isEmpty && (errorBehaviour == .rollback || documentLevelProblem) {
            throw StorageError(
                .invalidDocument, "the document is not valid EPCIS 2.0; nothing was stored", diagnostics: diagnostics)
        }
        rejected = diagnostics
        var seen: Set<String> = []
        var stored: [StoredEvent] = []
        stored.reserveCapacity(document.events.count)
        var duplicates: [String] = []
        for (index, original) in document.events.enumerated() {
            guard let hashID = checked[index].hashID else { continue }
            guard seen.insert(hashID + (original.errorDeclaration == nil ? "" : "#declared")).inserted else {
                duplicates.append(hashID)
                rejected.append(Diagnostic(at: pointers[index].pointer, "the same event stands twice in the document"))
                continue
            }
            var event = original
            event.recordTime = context.recordTime
            let id = event.eventID ?? hashID
            event.eventID = id
            stored.append(StoredEvent(event: event, id: id, hashID: hashID))
        }
        if !duplicates.isEmpty && errorBehaviour == .rollback {
            throw StorageError(
                .duplicateEvent, "the document holds the same event twice; nothing was stored", eventIDs: duplicates)
        }
        events = stored
    }

    /// Removes (`.proceed`) or refuses (`.rollback`) events that the store already holds.
    ///
    /// The event hash leaves `errorDeclaration` out, and an error declaration carries the eventID of the event it
    /// corrects (EPCIS 2.0 section 7.4.1.2; CBV 2.0 section 8.9). So a plain event is already held when its hash
    /// or its eventID is stored; an error declaration only when a declaration with its hash is stored.
    /// - Parameters:
    ///   - hashes: the stored event hashes among ``events``' hashes.
    ///   - declaredHashes: those of them stored as error declarations.
    ///   - ids: the stored event IDs among ``events``' IDs.
    /// - Throws: ``StorageError`` `.duplicateEvent` with the IDs, under `.rollback`.
    public mutating func resolvingStored(
        hashes: Set<String>, declaredHashes: Set<String>, ids: Set<String>
    ) throws(StorageError) {
        guard !(hashes.isEmpty && declaredHashes.isEmpty && ids.isEmpty) else { return }
        let duplicates = events.filter { stored in
            stored.event.errorDeclaration == nil
                ? hashes.contains(stored.hashID) || ids.contains(stored.id)
                : declaredHashes.contains(stored.hashID)
        }
        guard !duplicates.isEmpty else { return }
        if errorBehaviour == .rollback {
            throw StorageError(
                .duplicateEvent, "\(duplicates.count) event(s) are already stored; nothing was stored",
                eventIDs: duplicates.map(\.id))
        }
        let duplicateIDs = Set(duplicates.map(\.id))
        rejected += duplicates.map { Diagnostic(at: $0.id, "already stored") }
        events.removeAll { duplicateIDs.contains($0.id) }
    }
}
