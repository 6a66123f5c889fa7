public import EPCIS
import Foundation
import Logging
import PostgresNIO
public import Storage
import Transparency

/// The production event store: PostgreSQL through PostgresNIO.
///
/// The store wraps a `PostgresClient`, whose connection pool works only while its `run()` is running. So a store
/// is only handed out inside ``open(url:migrate:_:)``, which runs the client in a task group for as long as the
/// body runs and cancels it at the end (no unstructured task outlives the store).
///
/// The schema is the SQLite store's (``PostgresMigrations``). Unlike SQLite it does not migrate itself: a database
/// that is behind is refused with `.schemaOutdated` unless `migrate` is true (`suyuan migrate`). Each capture is one
/// transaction with batched inserts (``PostgresCapture``); queries narrow in SQL and confirm with ``EventMatcher``
/// (``PostgresQueryRunner``).
///
/// A capture also updates the projections (``PostgresProjections``) and appends its events to the Merkle log
/// (``PostgresLedger``), signing a tree head with the key file named by the URL
/// (docs/decisions/0006-postgres-ledger-key.md): all in the same transaction.
public struct PostgresEventStore: EventStore {
    let client: PostgresClient
    let logger: Logger
    /// Signs the tree head of every capture.
    let signer: TreeHeadSigner
    /// Tells operations when their connection closes (``PostgresOperation``).
    let watch = PostgresConnectionWatch()
    /// The layout of the store's tables, read from the database when it is opened.
    var layout: PostgresLayout = .plain

    init(client: PostgresClient, logger: Logger, signer: TreeHeadSigner) {
        self.client = client
        self.logger = logger
        self.signer = signer
    }

    /// Opens the store named by a URL, runs `body` with it, and closes it.
    /// - Parameters:
    ///   - url: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME][&ledgerKey=PATH][&partitioned=monthly]`;
    ///     `schema` sets the search path (created by a migration when missing); `ledgerKey` the signing key file
    ///     (created on first open; default `$SUYUAN_LEDGER_KEY`, else a file named after the database in the working
    ///     directory); `partitioned=monthly` creates the schema with declarative partitioning (``PostgresLayout``),
    ///     and is refused for a store that was created without it.
    ///   - migrate: apply missing migrations first; otherwise a database that is behind is refused.
    ///   - body: the work to do with the store.
    /// - Returns: what `body` returns.
    /// - Throws: ``StorageError`` `.schemaOutdated` ("run suyuan migrate"), `.unavailable` when the database cannot be
    ///   reached or the key file cannot be read or created, `.invalidQuery` for a malformed URL; or what `body`
    ///   throws.
    public static func open<Result: Sendable>(
        url: String, migrate: Bool = false, _ body: (PostgresEventStore) async throws -> Result
    ) async throws -> Result {
        try await withClient(url: url) { store, location in
            if migrate {
                try await store.migrate(creating: location)
            } else {
                try await store.requireCurrentSchema()
            }
            var store = store
            store.layout = try await store.storedLayout(requested: location.layout)
            return try await body(store)
        }
    }

    /// Applies the missing migrations to the database named by a URL (`suyuan migrate`).
    /// - Parameter url: as for ``open(url:migrate:_:)``.
    /// - Returns: the versions applied now (empty when the schema was current), and every applied version.
    /// - Throws: ``StorageError`` `.unavailable` or `.invalidQuery` as ``open(url:migrate:_:)`` does.
    public static func migrate(url: String) async throws -> (applied: [String], current: [String]) {
        try await withClient(url: url) { store, location in
            let applied = try await store.migrate(creating: location)
            return (applied, try await store.appliedMigrations())
        }
    }

    /// Runs a client for as long as `body` runs, in a task group that is cancelled at the end.
    private static func withClient<Result: Sendable>(
        url: String, _ body: (PostgresEventStore, _ location: PostgresStoreURL) async throws -> Result
    ) async throws -> Result {
        let location = try PostgresStoreURL(url)
        let signer: TreeHeadSigner
        do {
            signer = try TreeHeadSigner.loadOrCreate(keyFile: location.ledgerKeyFile)
        } catch let error as TransparencyError {
            throw StorageError(
                .unavailable, "the ledger key of the PostgreSQL store: \(error.message)", underlying: error)
        }
        // PostgresNIO logs every query at debug level and connection trouble at warning; by default only what is
        // critical reaches the server's log. SUYUAN_POSTGRES_LOG=trace|debug|info|warning shows more.
        var logger = Logger(label: "suyuan.storage.postgres")
        logger.logLevel = ProcessInfo.processInfo.environment["SUYUAN_POSTGRES_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        let client = PostgresClient(configuration: location.configuration, backgroundLogger: logger)
        let store = PostgresEventStore(client: client, logger: logger, signer: signer)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(store, location)
        }
    }

    /// The migration versions recorded in the database, oldest first.
    /// - Throws: ``StorageError`` `.unavailable`.
    public func appliedMigrations() async throws(StorageError) -> [String] {
        try await withConnection { connection in
            try await PostgresMigrations.applied(on: connection, logger: logger)
        }
    }

    /// Applies the missing migrations.
    /// - Returns: the versions applied now (empty when the schema was current).
    /// - Throws: ``StorageError`` `.unavailable`.
    @discardableResult
    public func migrate() async throws(StorageError) -> [String] {
        try await withConnection { connection in
            try await PostgresMigrations.migrate(on: connection, logger: logger)
        }
    }

    @discardableResult
    private func migrate(creating location: PostgresStoreURL) async throws(StorageError) -> [String] {
        if let schema = location.schema {
            _ = try await withConnection { connection in
                // `schema` is checked to be a plain identifier by PostgresStoreURL; identifiers cannot be bound.
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: logger)
            }
        }
        _ = try await storedLayout(requested: location.layout)
        let layout = location.layout
        return try await withConnection { connection in
            try await PostgresMigrations.migrate(on: connection, logger: logger, layout: layout)
        }
    }

    /// The layout of the tables, refusing a request for partitions on a store that was created without them (its
    /// tables cannot become partitioned in place).
    private func storedLayout(requested: PostgresLayout) async throws(StorageError) -> PostgresLayout {
        let stored = try await withConnection { connection in
            (
                try await PostgresMigrations.layout(on: connection, logger: logger),
                try await PostgresMigrations.applied(on: connection, logger: logger).contains("v1-events")
            )
        }
        if requested == .monthly, stored.1, stored.0 != .monthly {
            throw StorageError(
                .invalidQuery,
                "this PostgreSQL store was created without partitions;"
                    + " partitioned=monthly applies when a store is created")
        }
        return stored.0
    }

    private func requireCurrentSchema() async throws(StorageError) {
        let applied = Set(try await appliedMigrations())
        let missing = PostgresMigrations.versions.filter { !applied.contains($0) }
        guard missing.isEmpty else {
            throw StorageError(
                .schemaOutdated,
                "the PostgreSQL schema lacks \(missing.joined(separator: ", ")); run suyuan migrate")
        }
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
        // Validation, hashing and encoding are CPU work: the first batch is done before the transaction takes a
        // connection, the others while the transaction writes the ones before them (CapturePipeline).
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
        let logger = logger
        let signer = signer
        let layout = layout
        let recordTime = EventRecord.milliseconds(pipeline.recordTime)
        return try await withConnection { connection in
            if layout == .monthly {
                try await PostgresPartitions.ensure(recordTimes: [recordTime], on: connection, logger: logger)
            }
            return try await connection.transaction(logger: logger) { connection in
                try await PostgresCapture(connection: connection, logger: logger, signer: signer, layout: layout)
                    .run(pipeline)
            }
        }
    }

    public func events(matching query: EPCISQuery, page: PageRequest) async throws(StorageError) -> EventPage {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresQueryRunner(query: query, page: page, connection: connection, logger: logger).run()
        }
    }

    public func events(withID id: String) async throws(StorageError) -> [StoredEvent] {
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT id, event_id, hash_id, body FROM event WHERE event_id = \(id) OR hash_id = \(id) ORDER BY id
                """, logger: logger)
            var events: [StoredEvent] = []
            for try await (_, eventID, hashID, body) in rows.decode((Int64, String, String, ByteBuffer).self) {
                events.append(try PostgresEventDecoding.storedEvent(eventID: eventID, hashID: hashID, body: body))
            }
            return events
        }
    }

    /// Runs `body` on a pooled connection, mapping every error to ``StorageError`` (whose message never carries
    /// database text: PSQLError stays `underlying`, for logs). It always ends: a database that cannot be reached
    /// within ``PostgresOperation/leaseTimeout``, or a connection that closes under `body`, is `.unavailable`
    /// (``PostgresOperation``).
    func withConnection<T: Sendable>(
        leaseTimeout: Duration = PostgresOperation.leaseTimeout,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StorageError) -> T {
        do {
            return try await PostgresOperation.run(client: client, watch: watch, leaseTimeout: leaseTimeout, body)
        } catch {
            throw Self.storageError(error)
        }
    }

    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        // A transaction reports what its body threw (a duplicate refused by the plan, or a unique violation).
        if let error = error as? PostgresTransactionError, let closureError = error.closureError {
            return storageError(closureError)
        }
        if let error = error as? PostgresTransactionFailure { return storageError(error.underlying) }
        if error is PostgresOperation.Closed || error is PostgresCopyClosed {
            return StorageError(
                .unavailable, "the connection to the PostgreSQL store closed (the database restarted?)", underlying: error)
        }
        if let wait = error as? PostgresOperation.NoConnection {
            return StorageError(
                .unavailable, "the PostgreSQL store gave no connection within \(wait.waited)", underlying: error)
        }
        if let error = error as? PSQLError {
            let state = error.serverInfo?[.sqlState] ?? ""
            switch state {
            case "23505":
                return StorageError(
                    .duplicateEvent, "an event is already stored; nothing was stored", underlying: error)
            case "53100":
                return StorageError(
                    .storageFull, "the disk of the PostgreSQL store is full; nothing was stored", underlying: error)
            case _ where state.hasPrefix("08") || state.hasPrefix("57") || state.hasPrefix("53"):
                // Connection exceptions, operator intervention (shutdown, restart, cannot connect now) and
                // insufficient resources: the database is there but cannot serve now.
                return StorageError(.unavailable, "the PostgreSQL store cannot serve now", underlying: error)
            default:
                break
            }
            if error.serverInfo == nil {
                return StorageError(.unavailable, "the PostgreSQL store cannot be reached", underlying: error)
            }
        }
        return StorageError(.internalFailure, "the PostgreSQL store failed", underlying: error)
    }
}
