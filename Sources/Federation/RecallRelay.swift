public import Foundation
public import Storage

/// A recall relayed to the platform its holders are homed on (`POST /federation/recalls`): the receiving platform
/// records a copy with those holders, notifies them, and relays their acknowledgements back.
public struct RelayedRecall: Hashable, Sendable, Codable {
    public var id: String
    public var root: String
    public var reason: String
    public var initiatedBy: String
    /// Milliseconds since 1970.
    public var issuedAt: Date
    public var identifiers: [String]
    /// The holders homed on the receiving platform.
    public var holders: [Holder]
    /// The platform that issued the recall.
    public var origin: String

    /// One holder.
    public struct Holder: Hashable, Sendable, Codable {
        public var party: String?
        public var location: String
        public var identifier: String
        public var quantity: Double
        public var uom: String
        /// The serials to pull, for serialised items (absent for lots).
        public var serials: [String]?
    }

    /// The relay of some rows of a recall issued here.
    public init(_ recall: RecallRecord, rows: [Int], origin: String) {
        id = recall.id
        root = recall.root
        reason = recall.reason
        initiatedBy = recall.initiatedBy
        issuedAt = recall.issuedAt
        identifiers = recall.identifiers
        holders = rows.map {
            let holder = recall.holders[$0]
            return Holder(
                party: holder.party, location: holder.location, identifier: holder.identifier, quantity: holder.quantity,
                uom: holder.uom, serials: holder.serials.isEmpty ? nil : holder.serials)
        }
        self.origin = origin
    }

    /// The copy the receiving platform records.
    public var copy: RecallRecord {
        RecallRecord(
            id: id, root: root, reason: reason, initiatedBy: initiatedBy, issuedAt: issuedAt, identifiers: identifiers,
            parties: Array(Set(holders.compactMap(\.party))).sorted(), eventCount: 0, depth: 0, truncated: false,
            holders: holders.map {
                RecallHolder(
                    party: $0.party, location: $0.location, identifier: $0.identifier, quantity: $0.quantity,
                    uom: $0.uom, serials: $0.serials ?? [])
            }, origin: origin)
    }
}

/// A holder's acknowledgement relayed back to the platform that issued the recall
/// (`POST /federation/recalls/{id}/acknowledgements`).
public struct RelayedAcknowledgement: Hashable, Sendable, Codable {
    /// The holding party, as the recall names it.
    public var party: String
    public var by: String
    /// Milliseconds since 1970.
    public var at: Date
    public var note: String?

    /// Makes one.
    public init(party: String, by: String, at: Date, note: String?) {
        self.party = party
        self.by = by
        self.at = at
        self.note = note
    }
}
