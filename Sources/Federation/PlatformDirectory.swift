public import EPCIS
public import Foundation
import Identifiers
import Transparency

/// Which platform is home to which identifiers and parties: the longest GS1 Company Prefix or China drug code
/// prefix that an identifier starts with names its home, as DSCSA's lookup directory maps a GTIN's company prefix
/// to its responder.
///
/// A GTIN is matched without its indicator digit and an SSCC without its extension digit (the company prefix
/// follows them); GLNs, party GLNs and the other GS1 keys from their first digit; a China drug traceability code
/// (20 digits starting with 8) by its leading digits.
public struct PlatformDirectory: Hashable, Sendable {
    /// This platform's ID.
    public var selfID: String
    /// This platform's own prefixes.
    public var ownPrefixes: [String]
    /// The peers, by ID.
    public var peers: [String: PeerPlatform]

    /// Makes a directory.
    public init(selfID: String, ownPrefixes: [String] = [], peers: [PeerPlatform] = []) {
        self.selfID = selfID
        self.ownPrefixes = ownPrefixes
        self.peers = Dictionary(peers.map { ($0.id, $0) }) { first, _ in first }
    }

    /// A directory of one platform and no peers.
    public static func alone(_ id: String = "local") -> PlatformDirectory { PlatformDirectory(selfID: id) }

    /// Whether there is any peer.
    public var isFederated: Bool { !peers.isEmpty }

    /// The home platform of an identifier, a party or a location (any spelling: EPC URN, Digital Link, canonical
    /// key), or nil when no prefix matches.
    /// - Parameter identifier: the identifier.
    /// - Returns: a platform ID (``selfID`` for this platform's own).
    public func home(of identifier: String) -> String? {
        let digits = Self.matchDigits(identifier)
        guard !digits.isEmpty else { return nil }
        var best: (length: Int, platform: String)?
        func consider(_ prefix: String, _ platform: String) {
            guard !prefix.isEmpty, prefix.count > (best?.length ?? 0) else { return }
            if digits.contains(where: { $0.hasPrefix(prefix) }) { best = (prefix.count, platform) }
        }
        for prefix in ownPrefixes { consider(prefix, selfID) }
        for peer in peers.values.sorted(by: { $0.id < $1.id }) {
            for prefix in peer.prefixes { consider(prefix, peer.id) }
        }
        return best?.platform
    }

    /// The home of an identifier when it is another platform; nil for this platform's own and for unknown ones.
    public func foreignHome(of identifier: String) -> String? {
        // A platform with no peer has no foreign home to name (and a consumer scan need not parse the code for it).
        guard isFederated, let home = home(of: identifier), home != selfID else { return nil }
        return home
    }

    /// The digit strings an identifier's prefixes are matched against.
    static func matchDigits(_ identifier: String) -> [String] {
        var found: [String] = []
        let key = IdentifierURI(identifier).canonicalKey
        if key.hasPrefix("https://id.gs1.org/"), let url = URLComponents(string: key) {
            let parts = url.path.split(separator: "/").map(String.init)
            if parts.count >= 2 {
                let ai = parts[0]
                let value = parts[1]
                switch ai {
                case "01", "02": found.append(String(value.dropFirst()))
                case "00": found.append(String(value.dropFirst()))
                default: found.append(value)
                }
            }
        }
        // A China drug traceability code anywhere in the text (a plain 20-digit URI or a path segment).
        var run = ""
        for character in identifier + " " {
            if character.isASCII, character.isNumber {
                run.append(character)
            } else {
                if run.count == 20, run.hasPrefix("8") { found.append(run) }
                run = ""
            }
        }
        return found
    }
}

extension PlatformDirectory {
    /// One platform as a directory lists it (`GET /federation/directory`).
    public struct Listing: Hashable, Sendable, Codable {
        public var id: String
        public var url: String
        public var publicKey: String?
        public var prefixes: [String]
        public var kind: String

        /// Makes one.
        public init(id: String, url: String, publicKey: String?, prefixes: [String], kind: String) {
            self.id = id
            self.url = url
            self.publicKey = publicKey
            self.prefixes = prefixes
            self.kind = kind
        }
    }

    /// This directory with what a hub's directory says: the prefixes a hub lists replace those known for a peer
    /// (the hub is where platforms register them), a URL or public key fills in one the peers file left out, and a
    /// platform not known here is added without a key (it can be named as a home, not called). What this platform
    /// says of itself, and the keys it calls peers with, never change.
    /// - Parameter listings: the hub's listings.
    /// - Returns: the merged directory.
    public func merging(_ listings: [Listing]) -> PlatformDirectory {
        var merged = self
        for listing in listings where listing.id != selfID {
            let key = listing.publicKey.flatMap { try? LogPublicKey(hex: $0) }
            if var known = merged.peers[listing.id] {
                if !listing.prefixes.isEmpty { known.prefixes = listing.prefixes }
                if known.publicKey == nil { known.publicKey = key }
                merged.peers[listing.id] = known
            } else {
                merged.peers[listing.id] = PeerPlatform(
                    id: listing.id, url: listing.url, publicKey: key, prefixes: listing.prefixes,
                    kind: PeerPlatform.Kind(rawValue: listing.kind) ?? .suyuan)
            }
        }
        return merged
    }
}
