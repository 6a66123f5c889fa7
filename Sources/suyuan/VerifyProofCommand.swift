import ArgumentParser
import Foundation
import Transparency

/// `suyuan verify-proof FILE`: checks an inclusion proof document offline, without the store.
struct VerifyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an RFC 9162 inclusion proof document (suyuan-inclusion-proof/v1) offline, without the store.",
        discussion: """
            Checks that the leaf data (if present) hashes to the leaf hash, that the proof and the signed tree head \
            name the same tree size, that the tree head's Ed25519 signature is valid, and that the audit path \
            leads from the leaf to the signed root (RFC 9162 section 2.1.3.2). Exits 0 when the proof is valid, \
            1 naming what failed.
            """
    )

    @Argument(help: "The proof document (JSON); - reads standard input.")
    var file: String

    @Option(help: "The log's public key (64 hexadecimal digits). Without it the key carried in the document is used.")
    var key: String?

    func run() throws {
        do {
            let trusted = try key.map { try LogPublicKey(hex: $0) }
            let bundle = try InclusionProofBundle.decode(json: try readDocument())
            try bundle.verify(trusting: trusted)
            let head = bundle.signedTreeHead
            let subject = bundle.eventID.map { " (\($0))" } ?? ""
            print(
                "proof valid: leaf \(bundle.proof.leafIndex)\(subject) in tree of size \(bundle.proof.treeSize), "
                    + "root \(head.treeHead.rootHash.hex), signed by key \(head.publicKey.keyID) "
                    + "(\(head.publicKey.hex)) at \(head.treeHead.date.formatted(.iso8601))"
            )
            if trusted == nil {
                print("note: checked with the key the document carries; pass --key to require the log's own key")
            }
        } catch let error as TransparencyError {
            FileHandle.standardError.write(Data("proof invalid (\(error.code)): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func readDocument() throws -> Data {
        if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw TransparencyError(.proofDocumentMalformed, "cannot read \(file)", underlying: error)
        }
    }
}
