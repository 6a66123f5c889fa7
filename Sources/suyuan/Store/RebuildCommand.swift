import ArgumentParser
import Foundation
import Storage
import StorageSQLite

/// `suyuan rebuild`: recreates the projections (identifier state, lot balances, open shipments) from the events.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Recreate the projections of the event store from its events."
    )

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        guard !storeOption.isPostgres else {
            // The PostgreSQL store has no projection tables yet (docs/proposals/0002-postgres-event-store.md): say so rather than pretend.
            FileHandle.standardError.write(
                Data("\(storeOption.name): the PostgreSQL store keeps no projections yet\n".utf8))
            throw ExitCode(1)
        }
        let store = try storeOption.open()
        do {
            try await store.rebuildProjections()
            print("\(storeOption.name): projections rebuilt")
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
