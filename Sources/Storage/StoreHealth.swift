/// A store that can say quickly whether it can serve: what `GET /health` asks.
public protocol StoreHealth: Sendable {
    /// Checks that the store answers a trivial read within `deadline`.
    /// - Throws: ``StorageError`` `.unavailable` when it cannot be reached (or does not answer in time).
    func checkHealth(within deadline: Duration) async throws(StorageError)
}

extension InMemoryEventStore: StoreHealth {
    public func checkHealth(within deadline: Duration) throws(StorageError) {}
}
