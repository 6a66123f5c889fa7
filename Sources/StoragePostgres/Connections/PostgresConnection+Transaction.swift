import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` in a transaction: BEGIN, then COMMIT when it returns, ROLLBACK when it throws, like PostgresNIO's
    /// `withTransaction`, except that no ROLLBACK is sent on a connection that has closed: PostgreSQL ends the
    /// transaction of a session that is gone, and PostgresNIO 1.33 would never answer a query written to a closed
    /// connection (docs/decisions/0012-store-faults.md).
    /// - Throws: what `body` throws, or BEGIN's or COMMIT's error (as ``PostgresTransactionFailure``).
    func transaction<Result>(
        logger: Logger, _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            try await query("BEGIN;", logger: logger)
        } catch {
            throw PostgresTransactionFailure(step: "BEGIN", underlying: error)
        }
        let value: Result
        do {
            value = try await body(self)
        } catch {
            if !isClosed { _ = try? await query("ROLLBACK;", logger: logger) }
            throw error
        }
        do {
            try await query("COMMIT;", logger: logger)
        } catch {
            throw PostgresTransactionFailure(step: "COMMIT", underlying: error)
        }
        return value
    }
}

/// A transaction's BEGIN or COMMIT failed; the store maps the error underneath.
struct PostgresTransactionFailure: Error {
    var step: String
    var underlying: any Error
}
