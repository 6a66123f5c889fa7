import EPCIS
import Foundation
import GRDB
import Storage
import Transparency

/// The write transaction of a capture: batch after batch as the pipeline plans them, the duplicate check against
/// the stored events, then inserts with prepared statements that are reused for every row (the hot path) and the
/// projections; at the end master data and the ledger.
enum SQLiteCapture {
    /// Runs the capture; with a ledger, the stored events also become its leaves and a signed head is stored.
    ///
    /// A refused document (a problem under rollback, found in any batch) throws, which rolls back what earlier
    /// batches inserted: all of a document or nothing.
    static func run(_ pipeline: CapturePipeline, ledger: SQLiteLedger?, in db: Database) throws -> CaptureReceipt {
        let inserts = try Inserts(db)
        let projector = try SQLiteProjector(db)
        let probes = try StoredProbes(db)
        var leaves: [MerkleHash] = []
        var rows: [Int64] = []
        var ids: [String] = []
        var writing = CaptureWriting(pipeline)
        while let batch = pipeline.next() {
            let duplicates = batch.refused ? [] : try probes.duplicates(among: batch.events)
            for (stored, record) in writing.toWrite(batch, duplicates: duplicates) {
                let row = try inserts.insert(record)
                try projector.apply(stored.event, keys: record.canonicalKeys, row: row, in: db)
                leaves.append(record.leafHash)
                rows.append(row)
                ids.append(stored.id)
            }
        }
        let rejected = try writing.rejected(by: pipeline)
        let elements = try SQLiteMasterData.store(pipeline.masterData, in: db)
        try ledger?.append(leaves, rows: rows, in: db)
        let receipt = CaptureReceipt(eventIDs: ids, masterDataElements: elements, rejected: rejected)
        if let job = pipeline.jobID { try SQLiteCaptureJobs.succeed(job, receipt: receipt, at: Date(), in: db) }
        return receipt
    }

    /// The look-ups that find planned events the store already holds: index probes of the ones each event's
    /// check needs (``CapturePlanner/storedDuplicates(in:hashes:declaredHashes:ids:)``).
    ///
    /// A hash is found through `event_event_id` where it is the stored event's ID, else through `event_other_hash`,
    /// whose condition the second half repeats so that SQLite can use that partial index.
    struct StoredProbes {
        let plainHash: SQLiteRawStatement
        let declaredHash: SQLiteRawStatement
        let eventID: SQLiteRawStatement

        /// Whether an event with the hash `?1` is stored, as a plain event (`declared` 0) or a declaration (1).
        static func hashSQL(declared: Int) -> String {
            """
            SELECT 1 FROM event WHERE event_id = ?1 AND hash_id = ?1 AND has_error_declaration = \(declared)
            UNION ALL SELECT 1 FROM event
            WHERE hash_id = ?1 AND hash_id <> event_id AND has_error_declaration = \(declared)
            """
        }

        /// Whether an event with the ID `?` is stored.
        static let eventIDSQL = "SELECT 1 FROM event WHERE event_id = ? LIMIT 1"

        init(_ db: Database) throws {
            plainHash = try SQLiteRawStatement(db, sql: Self.hashSQL(declared: 0))
            declaredHash = try SQLiteRawStatement(db, sql: Self.hashSQL(declared: 1))
            eventID = try SQLiteRawStatement(db, sql: Self.eventIDSQL)
        }

        /// The events among `events` that are already stored, in order.
        func duplicates(among events: [StoredEvent]) throws -> [StoredEvent] {
            var hashes: Set<String> = []
            var declared: Set<String> = []
            var ids: Set<String> = []
            for stored in events {
                if stored.event.errorDeclaration == nil {
                    plainHash.bind(1, stored.hashID)
                    if try plainHash.yieldsRow() { hashes.insert(stored.hashID) }
                    eventID.bind(1, stored.id)
                    if try eventID.yieldsRow() { ids.insert(stored.id) }
                } else {
                    declaredHash.bind(1, stored.hashID)
                    if try declaredHash.yieldsRow() { declared.insert(stored.hashID) }
                }
            }
            return CapturePlanner.storedDuplicates(in: events, hashes: hashes, declaredHashes: declared, ids: ids)
        }
    }

    /// `(?, ?, …)` with `count` placeholders: the values are always bound, never written into the SQL.
    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: max(count, 1)).joined(separator: ", ") + ")"
    }

    /// The prepared insert statements of one transaction, bound through SQLite's C API (``SQLiteRawStatement``).
    struct Inserts {
        let event: SQLiteRawStatement
        let identifier: SQLiteRawStatement
        let party: SQLiteRawStatement
        let transaction: SQLiteRawStatement

        init(_ db: Database) throws {
            event = try SQLiteRawStatement(
                db,
                sql: """
                    INSERT INTO event (event_id, hash_id, event_type, event_time_ms, event_time, record_time_ms,
                        record_time, action, biz_step, disposition, read_point, biz_location, transformation_id,
                        has_error_declaration, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            identifier = try SQLiteRawStatement(
                db,
                sql: """
                    INSERT INTO event_identifier (event_row, role, key, ai, ai_value, quantity, uom)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            party = try SQLiteRawStatement(
                db, sql: "INSERT INTO event_party (event_row, direction, type, party) VALUES (?, ?, ?, ?)")
            transaction = try SQLiteRawStatement(
                db, sql: "INSERT INTO event_biz_transaction (event_row, type, transaction_id) VALUES (?, ?, ?)")
        }

        func insert(_ record: EventRecord) throws -> Int64 {
            event.bind(1, record.eventID)
            event.bind(2, record.hashID)
            event.bind(3, record.eventType)
            event.bind(4, record.eventTimeMilliseconds)
            event.bind(5, record.eventTime)
            event.bind(6, record.recordTimeMilliseconds)
            event.bind(7, record.recordTime)
            event.bind(8, record.action)
            event.bind(9, record.bizStep)
            event.bind(10, record.disposition)
            event.bind(11, record.readPoint)
            event.bind(12, record.bizLocation)
            event.bind(13, record.transformationID)
            event.bind(14, record.hasErrorDeclaration)
            event.bind(15, record.body)
            try event.run()
            let row = event.lastInsertedRowID
            for item in record.identifiers {
                identifier.bind(1, row)
                identifier.bind(2, item.role)
                identifier.bind(3, item.key)
                identifier.bind(4, item.ai)
                identifier.bind(5, item.aiValue)
                identifier.bind(6, item.quantity)
                identifier.bind(7, item.uom)
                try identifier.run()
            }
            for item in record.parties {
                party.bind(1, row)
                party.bind(2, item.direction)
                party.bind(3, item.type)
                party.bind(4, item.party)
                try party.run()
            }
            for item in record.transactions {
                transaction.bind(1, row)
                transaction.bind(2, item.type)
                transaction.bind(3, item.id)
                try transaction.run()
            }
            return row
        }
    }
}
