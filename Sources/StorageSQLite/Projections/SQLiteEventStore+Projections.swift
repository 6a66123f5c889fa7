import GRDB
public import Storage

extension SQLiteEventStore: ProjectionStore {
    /// The current state of an identifier, or nil when no event touched it.
    /// - Parameter key: the identifier's canonical key (``EPCIS/IdentifierURI/canonicalKey``).
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func identifierState(_ key: String) async throws(StorageError) -> IdentifierState? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT s.key, p.text, l.text, d.text, o.text, s.status FROM identifier_state s
                    LEFT JOIN term p ON p.id = s.parent LEFT JOIN term l ON l.id = s.location
                    LEFT JOIN term d ON d.id = s.disposition LEFT JOIN term o ON o.id = s.owner
                    WHERE s.key = ?
                    """,
                arguments: [key]
            ).map { row in
                IdentifierState(
                    key: row[0], parent: row[1], location: row[2], disposition: row[3], owner: row[4], status: row[5])
            }
        }
    }

    /// The keys of the identifiers with a state, in byte order (SQLite's BINARY collation), from the primary key.
    /// - Parameters:
    ///   - after: the last key of the previous page, or nil.
    ///   - limit: at most this many keys.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func identifierKeys(after: String?, limit: Int) async throws(StorageError) -> [String] {
        try await read { db in
            try String.fetchAll(
                db, sql: "SELECT key FROM identifier_state WHERE key > ? ORDER BY key LIMIT ?",
                arguments: [after ?? "", max(limit, 0)])
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
                    SELECT l.text, coalesce(p.text, ''), b.uom, b.received, b.produced, b.consumed, b.shipped,
                        b.destroyed, b.on_hand
                    FROM lot_balance b JOIN term l ON l.id = b.lot_key LEFT JOIN term p ON p.id = b.party
                    WHERE b.lot_key = (SELECT id FROM term WHERE text = ?) ORDER BY 2, 3
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
                    SELECT e.event_id, e.hash, s.source, s.destination FROM open_shipment s
                    JOIN event e ON e.id = s.shipping_event ORDER BY s.shipping_event
                    """
            ).map { row in
                OpenShipment(
                    shippingEventID: try SQLiteEventDecoding.eventID(row), source: row["source"],
                    destination: row["destination"])
            }
        }
    }
}
