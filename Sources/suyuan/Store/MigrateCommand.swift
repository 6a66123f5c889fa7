import ArgumentParser
import Foundation
import Storage
import StoragePostgres

/// `suyuan migrate`: brings a PostgreSQL store's schema up to this build. SQLite stores migrate themselves on open.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the missing schema migrations to the event store.",
        discussion: """
            A PostgreSQL store refuses to start on an old schema until this runs; each migration step is applied \
            once, in its own transaction. A SQLite store migrates itself whenever it is opened.
            """
    )

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        let name = storeOption.name
        guard storeOption.isPostgres else {
            _ = try storeOption.open()
            print("\(name): SQLite stores migrate themselves when opened; the schema is current")
            return
        }
        do {
            let (applied, current) = try await PostgresEventStore.migrate(url: name)
            let done = applied.isEmpty ? "nothing to apply" : "applied \(applied.joined(separator: ", "))"
            print("\(name): \(done); schema at \(current.last ?? "none")")
        } catch let error as StorageError {
            FileHandle.standardError.write(Data("\(name): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
