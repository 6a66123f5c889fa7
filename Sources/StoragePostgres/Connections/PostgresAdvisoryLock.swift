import Logging
import PostgresNIO

/// The advisory locks of the store, each keyed by its kind and by the schema the connection works in
/// (`pg_advisory_lock(kind, hashtext(current_schema()))`): captures, migrations and partition creation of one store
/// wait on each other, and stores in different schemas of one database do not (two platforms in one PostgreSQL, or
/// the test suite's hundred schemas, would otherwise take turns for every capture).
enum PostgresAdvisoryLock: Int32, Sendable {
    /// Serialises migrations of a schema (session-level, around the steps).
    case migration = 4_620_815
    /// Serialises captures of a schema, so that rows and leaves are numbered without gaps.
    case capture = 4_620_816
    /// Serialises the creation of a schema's monthly partitions.
    case partition = 4_620_817

    /// The two keys of the lock, as SQL: the kind and the hash of the connection's schema (an empty name when the
    /// search path names no schema that exists).
    var keys: String { "\(rawValue), hashtext(coalesce(current_schema()::text, ''))" }

    /// Waits for the lock and holds it until the transaction ends.
    func holdForTransaction(on connection: PostgresConnection, logger: Logger) async throws {
        // Only the lock's constant and the server's own current_schema() are in the SQL: no request data.
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(\(keys))"), logger: logger)
    }

    /// Waits for the lock and holds it for the session, until ``release(on:logger:)``.
    func hold(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock(\(keys))"), logger: logger)
    }

    /// Releases a lock held for the session.
    func release(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(keys))"), logger: logger)
    }
}
