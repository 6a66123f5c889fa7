public import Foundation
import Transparency

/// The peers file `suyuan serve --platform ID --peers FILE` reads, so that any operator (and any test) can write
/// one:
///
/// ```json
/// {"platforms": [
///   {"id": "bj", "url": "http://127.0.0.1:8082", "key": "KEY-THIS-PLATFORM-USES-THERE", "publicKey": "…hex…",
///    "prefixes": ["6902345", "6903456"], "kind": "suyuan", "trustRegulators": true},
///   {"id": "acme", "url": "http://127.0.0.1:9000", "key": "…", "prefixes": ["6909999"], "kind": "epcis"},
///   {"id": "sh", "url": "http://127.0.0.1:8081", "prefixes": ["6901234"]}
/// ]}
/// ```
///
/// The entry whose `id` is this platform's gives its own prefixes. `publicKey` is optional: a Suyuan peer without
/// one is asked once (`GET /federation/platform`) and the answer is pinned. `kind` is `suyuan` (default) or `epcis`
/// (any EPCIS 2.0 repository). `trustRegulators` (default false) lets that peer's requests made on a regulator's
/// behalf see what this platform's own regulators see. `directory: true` marks a hub whose
/// `GET /federation/directory` fills in the prefixes, URLs and keys of the platforms it lists.
public enum PeersFile {
    /// One entry as written.
    struct Entry: Codable {
        var id: String
        var url: String?
        var key: String?
        var publicKey: String?
        var prefixes: [String]?
        var kind: PeerPlatform.Kind?
        var trustRegulators: Bool?
        var directory: Bool?
    }

    struct File: Codable {
        var platforms: [Entry]
    }

    /// Reads a peers file into this platform's directory.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - selfID: this platform's ID.
    /// - Returns: the directory.
    /// - Throws: ``FederationError`` naming the entry and the field that is wrong.
    public static func read(_ data: Data, selfID: String) throws(FederationError) -> PlatformDirectory {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw FederationError(.invalidPeers, "the peers file is not {\"platforms\": [{\"id\", \"url\", …}]}: \(error)")
        }
        var own: [String] = []
        var peers: [PeerPlatform] = []
        var seen = Set<String>()
        for (index, entry) in file.platforms.enumerated() {
            let place = "platforms[\(index)]"
            guard !entry.id.isEmpty, entry.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw FederationError(.invalidPeers, "\(place).id: letters, digits, - and _ only (got \"\(entry.id)\")")
            }
            guard seen.insert(entry.id).inserted else {
                throw FederationError(.invalidPeers, "\(place).id: \(entry.id) is listed twice")
            }
            for prefix in entry.prefixes ?? [] where prefix.isEmpty || !prefix.allSatisfy(\.isNumber) {
                throw FederationError(.invalidPeers, "\(place).prefixes: \"\(prefix)\" is not a string of digits")
            }
            if entry.id == selfID {
                own = entry.prefixes ?? []
                continue
            }
            guard let url = entry.url, let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https",
                parsed.host != nil
            else {
                throw FederationError(.invalidPeers, "\(place).url: an http(s) URL is required for a peer")
            }
            var publicKey: LogPublicKey?
            if let hex = entry.publicKey {
                do {
                    publicKey = try LogPublicKey(hex: hex)
                } catch {
                    throw FederationError(.invalidPeers, "\(place).publicKey: not an Ed25519 public key in hex")
                }
            }
            peers.append(
                PeerPlatform(
                    id: entry.id, url: url, key: entry.key, publicKey: publicKey, prefixes: entry.prefixes ?? [],
                    kind: entry.kind ?? .suyuan, trustsRegulators: entry.trustRegulators ?? false,
                    servesDirectory: entry.directory ?? false))
        }
        return PlatformDirectory(selfID: selfID, ownPrefixes: own, peers: peers)
    }

    /// Writes a directory as a peers file (keys included).
    public static func write(_ directory: PlatformDirectory) -> Data {
        var entries = [Entry(id: directory.selfID, prefixes: directory.ownPrefixes)]
        for peer in directory.peers.values.sorted(by: { $0.id < $1.id }) {
            entries.append(
                Entry(
                    id: peer.id, url: peer.url, key: peer.key, publicKey: peer.publicKey?.hex, prefixes: peer.prefixes,
                    kind: peer.kind, trustRegulators: peer.trustsRegulators, directory: peer.servesDirectory))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(File(platforms: entries))) ?? Data()
    }
}
