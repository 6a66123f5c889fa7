import EPCIS
import GRDB
import Storage
import Transparency

/// The write transaction of a capture: duplicate check against the stored events, then inserts with prepared
/// statements that are reused for every row (the hot path), then master data and projections.
enum SQLiteCapture {
    /// Runs the capture; with a ledger, the stored events also become its leaves and a signed head is stored.
    static func run(_ plan: CapturePlan, records: [EventRecord], ledger: SQLiteLedger?, in db: Database) throws
        -> CaptureReceipt
    {
        var plan = plan
        let known = try storedKeys(of: plan, in: db)
        let planned = plan.events.count
        try plan.resolvingStored(hashes: known.hashes, declaredHashes: known.declaredHashes, ids: known.ids)
        // The records in the plan's order; only when stored duplicates were left out (`.proceed`) are some skipped.
        var kept = Array(records.indices)
        if plan.events.count != planned {
            let keep = Set(plan.events.map(\.id))
            kept = kept.filter { keep.contains(records[$0].eventID) }
        }
        let inserts = try Inserts(db)
        let projector = try SQLiteProjector(db)
        var leaves: [MerkleHash] = []
        var rows: [Int64] = []
        leaves.reserveCapacity(plan.events.count)
        rows.reserveCapacity(plan.events.count)
        for (position, index) in kept.enumerated() {
            let row = try inserts.insert(records[index])
            try projector.apply(plan.events[position].event, keys: records[index].canonicalKeys, row: row, in: db)
            leaves.append(records[index].leafHash)
            rows.append(row)
        }
        let elements = try SQLiteMasterData.store(plan.masterData, in: db)
        try ledger?.append(leaves, rows: rows, in: db)
        return CaptureReceipt(eventIDs: plan.events.map(\.id), masterDataElements: elements, rejected: plan.rejected)
    }

    /// The plan's hashes and IDs that are already stored: one index probe each.
    ///
    /// The hash is looked up with the `has_error_declaration` condition of each partial unique index
    /// (`event_plain_hash`, `event_declared_hash`); without it SQLite cannot use either index and scans the whole
    /// `event` table, which made every capture slower as the store grew.
    private static func storedKeys(of plan: CapturePlan, in db: Database) throws -> (
        hashes: Set<String>, declaredHashes: Set<String>, ids: Set<String>
    ) {
        var hashes: Set<String> = []
        var declared: Set<String> = []
        var ids: Set<String> = []
        let plainHash = try SQLiteRawStatement(
            db, sql: "SELECT 1 FROM event WHERE hash_id = ? AND has_error_declaration = 0")
        let declaredHash = try SQLiteRawStatement(
            db, sql: "SELECT 1 FROM event WHERE hash_id = ? AND has_error_declaration = 1")
        let eventID = try SQLiteRawStatement(db, sql: "SELECT 1 FROM event WHERE event_id = ? LIMIT 1")
        for stored in plan.events {
            plainHash.bind(1, stored.hashID)
            if try plainHash.yieldsRow() { hashes.insert(stored.hashID) }
            declaredHash.bind(1, stored.hashID)
            if try declaredHash.yieldsRow() { declared.insert(stored.hashID) }
            eventID.bind(1, stored.id)
            if try eventID.yieldsRow() { ids.insert(stored.id) }
        }
        return (hashes, declared, ids)
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
