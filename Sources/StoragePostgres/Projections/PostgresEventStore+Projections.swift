import Logging
import PostgresNIO
public import Storage

extension PostgresEventStore: ProjectionStore {
    /// The current state of an identifier, or nil when no event touched it.
    /// - Parameter key: the identifier's canonical key.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func identifierState(_ key: String) async throws(StorageError) -> IdentifierState? {
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                "SELECT key, parent, location, disposition, owner, status FROM identifier_state WHERE key = \(key)",
                logger: logger)
            var states: [IdentifierState] = []
            for try await (key, parent, location, disposition, owner, status) in rows.decode(
                (String, String?, String?, String?, String?, String).self)
            {
                states.append(
                    IdentifierState(
                        key: key, parent: parent, location: location, disposition: disposition, owner: owner,
                        status: status))
            }
            return states.first
        }
    }

    /// The keys of the identifiers with a state, in byte order (`COLLATE "C"`, as SQLite orders them).
    /// - Parameters:
    ///   - after: the last key of the previous page, or nil.
    ///   - limit: at most this many keys.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func identifierKeys(after: String?, limit: Int) async throws(StorageError) -> [String] {
        let logger = logger
        let after = after ?? ""
        let limit = max(limit, 0)
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT key FROM identifier_state WHERE key COLLATE "C" > \(after)
                ORDER BY key COLLATE "C" LIMIT \(limit)
                """, logger: logger)
            var keys: [String] = []
            for try await key in rows.decode(String.self) { keys.append(key) }
            return keys
        }
    }

    /// The balances of a lot at every party, ordered by party and unit.
    /// - Parameter lot: the lot's canonical key.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func lotBalances(_ lot: String) async throws(StorageError) -> [LotBalance] {
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT lot_key, party, uom, received, produced, consumed, shipped, destroyed, on_hand
                FROM lot_balance WHERE lot_key = \(lot) ORDER BY party COLLATE "C", uom COLLATE "C"
                """, logger: logger)
            var balances: [LotBalance] = []
            for try await (lot, party, uom, received, produced, consumed, shipped, destroyed, onHand) in rows.decode(
                (String, String, String, Double, Double, Double, Double, Double, Double).self)
            {
                balances.append(
                    LotBalance(
                        lot: lot, party: party, uom: uom, received: received, produced: produced, consumed: consumed,
                        shipped: shipped, destroyed: destroyed, onHand: onHand))
            }
            return balances
        }
    }

    /// Every shipment not yet received, oldest first.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func openShipments() async throws(StorageError) -> [OpenShipment] {
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT e.event_id, s.source, s.destination FROM open_shipment s
                JOIN event e ON e.id = s.shipping_event ORDER BY s.shipping_event
                """, logger: logger)
            var shipments: [OpenShipment] = []
            for try await (id, source, destination) in rows.decode((String, String, String).self) {
                shipments.append(OpenShipment(shippingEventID: id, source: source, destination: destination))
            }
            return shipments
        }
    }

    /// Recreates the projections from the stored events in one transaction (batches of
    /// ``PostgresProjections/rebuildBatchSize`` events), serialised with captures.
    /// - Throws: ``StorageError`` `.internalFailure` when a stored event cannot be read back.
    public func rebuildProjections() async throws(StorageError) {
        let logger = logger
        try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                try await PostgresLedger.lock(on: connection, logger: logger)
                try await PostgresProjections.rebuild(on: connection, logger: logger)
            }
        }
    }
}
