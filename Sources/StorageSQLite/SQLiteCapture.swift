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
        var inserts = try Inserts(db)
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
                try projector.apply(
                    stored.event, keys: record.canonicalKeys, row: row, terms: &inserts.terms, in: db)
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
    /// check needs (``CapturePlanner/storedDuplicates(in:hashes:declaredHashes:ids:)``), on `event_hash` and, for an
    /// event ID that is not its hash ID, `event_event_id`.
    struct StoredProbes {
        let plainHash: SQLiteRawStatement
        let declaredHash: SQLiteRawStatement
        let eventID: SQLiteRawStatement

        /// Whether an event with the stored hash `?` is stored, as a plain event (`declared` 0) or a declaration (1).
        static func hashSQL(declared: Int) -> String {
            "SELECT 1 FROM event WHERE \(SQLiteCompactID.hashMatch("hash", "?1"))"
                + " AND has_error_declaration = \(declared) LIMIT 1"
        }

        /// Whether an event with the ID of stored form `?1` (``SQLiteCompactID``) is stored: a supplied ID, or the
        /// hash ID of an event stored without one.
        static let eventIDSQL = """
            SELECT 1 FROM event WHERE event_id = ?1
            UNION ALL SELECT 1 FROM event WHERE \(SQLiteCompactID.hashMatch("hash", "?1")) AND event_id IS NULL
            LIMIT 1
            """

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
                let hash = SQLiteCompactID.value(stored.hashID)
                if stored.event.errorDeclaration == nil {
                    plainHash.bind(1, compactID: hash)
                    if try plainHash.yieldsRow() { hashes.insert(stored.hashID) }
                    eventID.bind(1, compactID: stored.id == stored.hashID ? hash : SQLiteCompactID.value(stored.id))
                    if try eventID.yieldsRow() { ids.insert(stored.id) }
                } else {
                    declaredHash.bind(1, compactID: hash)
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

    /// The prepared insert statements of one transaction, bound through SQLite's C API (``SQLiteRawStatement``),
    /// and the terms their integer columns refer to (``SQLiteTerms``).
    struct Inserts {
        let event: SQLiteRawStatement
        let identifier: SQLiteRawStatement
        let party: SQLiteRawStatement
        let transaction: SQLiteRawStatement
        var terms: SQLiteTerms
        let bodies = EventBodyCodec()

        init(_ db: Database) throws {
            event = try SQLiteRawStatement(
                db,
                sql: """
                    INSERT INTO event (hash, event_id, event_type, event_time_ms, record_time_ms, action, biz_step,
                        disposition, read_point, biz_location, transformation_id, has_error_declaration, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            identifier = try SQLiteRawStatement(
                db,
                sql: """
                    INSERT INTO event_identifier (event_row, seq, role, term, quantity, uom)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            party = try SQLiteRawStatement(
                db, sql: "INSERT INTO event_party (event_row, seq, direction, type, party) VALUES (?, ?, ?, ?, ?)")
            transaction = try SQLiteRawStatement(
                db,
                sql: "INSERT INTO event_biz_transaction (event_row, seq, type, transaction_id) VALUES (?, ?, ?, ?)")
            terms = try SQLiteTerms(db)
        }

        mutating func insert(_ record: EventRecord) throws -> Int64 {
            event.bind(1, compactID: SQLiteCompactID.value(record.hashID))
            event.bind(2, compactID: record.eventID == record.hashID ? .null : SQLiteCompactID.value(record.eventID))
            event.bind(3, try terms.id(record.eventType))
            event.bind(4, record.eventTimeMilliseconds)
            event.bind(5, record.recordTimeMilliseconds)
            event.bind(6, try terms.id(record.action))
            event.bind(7, try terms.id(record.bizStep))
            event.bind(8, try terms.id(record.disposition))
            event.bind(9, try terms.id(record.readPoint))
            event.bind(10, try terms.id(record.bizLocation))
            event.bind(11, try terms.id(record.transformationID))
            event.bind(12, record.hasErrorDeclaration)
            let body = try record.storedBody(bodies)
            body.withUnsafeBytes { event.bind(13, bytes: $0) }
            try event.run()
            let row = event.lastInsertedRowID
            for (seq, item) in record.identifiers.enumerated() {
                identifier.bind(1, row)
                identifier.bind(2, Int64(seq + 1))
                identifier.bind(3, SQLiteEventCodes.role(item.role))
                identifier.bind(4, try terms.id(item.key, ai: item.ai, aiValue: item.aiValue))
                identifier.bind(5, item.quantity)
                identifier.bind(6, item.uom)
                try identifier.run()
            }
            for (seq, item) in record.parties.enumerated() {
                party.bind(1, row)
                party.bind(2, Int64(seq + 1))
                party.bind(3, SQLiteEventCodes.direction(item.direction))
                party.bind(4, try terms.id(item.type))
                party.bind(5, try terms.id(item.party))
                try party.run()
            }
            for (seq, item) in record.transactions.enumerated() {
                transaction.bind(1, row)
                transaction.bind(2, Int64(seq + 1))
                transaction.bind(3, try terms.id(item.type))
                transaction.bind(4, try terms.id(item.id))
                try transaction.run()
            }
            return row
        }
    }
}
