public import Foundation

/// An API key of the platform, as the store keeps it: never the secret itself, only its SHA-256.
///
/// Keys are sent as `Authorization: Bearer KEY`. A key is 32 random bytes, so a plain SHA-256 of it is enough to
/// keep it safe at rest (a slow password hash protects guessable secrets; these are not guessable).
public struct AccessKey: Hashable, Sendable {
    /// What a key may do.
    public enum Role: String, Hashable, Sendable, CaseIterable {
        /// Everything, including creating keys and changing the party registry.
        case admin
        /// Reads everything; traces, recalls, reconciles; changes licence status and the blacklist.
        case regulator
        /// One party: captures at its own locations or as source; reads its own events and those where it is
        /// source or destination; acknowledges recalls.
        case party
        /// Another platform of the federation: reads what crossed to or from the parties homed there (one up, one
        /// down), on a regulator's behalf more when this platform trusts that peer's regulators; pushes the events
        /// that cross to parties homed here; relays recalls and acknowledgements.
        case peer
    }

    /// The key's public ID (shown in lists and logs; not a secret).
    public var id: String
    /// The SHA-256 of the secret, lower-case hex.
    public var secretHash: String
    /// What the key may do.
    public var role: Role
    /// For a party key: the party's canonical key (a PGLN or GLN).
    public var party: String?
    /// For a peer key: the ID of the platform that calls with it.
    public var peer: String?
    /// A note on whom the key is for.
    public var label: String?
    /// When it was created, to the millisecond.
    public var createdAt: Date
    /// When it was revoked; nil while it is valid.
    public var revokedAt: Date?

    /// Makes a key record.
    /// - Parameters:
    ///   - id: the public ID.
    ///   - secretHash: SHA-256 of the secret, hex.
    ///   - role: admin, regulator or party.
    ///   - party: the party's canonical key (required for a party key).
    ///   - peer: the calling platform's ID (required for a peer key).
    ///   - label: a note.
    ///   - createdAt: when (kept to the millisecond).
    ///   - revokedAt: when it was revoked.
    public init(
        id: String, secretHash: String, role: Role, party: String? = nil, peer: String? = nil, label: String? = nil,
        createdAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.secretHash = secretHash
        self.role = role
        self.party = party
        self.peer = peer
        self.label = label
        self.createdAt = RecallRecord.milliseconds(createdAt)
        self.revokedAt = revokedAt.map(RecallRecord.milliseconds)
    }

    /// Whether the key may still be used.
    public var isActive: Bool { revokedAt == nil }

    /// Checks what a store requires before it keeps the key.
    /// - Throws: ``StorageError`` `.invalidDocument` naming the field and the rule.
    public func validate() throws(StorageError) {
        if id.isEmpty { throw StorageError(.invalidDocument, "access key id: must not be empty") }
        if secretHash.count != 64 || !secretHash.allSatisfy(\.isHexDigit) {
            throw StorageError(.invalidDocument, "access key secretHash: must be 64 hex digits (SHA-256)")
        }
        if role == .party, party?.isEmpty ?? true {
            throw StorageError(.invalidDocument, "access key party: a party key must name its party (PGLN or GLN)")
        }
        if role != .party, party != nil {
            throw StorageError(.invalidDocument, "access key party: only a party key names a party")
        }
        if role == .peer, peer?.isEmpty ?? true {
            throw StorageError(.invalidDocument, "access key peer: a peer key must name its platform")
        }
        if role != .peer, peer != nil {
            throw StorageError(.invalidDocument, "access key peer: only a peer key names a platform")
        }
    }
}
