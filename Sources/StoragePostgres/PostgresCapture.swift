import EPCIS
import Foundation
import Logging
import PostgresNIO
import Storage
import Transparency

/// The write transaction of a capture, batch after batch as the pipeline plans them
/// (``Storage/CapturePipeline``): the capture lock, duplicate look-ups with `= ANY($1)`, the events and their index
/// rows as multi-row `INSERT … SELECT * FROM unnest(…)` with every column bound as one array, and the projections
/// (one look-up and one write per table for the batch); then master data and the ledger's tiles and signed
/// tree head. The unique indexes on hashes and event IDs stay the last guard against a concurrent capture of the
/// same event (mapped to `.duplicateEvent`).
struct PostgresCapture {
    /// Events per batch of inserts: large enough that round trips do not count, small enough for modest messages.
    static let batchSize = 5_000

    let connection: PostgresConnection
    let logger: Logger
    let signer: TreeHeadSigner

    /// Runs the capture. A refused document (a problem under rollback, found in any batch) throws, which rolls back
    /// what earlier batches wrote: all of a document or nothing.
    func run(_ pipeline: CapturePipeline) async throws -> CaptureReceipt {
        // Captures append to one log: the lock orders them and lets rows be numbered without gaps.
        try await PostgresLedger.lock(on: connection, logger: logger)
        var next = try await PostgresLedger.lastRow(on: connection, logger: logger) + 1
        var ids: [String] = []
        var leaves: [MerkleHash] = []
        var rows: [Int64] = []
        var writing = CaptureWriting(pipeline)
        while let batch = await pipeline.nextBatch() {
            var duplicates: [StoredEvent] = []
            if !batch.refused {
                let known = try await storedKeys(hashes: batch.events.map(\.hashID), ids: batch.events.map(\.id))
                duplicates = CapturePlanner.storedDuplicates(
                    in: batch.events, hashes: known.hashes, declaredHashes: known.declaredHashes, ids: known.ids)
            }
            let kept = writing.toWrite(batch, duplicates: duplicates)
            guard !kept.isEmpty else { continue }
            let keptRows = (0..<Int64(kept.count)).map { next + $0 }
            next += Int64(kept.count)
            let records = kept.map(\.record)
            for start in stride(from: 0, to: records.count, by: Self.batchSize) {
                let end = min(start + Self.batchSize, records.count)
                try await insert(records[start..<end], rows: keptRows[start..<end])
            }
            let items = zip(kept, keptRows).map { pair, row in
                ProjectionBatch.Item(
                    event: pair.stored.event, row: row, keys: pair.record.canonicalKeys,
                    identifierKeys: Set(pair.record.identifiers.map(\.key)),
                    transactions: Set(pair.record.transactions.map(\.id)))
            }
            try await PostgresProjections.apply(items, on: connection, logger: logger)
            ids += kept.map(\.stored.id)
            leaves += records.map(\.leafHash)
            rows += keptRows
        }
        let rejected = try writing.rejected(by: pipeline)
        let elements = try await PostgresMasterData.store(pipeline.masterData, on: connection, logger: logger)
        try await PostgresLedger.append(leaves, rows: rows, signer: signer, on: connection, logger: logger)
        let receipt = CaptureReceipt(eventIDs: ids, masterDataElements: elements, rejected: rejected)
        if let job = pipeline.jobID {
            try await PostgresCaptureJobs.succeed(job, receipt: receipt, at: Date(), on: connection, logger: logger)
        }
        return receipt
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
