import ArgumentParser
import EPCIS
import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Server
import TraceEngine

/// `--store sqlite:PATH|postgres://USER@HOST:PORT/DB`, shared by every command that opens the event store; the one
/// place that reads it.
///
/// Without the option, `SUYUAN_STORE` from the environment, else `sqlite:suyuan.sqlite`. `sqlite::memory:` opens
/// a store that lives as long as the command. A PostgreSQL store must have been migrated (`suyuan migrate`).
struct StoreOption: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The event store: sqlite:PATH or postgres://USER@HOST:PORT/DB (default: $SUYUAN_STORE, else sqlite:suyuan.sqlite)."
    )
    var store: String?

    /// The store name in effect.
    var name: String {
        store ?? ProcessInfo.processInfo.environment["SUYUAN_STORE"] ?? "sqlite:suyuan.sqlite"
    }

    /// Whether the name is a PostgreSQL URL.
    var isPostgres: Bool { name.hasPrefix("postgres://") || name.hasPrefix("postgresql://") }

    /// Opens (creating and migrating when needed) the named SQLite store.
    /// - Throws: `ValidationError` for another backend; exit 1 when the store cannot be opened.
    func open() throws -> SQLiteEventStore {
        guard name.hasPrefix("sqlite:"), name.count > "sqlite:".count else {
            throw ValidationError("--store must be sqlite:PATH or postgres://USER@HOST:PORT/DB (got \(name))")
        }
        do {
            return try SQLiteEventStore(path: String(name.dropFirst("sqlite:".count)))
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Opens the named store of either backend and runs `body` with it; a PostgreSQL client runs only as long as
    /// `body` does.
    /// - Parameters:
    ///   - migrate: apply missing PostgreSQL migrations first (SQLite always migrates itself).
    ///   - body: the command's work.
    /// - Throws: exit 1 when the store cannot be opened (the reason goes to stderr); what `body` throws.
    func withStore<T: Sendable>(migrate: Bool = false, _ body: (any CommandStore) async throws -> T) async throws -> T {
        guard isPostgres else { return try await body(open()) }
        do {
            return try await PostgresEventStore.open(url: name, migrate: migrate) { store in try await body(store) }
        } catch let error as StorageError {
            FileHandle.standardError.write(Data("\(name): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// What the store commands need of a backend: everything the server needs (``Server/PlatformStore``); both
/// backends provide all of it.
protocol CommandStore: PlatformStore {}

/// Either backend as the trace engine's source, as one concrete type for the generic engine.
struct StoreTraceSource: TraceGraphSource {
    let store: any CommandStore

    func events(touching keys: Set<String>) async throws -> [TraceEvent] {
        try await store.events(touching: keys)
    }
}

extension SQLiteEventStore: CommandStore {}
extension PostgresEventStore: CommandStore {}
