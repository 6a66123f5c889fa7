import EPCIS
import Logging
import PostgresNIO
import Storage

/// The projections of the PostgreSQL store (`identifier_state`, `lot_balance`, `open_shipment`), kept with the
/// rules of ``Storage/ProjectionBatch``: per batch of events, one look-up per table with `= ANY($1)`, the events
/// applied in memory, then one statement per table: an `unnest` upsert for the states and balances (an upsert cannot
/// be a COPY), a binary `COPY` of the shipments opened. No per-event round trip.
enum PostgresProjections {
    /// Events per batch of a rebuild.
    static let rebuildBatchSize = 5_000

    /// Applies a batch of stored events (in row order) to the projections, in the caller's transaction.
    static func apply(_ items: [ProjectionBatch.Item], on connection: PostgresConnection, logger: Logger)
        async throws
    {
        guard !items.isEmpty else { return }
        let lookups = ProjectionBatch.lookups(for: items)
        var batch = ProjectionBatch(
            states: try await states(lookups, on: connection, logger: logger),
            storedShipments: try await storedShipments(lookups, on: connection, logger: logger))
        for item in items { batch.apply(item) }
        try await write(batch, on: connection, logger: logger)
    }

    private static func states(_ lookups: ProjectionBatch.Lookups, on connection: PostgresConnection, logger: Logger)
        async throws -> [ProjectionBatch.State]
    {
        guard !lookups.stateKeys.isEmpty || !lookups.emptiedParents.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            SELECT key, parent, location, disposition, owner, status, last_event_row, last_event_time_ms
            FROM identifier_state
            WHERE key = ANY(\(Array(lookups.stateKeys))::text[])
                OR parent = ANY(\(Array(lookups.emptiedParents))::text[])
            """, logger: logger)
        var states: [ProjectionBatch.State] = []
        for try await (key, parent, location, disposition, owner, status, row, time) in rows.decode(
            (String, String?, String?, String?, String?, String, Int64, Int64).self)
        {
            states.append(
                ProjectionBatch.State(
                    value: IdentifierState(
                        key: key, parent: parent, location: location, disposition: disposition, owner: owner,
                        status: status),
                    lastEventRow: row, lastEventTime: time))
        }
        return states
    }

    private static func storedShipments(
        _ lookups: ProjectionBatch.Lookups, on connection: PostgresConnection, logger: Logger
    ) async throws -> [ProjectionBatch.StoredShipment] {
        var found: [Int64: ProjectionBatch.StoredShipment] = [:]
        if !lookups.receivingKeys.isEmpty {
            let rows = try await connection.query(
                """
                SELECT i.event_row, i.key FROM event_identifier i JOIN open_shipment s ON s.shipping_event = i.event_row
                WHERE i.key = ANY(\(Array(lookups.receivingKeys))::text[])
                """, logger: logger)
            for try await (row, key) in rows.decode((Int64, String).self) {
                found[row, default: .init(row: row, keys: [], transactions: [])].keys.insert(key)
            }
        }
        if !lookups.receivingTransactions.isEmpty {
            let rows = try await connection.query(
                """
                SELECT t.event_row, t.transaction_id FROM event_biz_transaction t
                JOIN open_shipment s ON s.shipping_event = t.event_row
                WHERE t.transaction_id = ANY(\(Array(lookups.receivingTransactions))::text[])
                """, logger: logger)
            for try await (row, id) in rows.decode((Int64, String).self) {
                found[row, default: .init(row: row, keys: [], transactions: [])].transactions.insert(id)
            }
        }
        return found.values.sorted { $0.row < $1.row }
    }

    /// Writes what a batch changed. PostgresNIO binds no arrays of optionals: a missing text goes as "" and
    /// `NULLIF` makes it NULL again (no stored key, place or disposition is empty).
    private static func write(_ batch: ProjectionBatch, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        let states = batch.changedStates
        if !states.isEmpty {
            let keys = states.map(\.value.key)
            let parents = states.map { $0.value.parent ?? "" }
            let locations = states.map { $0.value.location ?? "" }
            let dispositions = states.map { $0.value.disposition ?? "" }
            let owners = states.map { $0.value.owner ?? "" }
            let statuses = states.map(\.value.status)
            let rows = states.map(\.lastEventRow)
            let times = states.map(\.lastEventTime)
            try await connection.query(
                """
                INSERT INTO identifier_state (key, parent, location, disposition, owner, status, last_event_row,
                    last_event_time_ms)
                SELECT k, NULLIF(p, ''), NULLIF(l, ''), NULLIF(d, ''), NULLIF(o, ''), s, r, t
                FROM unnest(\(keys)::text[], \(parents)::text[], \(locations)::text[], \(dispositions)::text[],
                    \(owners)::text[], \(statuses)::text[], \(rows)::int8[], \(times)::int8[])
                    AS u(k, p, l, d, o, s, r, t)
                ON CONFLICT (key) DO UPDATE SET parent = excluded.parent, location = excluded.location,
                    disposition = excluded.disposition, owner = excluded.owner, status = excluded.status,
                    last_event_row = excluded.last_event_row, last_event_time_ms = excluded.last_event_time_ms
                """, logger: logger)
        }
        let deltas = batch.balanceDeltas
        if !deltas.isEmpty {
            let lots = deltas.map(\.key.lot)
            let parties = deltas.map(\.key.party)
            let units = deltas.map(\.key.uom)
            let received = deltas.map(\.delta.received)
            let produced = deltas.map(\.delta.produced)
            let consumed = deltas.map(\.delta.consumed)
            let shipped = deltas.map(\.delta.shipped)
            let destroyed = deltas.map(\.delta.destroyed)
            try await connection.query(
                """
                INSERT INTO lot_balance (lot_key, party, uom, received, produced, consumed, shipped, destroyed)
                SELECT * FROM unnest(\(lots)::text[], \(parties)::text[], \(units)::text[], \(received)::float8[],
                    \(produced)::float8[], \(consumed)::float8[], \(shipped)::float8[], \(destroyed)::float8[])
                ON CONFLICT (lot_key, party, uom) DO UPDATE SET
                    received = lot_balance.received + excluded.received,
                    produced = lot_balance.produced + excluded.produced,
                    consumed = lot_balance.consumed + excluded.consumed,
                    shipped = lot_balance.shipped + excluded.shipped,
                    destroyed = lot_balance.destroyed + excluded.destroyed
                """, logger: logger)
        }
        let closed = batch.closedStoredShipments
        if !closed.isEmpty {
            try await connection.query(
                "DELETE FROM open_shipment WHERE shipping_event = ANY(\(closed)::int8[])", logger: logger)
        }
        let opened = batch.newShipments
        if !opened.isEmpty {
            var rows = PostgresBinaryCopy()
            for shipment in opened {
                rows.beginRow(fields: 4)
                rows.int8(shipment.row)
                rows.text(shipment.source)
                rows.text(shipment.destination)
                rows.int8(shipment.shippedAt)
            }
            try await connection.copyBinary(
                into: "open_shipment", columns: ["shipping_event", "source", "destination", "shipped_at_ms"],
                rows.finish(), logger: logger)
        }
    }

    /// Empties the projections and applies every stored event again in row order, leaving out error declarations
    /// and the events they correct; in the caller's transaction.
    static func rebuild(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("DELETE FROM identifier_state", logger: logger)
        try await connection.query("DELETE FROM lot_balance", logger: logger)
        try await connection.query("DELETE FROM open_shipment", logger: logger)
        var after: Int64 = 0
        while true {
            let rows = try await connection.query(
                """
                SELECT e.id, e.event_id, e.hash_id, e.body FROM event e
                WHERE e.id > \(after) AND NOT e.has_error_declaration AND NOT EXISTS (
                    SELECT 1 FROM event d WHERE d.hash_id = e.hash_id AND d.has_error_declaration)
                ORDER BY e.id LIMIT \(Int64(rebuildBatchSize))
                """, logger: logger)
            var events: [(row: Int64, event: EPCISEvent)] = []
            for try await (row, eventID, hashID, body) in rows.decode((Int64, String, String, ByteBuffer).self) {
                events.append(
                    (row, try PostgresEventDecoding.storedEvent(eventID: eventID, hashID: hashID, body: body).event))
            }
            guard let last = events.last else { return }
            let eventRows = events.map(\.row)
            var keys: [Int64: Set<String>] = [:]
            for try await (row, key) in try await connection.query(
                "SELECT event_row, key FROM event_identifier WHERE event_row = ANY(\(eventRows)::int8[])",
                logger: logger
            ).decode((Int64, String).self) {
                keys[row, default: []].insert(key)
            }
            var transactions: [Int64: Set<String>] = [:]
            for try await (row, id) in try await connection.query(
                """
                SELECT event_row, transaction_id FROM event_biz_transaction WHERE event_row = ANY(\(eventRows)::int8[])
                """,
                logger: logger
            ).decode((Int64, String).self) {
                transactions[row, default: []].insert(id)
            }
            let items = events.map { row, event in
                ProjectionBatch.Item(
                    event: event, row: row, keys: [:], identifierKeys: keys[row] ?? [],
                    transactions: transactions[row] ?? [])
            }
            try await apply(items, on: connection, logger: logger)
            after = last.row
        }
    }
}
