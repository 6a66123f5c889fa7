public import EPCIS
import Foundation
import GRDB
public import Storage
import Transparency

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
    /// The Merkle log every captured event joins, and the key that signs its heads.
    let ledger: SQLiteLedger
    /// How many events one page of a reconciliation reads (``scanReconcileEvents(since:page:)``): larger pages
    /// mean fewer statements and more memory per page in flight.
    public var reconcilePageSize: Int64 = 20_000

    /// Opens (and creates and migrates when needed) a store.
    ///
    /// The ledger's Ed25519 signing key sits beside a file store (`PATH.ledger-key.pem`, mode 0600), created on
    /// first open and reused after; a memory store signs with a new key of its own.
    /// - Parameter location: a file path, or memory.
    /// - Throws: ``StorageError`` `.unavailable` when the file cannot be opened or migrated, or the key file
    ///   cannot be read or created.
    public init(_ location: Location) throws(StorageError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            db.add(function: SQLiteEventDecoding.bodyFunction)
            // A capture is one large transaction: a 64 MiB page cache keeps it from spilling pages to the WAL
            // before commit. In WAL mode `synchronous = NORMAL` stays consistent after a crash; only the last
            // transactions before a power loss may be lost (https://sqlite.org/wal.html#performance).
            // Pages are read through a memory map (up to the 2 GiB this SQLite build allows) instead of a read()
            // per page miss, which is what large stores spend their time on once the indexes outgrow the cache.
            // Debian builds SQLite with SECURE_DELETE, which zeroes freed cell content on every update of the
            // projections; nothing here needs that.
            try db.execute(
                sql: """
                    PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 2147418112;
                    PRAGMA secure_delete = OFF
                    """)
            if !db.configuration.readonly {
                // The writer holds the indexes that capture touches at random (event hashes, identifier keys,
                // identifier states): 256 MiB of them stay in its cache.
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144")
            }
        }
        do {
            let signer: TreeHeadSigner
            switch location {
            case .memory:
                writer = try DatabaseQueue(configuration: configuration)
                signer = TreeHeadSigner()
            case .file(let path):
                writer = try DatabasePool(path: path, configuration: configuration)
                signer = try TreeHeadSigner.loadOrCreate(
                    keyFile: TreeHeadSigner.keyFile(besideStoreAt: URL(fileURLWithPath: path)))
            }
            try SQLiteMigrations.migrator.migrate(writer)
            ledger = try SQLiteLedger(writer: writer, signer: signer)
        } catch let error as TransparencyError {
            throw StorageError(.unavailable, "the ledger key of the SQLite store: \(error.message)", underlying: error)
        } catch let error as StorageError {
            // A migration step that refuses the store (a damaged ledger) says why; keep its words.
            throw StorageError(.unavailable, "the SQLite store cannot be opened: \(error.message)", underlying: error)
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
        // Validation, hashing and encoding are CPU work: the first batch is done before the transaction, the
        // others while the transaction stores the ones before them (CapturePipeline).
        try await capture(planned: CapturePipeline(planning: document, locations: locations, context: context))
    }

    /// Stores a document whose planning already began (``CapturePipeline/init(planning:locations:context:)``), so
    /// that a caller with several documents plans the next one while this one is written. Ends the pipeline.
    /// - Parameter pipeline: the document's pipeline, not used by another capture.
    /// - Returns: what was stored.
    /// - Throws: ``StorageError`` as ``EventStore/capture(_:context:)`` does.
    public func capture(planned pipeline: CapturePipeline) async throws(StorageError) -> CaptureReceipt {
        defer { pipeline.cancel() }
        try pipeline.refuseEarly()
        let ledger = ledger
        do {
            return try await write { db in try SQLiteCapture.run(pipeline, ledger: ledger, in: db) }
        } catch {
            // Whatever failed (a COMMIT on a full disk, an I/O error), the next capture continues the log the
            // database holds.
            if error.code != .invalidDocument && error.code != .duplicateEvent { try? ledger.reload(from: writer) }
            throw error
        }
    }

    public func events(matching query: EPCISQuery, page: PageRequest) async throws(StorageError) -> EventPage {
        try await read { db in try SQLiteQueryRunner(query: query, page: page).run(db) }
    }

    public func events(withID id: String) async throws(StorageError) -> [StoredEvent] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SQLiteEventDecoding.columns()) FROM event WHERE event_id = ?1
                    UNION SELECT \(SQLiteEventDecoding.columns()) FROM event
                    WHERE \(SQLiteCompactID.hashMatch("hash", "?1"))
                    ORDER BY id
                    """,
                arguments: [SQLiteCompactID.value(id)])
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
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_CONSTRAINT:
                return StorageError(
                    .duplicateEvent, "an event is already stored; nothing was stored", underlying: error)
            case .SQLITE_FULL:
                return StorageError(
                    .storageFull, "the disk of the SQLite store is full; nothing was stored", underlying: error)
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY, .SQLITE_NOMEM:
                return StorageError(
                    .unavailable, "the SQLite store cannot be written or read now; nothing was stored",
                    underlying: error)
            default:
                break
            }
        }
        return StorageError(.internalFailure, "the SQLite store failed", underlying: error)
    }
}
