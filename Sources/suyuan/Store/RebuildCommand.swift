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
        try await storeOption.withStore { store in
            do {
                try await store.rebuildProjections()
                print("\(storeOption.name): projections rebuilt")
            } catch let error as StorageError {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
