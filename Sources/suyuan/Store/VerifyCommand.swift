import ArgumentParser
import Foundation
import Storage
import StorageSQLite
import Transparency

/// `suyuan verify`: checks every stored event against its ledger leaf and the latest signed tree head.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every stored event against the ledger and its signed tree head.",
        discussion: """
            Hashes every stored event body again and compares it with its leaf in the Merkle log, checks that the \
            leaves and the stored tiles lead to the latest signed root, and that the head's Ed25519 \
            signature verifies with the store's key. Exits 0 when the ledger is intact; otherwise 1, naming every \
            event whose stored content no longer matches.
            """
    )

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        let result: LedgerVerification = try await storeOption.withStore { store in
            do {
                return try await store.verifyLedger()
            } catch let error as StorageError {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                throw ExitCode(1)
            }
        }
        guard result.isIntact else {
            report(result)
            throw ExitCode(1)
        }
        guard let head = result.signedTreeHead else {
            print("ledger intact: 0 events, no tree head yet (key \(result.publicKey.keyID))")
            return
        }
        print(
            "ledger intact: \(result.eventCount) events, tree head size \(head.treeHead.treeSize) root "
                + "\(head.treeHead.rootHash.hex) at \(head.treeHead.date.formatted(.iso8601)), signed by key "
                + "\(head.publicKey.keyID) (\(head.publicKey.hex))")
    }

    private func report(_ result: LedgerVerification) {
        var lines = ["ledger NOT intact (\(storeOption.name)): \(result.eventCount) events checked"]
        for id in result.tamperedEventIDs { lines.append("tampered event: \(id)") }
        for leaf in result.missingEventLeaves { lines.append("missing event: leaf \(leaf) has no stored event") }
        for node in result.inconsistentNodes {
            lines.append(
                "ledger node \(node) (level/index): its tile is missing or malformed, or it is not the root of the "
                    + "tile below it")
        }
        if let problem = result.signatureProblem { lines.append("tree head signature: \(problem)") }
        if let head = result.signedTreeHead {
            let size = head.treeHead.treeSize
            if let audit = result.audit, !audit.contentMatchesSignedRoot {
                lines.append("the stored events do not lead to the signed root of size \(size)")
            }
            if let audit = result.audit, !audit.storedLeavesMatchSignedRoot {
                lines.append("the stored leaves do not lead to the signed root of size \(size)")
            }
            if !result.storedNodesMatchSignedRoot {
                lines.append("the stored tiles do not reproduce the signed root of size \(size)")
            }
        } else {
            lines.append("events are stored but no signed tree head covers them")
        }
        print(lines.joined(separator: "\n"))
    }
}
