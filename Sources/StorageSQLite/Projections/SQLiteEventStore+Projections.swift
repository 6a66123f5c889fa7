import GRDB
public import Storage

/// The current state of one identifier, as the projection keeps it (rules: ``SQLiteProjector``).
public struct IdentifierState: Hashable, Sendable {
    /// The identifier's canonical key.
    public var key: String
    /// The canonical key of the container it was last aggregated into, if still inside.
    public var parent: String?
    /// The last business location.
    public var location: String?
    /// The last disposition (CBV URI).
    public var disposition: String?
    /// The last owning party named as destination.
    public var owner: String?
    /// `active`, `commissioned`, `decommissioned` or `consumed`.
    public var status: String
}

/// The balance of one lot (quantity class) at one party, in one unit (empty for counts).
public struct LotBalance: Hashable, Sendable {
    /// The lot's canonical key.
    public var lot: String
    /// The party (or place) holding it.
    public var party: String
    /// The unit of measure, empty for counts.
    public var uom: String
    /// Received at this party (bizStep `receiving`).
    public var received: Double
    /// Produced here (ObjectEvent `ADD`, TransformationEvent outputs).
    public var produced: Double
    /// Consumed here (TransformationEvent inputs).
    public var consumed: Double
    /// Shipped from this party (bizStep `shipping`).
    public var shipped: Double
    /// Destroyed here (bizStep `destroying` or disposition `destroyed`).
    public var destroyed: Double
    /// received + produced − consumed − shipped − destroyed.
    public var onHand: Double
}

/// A shipment not yet received.
public struct OpenShipment: Hashable, Sendable {
    /// The eventID of the shipping event.
    public var shippingEventID: String
    /// The source party.
    public var source: String
    /// The destination party (empty when the event named none).
    public var destination: String
}

extension SQLiteEventStore {
    /// The current state of an identifier, or nil when no event touched it.
    /// - Parameter key: the identifier's canonical key (``EPCIS/IdentifierURI/canonicalKey``).
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func identifierState(_ key: String) async throws(StorageError) -> IdentifierState? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT key, parent, location, disposition, owner, status FROM identifier_state WHERE key = ?",
                arguments: [key]
            ).map { row in
                IdentifierState(
                    key: row[0], parent: row[1], location: row[2], disposition: row[3], owner: row[4], status: row[5])
            }
        }
    }

    /// The balances of a lot at every party.
    /// - Parameter lot: the lot's canonical key.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func lotBalances(_ lot: String) async throws(StorageError) -> [LotBalance] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT lot_key, party, uom, received, produced, consumed, shipped, destroyed, on_hand
                    FROM lot_balance WHERE lot_key = ? ORDER BY party, uom
                    """, arguments: [lot]
            ).map { row in
                LotBalance(
                    lot: row[0], party: row[1], uom: row[2], received: row[3], produced: row[4], consumed: row[5],
                    shipped: row[6], destroyed: row[7], onHand: row[8])
            }
        }
    }

    /// Every shipment not yet received, oldest first.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func openShipments() async throws(StorageError) -> [OpenShipment] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.event_id, s.source, s.destination FROM open_shipment s
                    JOIN event e ON e.id = s.shipping_event ORDER BY s.shipping_event
                    """
            ).map { row in OpenShipment(shippingEventID: row[0], source: row[1], destination: row[2]) }
        }
    }
}
