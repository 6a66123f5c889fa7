import ArgumentParser
import Foundation
import Storage
import StorageSQLite
import Transparency

/// `suyuan proof EVENT_ID`: prints the inclusion proof document of a stored event.
struct ProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Print the inclusion proof of a stored event (suyuan-inclusion-proof/v1 JSON).",
        discussion: """
            The document holds the SHA-256 of the stored event (not the event), its leaf index, the RFC 9162 audit \
            path and the latest signed tree head: `suyuan verify-proof FILE`, or any RFC 9162 verifier, checks it \
            offline, without the store.
            """
    )

    @Argument(help: "The event's ID (its eventID).")
    var eventID: String

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        try await storeOption.withStore { store in
            do {
                let bundle = try await store.inclusionProof(eventID: eventID)
                FileHandle.standardOutput.write(try bundle.jsonData() + Data("\n".utf8))
            } catch let error as StorageError {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
