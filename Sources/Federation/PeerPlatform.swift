public import Foundation
public import Transparency

/// Another platform of the federation, as this platform knows it (docs/decisions/0013-federation.md).
public struct PeerPlatform: Hashable, Sendable {
    /// What the peer speaks.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A Suyuan platform: the federation API (signed evidence, recall relay) and the EPCIS 2.0 binding.
        case suyuan
        /// Any EPCIS 2.0 repository: only the standard REST binding (`GET /events`, `POST /capture`); what it
        /// answers is unsigned and shown as such.
        case epcis
    }

    /// The platform's ID (`bj`, `sh`, `hub`…).
    public var id: String
    /// Its public base URL.
    public var url: String
    /// The key this platform calls it with (`Authorization: Bearer KEY`), nil when it has given none.
    public var key: String?
    /// The Ed25519 key its tree heads verify with; nil until asked for (``GET /federation/platform``) and pinned.
    public var publicKey: LogPublicKey?
    /// The GS1 Company Prefixes and China drug code prefixes it is home to.
    public var prefixes: [String]
    /// Suyuan or a plain EPCIS repository.
    public var kind: Kind
    /// Whether this platform answers that peer's requests made on a regulator's behalf as it would answer its own
    /// regulators (the platforms of one national system trust each other's regulators; a commercial repository
    /// does not get that).
    public var trustsRegulators: Bool
    /// Whether the peer serves the directory (`GET /federation/directory`) that this platform refreshes from.
    public var servesDirectory: Bool

    /// Makes a peer entry.
    public init(
        id: String, url: String, key: String? = nil, publicKey: LogPublicKey? = nil, prefixes: [String] = [],
        kind: Kind = .suyuan, trustsRegulators: Bool = false, servesDirectory: Bool = false
    ) {
        self.id = id
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.key = key
        self.publicKey = publicKey
        self.prefixes = prefixes
        self.kind = kind
        self.trustsRegulators = trustsRegulators
        self.servesDirectory = servesDirectory
    }
}
