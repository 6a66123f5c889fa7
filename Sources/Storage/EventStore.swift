public import EPCIS

/// Where EPCIS events are kept: the seam between the platform and its databases.
///
/// Every backend (in-memory, SQLite, PostgreSQL) implements it and passes the same conformance suite
/// (StorageTesting). Capture is atomic per document: all of its events (and their index rows, ledger leaves
/// and projections) are stored, or none.
public protocol EventStore: Sendable {
    /// Stores the events and master data of a document in one transaction.
    ///
    /// Events are validated, hashed and checked for duplicates first. With `.rollback` any problem stores
    /// nothing; with `.proceed` the good events are stored and the receipt lists the problems of the others.
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - context: record time, error behaviour, validation settings.
    /// - Returns: the IDs of the stored events.
    /// - Throws: ``StorageError`` `.invalidDocument` (with every diagnostic) or `.duplicateEvent` (with the IDs).
    func capture(_ document: EPCISDocument, context: CaptureContext) async throws(StorageError) -> CaptureReceipt

    /// The events that match a SimpleEventQuery, one page at a time.
    /// - Parameters:
    ///   - query: the query.
    ///   - page: page size and token.
    /// - Throws: ``StorageError`` `.invalidQuery`, `.queryTooLarge` (more events than `maxEventCount`) or
    ///   `.invalidPageToken`.
    func events(matching query: EPCISQuery, page: PageRequest) async throws(StorageError) -> EventPage

    /// One event by its ID (as supplied on capture, or its event hash).
    /// - Returns: the events with that ID: the original and any error declarations of it, oldest first.
    func events(withID id: String) async throws(StorageError) -> [StoredEvent]
}
