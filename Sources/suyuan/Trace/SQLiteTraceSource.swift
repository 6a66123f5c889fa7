import StorageSQLite
import TraceEngine

/// The SQLite store as the engine's source, as a concrete type for the generic engine.
struct SQLiteTraceSource: TraceGraphSource {
    let store: SQLiteEventStore

    func events(touching keys: Set<String>) async throws -> [TraceEvent] {
        try await store.events(touching: keys)
    }
}
