import GRDB
public import Storage

extension SQLiteEventStore: StoreHealth {
    /// A read of the schema's first page: the file is there and readable. SQLite has no server to wait for, so the
    /// deadline does not come into it.
    public func checkHealth(within deadline: Duration) async throws(StorageError) {
        _ = try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
    }
}
