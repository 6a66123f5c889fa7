public import EPCIS
import Foundation
import GRDB
public import Storage

/// The embedded event store: one SQLite file (or memory), through GRDB.
///
/// A file is opened as a `DatabasePool` in WAL mode, so that queries read while a capture writes; `:memory:` is a
/// `DatabaseQueue`. The schema migrates itself on open (``SQLiteMigrations``). Each capture is one write
/// transaction holding the events, their index rows, master data and the projections
/// (``SQLiteProjector``): all of a document or nothing.
public struct SQLiteEventStore: EventStore {
    /// Where the database lives.
    public enum Location: Hashable, Sendable {
        /// A private database in memory, gone when the store is.
        case memory
        /// A file, created when missing.
        case file(String)
    }

    let writer: any DatabaseWriter

    /// Opens (and creates and migrates when needed) a store.
    /// - Parameter location: a file path, or memory.
    /// - Throws: ``StorageError`` `.unavailable` when the file cannot be opened or migrated.
    public init(_ location: Location) throws(StorageError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // A capture is one large transaction: a 64 MiB page cache keeps it from spilling pages to the WAL
            // before commit. In WAL mode `synchronous = NORMAL` stays consistent after a crash; only the last
            // transactions before a power loss may be lost (https://sqlite.org/wal.html#performance).
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        do {
            switch location {
            case .memory:
                writer = try DatabaseQueue(configuration: configuration)
            case .file(let path):
                writer = try DatabasePool(path: path, configuration: configuration)
            }
            try SQLiteMigrations.migrator.migrate(writer)
        } catch {
            throw StorageError(.unavailable, "the SQLite store cannot be opened", underlying: error)
        }
    }

    /// Opens a store named like `sqlite:PATH` or `sqlite::memory:`.
    /// - Parameter path: a path, or `:memory:`.
    /// - Throws: ``StorageError`` `.unavailable` as ``init(_:)`` does.
    public init(path: String) throws(StorageError) {
        try self.init(path == ":memory:" ? .memory : .file(path))
    }

    /// The names of the migration steps applied to the database, oldest first.
    /// - Throws: ``StorageError`` `.unavailable`.
    public func appliedMigrations() async throws(StorageError) -> [String] {
        try await read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    public func capture(_ document: EPCISDocument, context: CaptureContext) async throws(StorageError)
        -> CaptureReceipt
    {
        try await capture(document, locations: nil, context: context)
    }

    /// Captures a document whose events' source places are known (for diagnostics), as ``capture(_:context:)``.
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood in the source.
    ///   - context: record time, error behaviour, validator.
    /// - Returns: what was stored.
    /// - Throws: ``StorageError`` as ``EventStore/capture(_:context:)`` does.
    public func capture(_ document: EPCISDocument, locations: [EventLocation]?, context: CaptureContext)
        async throws(StorageError) -> CaptureReceipt
    {
        // Validation, hashing and encoding are CPU work that needs no lock: do them before the transaction.
        let plan = try CapturePlan(document, locations: locations, context: context)
        let records = EventRecord.records(for: plan.events)
        return try await write { db in try SQLiteCapture.run(plan, records: records, in: db) }
    }

    public func events(matching query: EPCISQuery, page: PageRequest) async throws(StorageError) -> EventPage {
        try await read { db in try SQLiteQueryRunner(query: query, page: page).run(db) }
    }

    public func events(withID id: String) async throws(StorageError) -> [StoredEvent] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, event_id, hash_id, body FROM event WHERE event_id = ?
                    UNION SELECT id, event_id, hash_id, body FROM event WHERE hash_id = ? AND has_error_declaration = 0
                    UNION SELECT id, event_id, hash_id, body FROM event WHERE hash_id = ? AND has_error_declaration = 1
                    ORDER BY id
                    """,
                arguments: [id, id, id])
            return try rows.map(SQLiteEventDecoding.storedEvent)
        }
    }

    /// Recreates the projections (identifier state, lot balances, open shipments) from the stored events.
    /// - Throws: ``StorageError`` `.internalFailure` when a stored event cannot be read back.
    public func rebuildProjections() async throws(StorageError) {
        try await write { db in try SQLiteProjector.rebuild(db) }
    }

    /// Runs a read, mapping database errors to ``StorageError`` (whose message never carries database text).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Runs a write transaction, mapping errors as ``read(_:)`` does.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
            return StorageError(.duplicateEvent, "an event is already stored; nothing was stored", underlying: error)
        }
        return StorageError(.internalFailure, "the SQLite store failed", underlying: error)
    }
}
