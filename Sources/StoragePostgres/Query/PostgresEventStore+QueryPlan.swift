import EPCIS
import PostgresNIO
import Storage

extension PostgresEventStore {
    /// The plan PostgreSQL makes for the first candidate scan of a query, as `EXPLAIN (FORMAT JSON)` gives it: the
    /// runner's narrowing condition (``PostgresQueryFilter``, every value bound) in row order, one batch. It shows
    /// which partitions and indexes a query reads (docs/decisions/0025-national-hub-partitioning.md); values are bound
    /// as the runner binds them, so PostgreSQL prunes partitions as it does for the real query.
    /// - Throws: ``StorageError`` `.unavailable` or `.internalFailure`.
    func candidatePlan(for query: EPCISQuery) async throws(StorageError) -> String {
        let filter = PostgresQueryFilter(query.predicates)
        let logger = logger
        return try await withConnection { connection in
            // The SQL holds column names and placeholders only; every value is in the bindings.
            let sql =
                "EXPLAIN (FORMAT JSON) SELECT event.id, event.event_id, event.hash_id, event.body FROM event"
                + " WHERE (\(filter.sql)) ORDER BY event.id LIMIT \(PostgresQueryRunner.batchSize)"
            var plan = ""
            for try await line in try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: filter.bindings), logger: logger
            ).decode(String.self) {
                plan += line
            }
            return plan
        }
    }
}
