public import EPCIS

/// The events of a document made ready for storing: validated, hashed, given their IDs and record time, and
/// checked for duplicates within the document, as one batch of a ``CapturePlanner``. Backends then check them
/// against what they hold (``resolvingStored(hashes:declaredHashes:ids:)``) inside their transaction.
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
    /// - Throws: ``StorageError`` `.invalidDocument` with every diagnostic (rollback, or a problem of the document
    ///   itself), `.duplicateEvent` for an event the document holds twice (rollback).
    public init(
        _ document: EPCISDocument, locations: [EventLocation]? = nil, context: CaptureContext
    ) throws(StorageError) {
        var planner = CapturePlanner(document, locations: locations, context: context)
        let batch = planner.planNext(document.events.count, withRecords: false)
        rejected = try planner.finish()
        events = batch.events
        masterData = planner.masterData
        errorBehaviour = planner.errorBehaviour
    }

    /// Removes (`.proceed`) or refuses (`.rollback`) events that the store already holds
    /// (``CapturePlanner/storedDuplicates(in:hashes:declaredHashes:ids:)``).
    /// - Parameters:
    ///   - hashes: the stored event hashes among ``events``' hashes.
    ///   - declaredHashes: those of them stored as error declarations.
    ///   - ids: the stored event IDs among ``events``' IDs.
    /// - Throws: ``StorageError`` `.duplicateEvent` with the IDs, under `.rollback`.
    public mutating func resolvingStored(
        hashes: Set<String>, declaredHashes: Set<String>, ids: Set<String>
    ) throws(StorageError) {
        let duplicates = CapturePlanner.storedDuplicates(
            in: events, hashes: hashes, declaredHashes: declaredHashes, ids: ids)
        guard !duplicates.isEmpty else { return }
        if errorBehaviour == .rollback { throw CapturePlanner.alreadyStored(duplicates) }
        let duplicateIDs = Set(duplicates.map(\.id))
        rejected += CapturePlanner.alreadyStoredDiagnostics(duplicates)
        events.removeAll { duplicateIDs.contains($0.id) }
    }
}
