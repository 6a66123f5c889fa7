import ArgumentParser
import Foundation
import Storage
import StorageSQLite

/// `--store sqlite:PATH`, shared by every command that opens the event store; the one place that reads it.
///
/// Without the option, `SUYUAN_STORE` from the environment, else `sqlite:suyuan.sqlite`. `sqlite::memory:` opens
/// a store that lives as long as the command.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: "The event store: sqlite:PATH (default: $SUYUAN_STORE, else sqlite:suyuan.sqlite).")
    var store: String?

    /// The store name in effect.
    var name: String {
        store ?? ProcessInfo.processInfo.environment["SUYUAN_STORE"] ?? "sqlite:suyuan.sqlite"
    }

    /// Opens (creating and migrating when needed) the named store.
    /// - Throws: `ValidationError` for an unknown backend; exit 1 when the store cannot be opened.
    func open() throws -> SQLiteEventStore {
        guard name.hasPrefix("sqlite:"), name.count > "sqlite:".count else {
            throw ValidationError("--store must be sqlite:PATH (got \(name))")
        }
        do {
            return try SQLiteEventStore(path: String(name.dropFirst("sqlite:".count)))
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
