import EPCIS
import Logging
import PostgresNIO
import Storage
import Transparency

/// The write transaction of a capture: the capture lock, duplicate look-ups with `= ANY($1)`, then the events and
/// their index rows in batches of multi-row `INSERT … SELECT * FROM unnest(…)` with every column bound as one
/// array, then master data, the projections (one look-up and one write per table for the whole document) and
/// the ledger's leaves, nodes and signed tree head. The unique indexes on hashes and event IDs stay the last
/// guard against a concurrent capture of the same event (mapped to `.duplicateEvent`).
struct PostgresCapture {
    /// Events per batch of inserts: large enough that round trips do not count, small enough for modest messages.
    static let batchSize = 5_000

    let connection: PostgresConnection
    let logger: Logger
    let signer: TreeHeadSigner

    func run(_ plan: CapturePlan, records: [EventRecord]) async throws -> CaptureReceipt {
        var plan = plan
        // Captures append to one log: the lock orders them and lets rows be numbered without gaps.
        try await PostgresLedger.lock(on: connection, logger: logger)
        let known = try await storedKeys(hashes: plan.events.map(\.hashID), ids: plan.events.map(\.id))
        try plan.resolvingStored(hashes: known.hashes, declaredHashes: known.declaredHashes, ids: known.ids)
        let keep = Set(plan.events.map(\.id))
        let kept = records.filter { keep.contains($0.eventID) }
        let first = try await PostgresLedger.lastRow(on: connection, logger: logger) + 1
        let rows = (0..<Int64(kept.count)).map { first + $0 }
        for start in stride(from: 0, to: kept.count, by: Self.batchSize) {
            let end = min(start + Self.batchSize, kept.count)
            try await insert(kept[start..<end], rows: rows[start..<end])
        }
        let elements = try await PostgresMasterData.store(plan.masterData, on: connection, logger: logger)
        let items = zip(zip(plan.events, kept), rows).map { pair, row in
            ProjectionBatch.Item(
                event: pair.0.event, row: row, keys: pair.1.canonicalKeys,
                identifierKeys: Set(pair.1.identifiers.map(\.key)), transactions: Set(pair.1.transactions.map(\.id)))
        }
        try await PostgresProjections.apply(items, on: connection, logger: logger)
        try await PostgresLedger.append(
            kept.map(\.leafHash), rows: rows, signer: signer, on: connection, logger: logger)
        return CaptureReceipt(eventIDs: plan.events.map(\.id), masterDataElements: elements, rejected: plan.rejected)
    }

    private func storedKeys(hashes: [String], ids: [String]) async throws -> (
        hashes: Set<String>, declaredHashes: Set<String>, ids: Set<String>
    ) {
        var plain: Set<String> = []
        var declared: Set<String> = []
        var stored: Set<String> = []
        let hashRows = try await connection.query(
            "SELECT hash_id, has_error_declaration FROM event WHERE hash_id = ANY(\(Array(Set(hashes))))",
            logger: logger)
        for try await (hash, isDeclaration) in hashRows.decode((String, Bool).self) {
            if isDeclaration { declared.insert(hash) } else { plain.insert(hash) }
        }
        let idRows = try await connection.query(
            "SELECT event_id FROM event WHERE event_id = ANY(\(Array(Set(ids))))", logger: logger)
        for try await id in idRows.decode(String.self) { stored.insert(id) }
        return (plain, declared, stored)
    }

    /// Inserts one batch with the given row IDs (in document order): four `unnest` inserts.
    /// PostgresNIO binds no arrays of optionals, so a missing text is sent as "" and a missing quantity as NaN,
    /// and `NULLIF` turns them back into NULL (no stored URI or quantity is empty or NaN).
    func insert(_ batch: ArraySlice<EventRecord>, rows: ArraySlice<Int64>) async throws {
        var event = EventColumns()
        var identifier = IdentifierColumns()
        var party = PartyColumns()
        var transaction = TransactionColumns()
        for (row, record) in zip(rows, batch) {
            event.append(row, record)
            for item in record.identifiers { identifier.append(row, item) }
            for item in record.parties { party.append(row, item) }
            for item in record.transactions { transaction.append(row, item) }
        }
        try await connection.query(
            """
            INSERT INTO event (id, event_id, hash_id, event_type, event_time_ms, event_time, record_time_ms,
                record_time, action, biz_step, disposition, read_point, biz_location, transformation_id,
                has_error_declaration, body)
            SELECT r, i, h, t, etm, et, rtm, rt, NULLIF(a, ''), NULLIF(bs, ''), NULLIF(d, ''), NULLIF(rp, ''),
                NULLIF(bl, ''), NULLIF(tr, ''), e, b
            FROM unnest(\(event.row)::int8[], \(event.eventID)::text[], \(event.hashID)::text[],
                \(event.eventType)::text[], \(event.eventTimeMs)::int8[], \(event.eventTime)::text[],
                \(event.recordTimeMs)::int8[], \(event.recordTime)::text[], \(event.action)::text[],
                \(event.bizStep)::text[], \(event.disposition)::text[], \(event.readPoint)::text[],
                \(event.bizLocation)::text[], \(event.transformationID)::text[], \(event.declared)::bool[],
                \(event.body)::text[]) AS u(r, i, h, t, etm, et, rtm, rt, a, bs, d, rp, bl, tr, e, b)
            """, logger: logger)
        if !identifier.row.isEmpty {
            try await connection.query(
                """
                INSERT INTO event_identifier (event_row, role, key, ai, ai_value, quantity, uom)
                SELECT r, ro, k, NULLIF(a, ''), NULLIF(v, ''), NULLIF(q, 'NaN'), NULLIF(u, '')
                FROM unnest(\(identifier.row)::int8[], \(identifier.role)::text[], \(identifier.key)::text[],
                    \(identifier.ai)::text[], \(identifier.aiValue)::text[], \(identifier.quantity)::float8[],
                    \(identifier.uom)::text[]) AS x(r, ro, k, a, v, q, u)
                """, logger: logger)
        }
        if !party.row.isEmpty {
            try await connection.query(
                """
                INSERT INTO event_party (event_row, direction, type, party)
                SELECT * FROM unnest(\(party.row)::int8[], \(party.direction)::text[], \(party.type)::text[],
                    \(party.party)::text[])
                """, logger: logger)
        }
        if !transaction.row.isEmpty {
            try await connection.query(
                """
                INSERT INTO event_biz_transaction (event_row, type, transaction_id)
                SELECT r, NULLIF(t, ''), i FROM unnest(\(transaction.row)::int8[], \(transaction.type)::text[],
                    \(transaction.id)::text[]) AS x(r, t, i)
                """, logger: logger)
        }
    }
}
