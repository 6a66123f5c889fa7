import PostgresNIO
public import Storage

extension PostgresEventStore: StoreHealth {
    /// `SELECT 1` on a pooled connection, waiting at most `deadline` for one.
    public func checkHealth(within deadline: Duration) async throws(StorageError) {
        let logger = logger
        try await withConnection(leaseTimeout: deadline) { connection in
            try await connection.query("SELECT 1", logger: logger)
        }
    }
}
