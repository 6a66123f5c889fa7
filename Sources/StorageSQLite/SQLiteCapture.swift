import EPCIS
import GRDB
import Storage

/// The write transaction of a capture: duplicate check against the stored events, then inserts with prepared
/// statements that are reused for every row (the hot path), then master data and projections.
enum SQLiteCapture {
    /// SQLite binds at most 32,766 parameters per statement; look-ups go in batches well below that.
    static let batchSize = 500

    static func run(_ plan: CapturePlan, records: [EventRecord], in db: Database) throws -> CaptureReceipt {
        var plan = plan
        let known = try storedKeys(of: plan, in: db)
        try plan.resolvingStored(hashes: known.hashes, declaredHashes: known.declaredHashes, ids: known.ids)
        let keep = Set(plan.events.map(\.id))
        let inserts = try Inserts(db)
        let projector = try SQLiteProjector(db)
        for (stored, record) in zip(plan.events, records.filter { keep.contains($0.eventID) }) {
            let row = try inserts.insert(record, in: db)
            try projector.apply(stored.event, keys: record.canonicalKeys, row: row, in: db)
        }
        let elements = try SQLiteMasterData.store(plan.masterData, in: db)
        return CaptureReceipt(eventIDs: plan.events.map(\.id), masterDataElements: elements, rejected: plan.rejected)
    }

    /// The plan's hashes and IDs that are already stored, looked up in batches with `IN`.
    private static func storedKeys(of plan: CapturePlan, in db: Database) throws -> (
        hashes: Set<String>, declaredHashes: Set<String>, ids: Set<String>
    ) {
        var hashes: Set<String> = []
        var declared: Set<String> = []
        var ids: Set<String> = []
        let planHashes = Array(Set(plan.events.map(\.hashID)))
        for start in stride(from: 0, to: planHashes.count, by: batchSize) {
            let batch = Array(planHashes[start..<min(start + batchSize, planHashes.count)])
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT hash_id, has_error_declaration FROM event WHERE hash_id IN \(placeholders(batch.count))",
                arguments: StatementArguments(batch))
            for row in rows {
                let hash: String = row[0]
                let isDeclaration: Bool = row[1]
                if isDeclaration { declared.insert(hash) } else { hashes.insert(hash) }
            }
        }
        let planIDs = Array(Set(plan.events.map(\.id)))
        for start in stride(from: 0, to: planIDs.count, by: batchSize) {
            let batch = Array(planIDs[start..<min(start + batchSize, planIDs.count)])
            ids.formUnion(
                try String.fetchAll(
                    db, sql: "SELECT event_id FROM event WHERE event_id IN \(placeholders(batch.count))",
                    arguments: StatementArguments(batch)))
        }
        return (hashes, declared, ids)
    }

    /// `(?, ?, …)` with `count` placeholders: the values are always bound, never written into the SQL.
    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: max(count, 1)).joined(separator: ", ") + ")"
    }

    /// The prepared insert statements of one transaction.
    struct Inserts {
        let event: Statement
        let identifier: Statement
        let party: Statement
        let transaction: Statement

        init(_ db: Database) throws {
            event = try db.cachedStatement(
                sql: """
                    INSERT INTO event (event_id, hash_id, event_type, event_time_ms, event_time, record_time_ms,
                        record_time, action, biz_step, disposition, read_point, biz_location, transformation_id,
                        has_error_declaration, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            identifier = try db.cachedStatement(
                sql: """
                    INSERT INTO event_identifier (event_row, role, key, ai, ai_value, quantity, uom)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            party = try db.cachedStatement(
                sql: "INSERT INTO event_party (event_row, direction, type, party) VALUES (?, ?, ?, ?)")
            transaction = try db.cachedStatement(
                sql: "INSERT INTO event_biz_transaction (event_row, type, transaction_id) VALUES (?, ?, ?)")
        }

        func insert(_ record: EventRecord, in db: Database) throws -> Int64 {
            try event.execute(arguments: [
                record.eventID, record.hashID, record.eventType, record.eventTimeMilliseconds, record.eventTime,
                record.recordTimeMilliseconds, record.recordTime, record.action, record.bizStep, record.disposition,
                record.readPoint, record.bizLocation, record.transformationID, record.hasErrorDeclaration,
                record.body,
            ])
            let row = db.lastInsertedRowID
            for item in record.identifiers {
                try identifier.execute(arguments: [
                    row, item.role, item.key, item.ai, item.aiValue, item.quantity, item.uom,
                ])
            }
            for item in record.parties {
                try party.execute(arguments: [row, item.direction, item.type, item.party])
            }
            for item in record.transactions {
                try transaction.execute(arguments: [row, item.type, item.id])
            }
            return row
        }
    }
}
