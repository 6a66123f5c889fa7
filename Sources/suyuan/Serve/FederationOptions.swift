import ArgumentParser
import Federation
import Foundation
import Server

/// `--platform ID --peers FILE`: this platform's place in a federation (docs/decisions/0013-federation.md).
struct FederationOptions: ParsableArguments {
    @Option(help: "This platform's ID in the federation (letters, digits, - and _).")
    var platform: String?

    @Option(help: "The peers file: JSON {\"platforms\": [{\"id\", \"url\", \"key\", \"publicKey\", \"prefixes\", …}]}.")
    var peers: String?

    @Option(help: "Seconds a trace waits for a peer before it goes on without it (a partial result).")
    var peerTimeout: Double = 3

    /// The settings the options give.
    /// - Throws: `ValidationError` for a peers file that cannot be read or breaks a rule.
    func settings() throws -> FederationSettings {
        guard let platform else {
            guard peers == nil else { throw ValidationError("--peers needs --platform ID (this platform's ID)") }
            return FederationSettings()
        }
        guard !platform.isEmpty, platform.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationError("--platform: letters, digits, - and _ only")
        }
        var directory = PlatformDirectory(selfID: platform)
        if let peers {
            guard let data = FileManager.default.contents(atPath: peers) else {
                throw ValidationError("--peers: cannot read \(peers)")
            }
            do {
                directory = try PeersFile.read(data, selfID: platform)
            } catch {
                throw ValidationError("--peers \(peers): \(error.message)")
            }
        }
        guard peerTimeout > 0 else { throw ValidationError("--peer-timeout must be more than 0 seconds") }
        return FederationSettings(directory: directory, peerTimeout: .milliseconds(Int64(peerTimeout * 1_000)))
    }
}
