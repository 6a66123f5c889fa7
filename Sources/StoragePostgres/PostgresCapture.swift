import EPCIS
import Foundation
import Logging
import PostgresNIO
import Storage
import Transparency

/// The write transaction of a capture, batch after batch as the pipeline plans them
/// (``Storage/CapturePipeline``): the capture lock, duplicate look-ups with `= ANY($1)`, the events and their index
/// rows by binary `COPY` (``PostgresCaptureRows``), and the projections
/// (one look-up and one write per table for the batch); then master data and the ledger's tiles and signed
/// tree head. The unique indexes on hashes and event IDs stay the last guard against a concurrent capture of the
/// same event (mapped to `.duplicateEvent`).
struct PostgresCapture {
    /// Events per batch of inserts: large enough that round trips do not count, small enough for modest messages.
    static let batchSize = 5_000

    let connection: PostgresConnection
    let logger: Logger
    let signer: TreeHeadSigner
    /// Plain tables, or partitions with uniqueness guards (``PostgresLayout``).
    var layout: PostgresLayout = .plain

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
        // In the monthly layout the hash guard holds the same pairs as `event`, in one table partitioned by hash,
        // where `event` would be searched month by month.
        let hashTable = layout == .monthly ? "event_hash_guard" : "event"
        let hashRows = try await connection.query(
            """
            SELECT hash_id, has_error_declaration FROM \(unescaped: hashTable)
            WHERE hash_id = ANY(\(Array(Set(hashes))))
            """, logger: logger)
        for try await (hash, isDeclaration) in hashRows.decode((String, Bool).self) {
            if isDeclaration { declared.insert(hash) } else { plain.insert(hash) }
        }
        let idRows = try await connection.query(
            "SELECT event_id FROM event WHERE event_id = ANY(\(Array(Set(ids))))", logger: logger)
        for try await id in idRows.decode(String.self) { stored.insert(id) }
        return (plain, declared, stored)
    }

    /// Writes one batch with the given row IDs (in document order): one binary `COPY` per table that gets rows,
    /// and in the partitioned layout the uniqueness guards first (a duplicate then fails before any event row).
    func insert(_ batch: ArraySlice<EventRecord>, rows: ArraySlice<Int64>) async throws {
        // Bodies were compressed by the planner, on every core (any it left are compressed here, on every core too).
        let bodies = try concurrentChunks(batch.count) { chunk -> [[UInt8]] in
            let codec = EventBodyCodec()
            return try chunk.map { try batch[batch.startIndex + $0].storedBody(codec) }
        }
        var copy = PostgresCaptureRows(batch, rows: rows, bodies: bodies, layout: layout)
        if layout == .monthly {
            try await write(&copy.hashGuard, into: "event_hash_guard", PostgresCaptureRows.hashGuardColumns)
            try await write(&copy.eventIDGuard, into: "event_id_guard", PostgresCaptureRows.eventIDGuardColumns)
        }
        try await write(&copy.event, into: "event", PostgresCaptureRows.eventColumns)
        try await write(
            &copy.identifier, into: "event_identifier",
            PostgresCaptureRows.columns(PostgresCaptureRows.identifierColumns, layout))
        try await write(
            &copy.party, into: "event_party", PostgresCaptureRows.columns(PostgresCaptureRows.partyColumns, layout))
        try await write(
            &copy.transaction, into: "event_biz_transaction",
            PostgresCaptureRows.columns(PostgresCaptureRows.transactionColumns, layout))
    }

    private func write(_ rows: inout PostgresBinaryCopy, into table: String, _ columns: [String]) async throws {
        guard rows.rowCount > 0 else { return }
        let bytes = rows.finish()
        rows = PostgresBinaryCopy()
        try await connection.copyBinary(into: table, columns: columns, bytes, logger: logger)
    }
}
