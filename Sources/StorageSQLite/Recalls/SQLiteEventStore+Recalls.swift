import Foundation
import GRDB
public import Storage

/// The SQLite store as a ``Storage/RecallStore``: a recall and its rows in one write transaction.
extension SQLiteEventStore: RecallStore {
    public func record(_ recall: RecallRecord) async throws(StorageError) -> RecallRecord {
        try recall.validate()
        let parties = try SQLiteRecallRows.encode(recall.parties)
        let keys = RecallKeys.keys(of: recall)
        do {
            return try await writer.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM recall WHERE recall_id = ?", arguments: [recall.id]) != nil {
                    throw StorageError(.duplicateEvent, "recall \(recall.id) is already recorded; nothing was stored")
                }
                try db.execute(
                    sql: """
                        INSERT INTO recall (recall_id, root, reason, initiated_by, issued_at_ms, event_count, depth,
                            truncated, parties, origin)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        recall.id, recall.root, recall.reason, recall.initiatedBy,
                        RecallRecord.millisecondsSince1970(recall.issuedAt), recall.eventCount, recall.depth,
                        recall.truncated, parties, recall.origin,
                    ])
                let row = db.lastInsertedRowID
                let identifier = try db.makeStatement(
                    sql: "INSERT INTO recall_identifier (recall, position, identifier) VALUES (?, ?, ?)")
                for (position, id) in recall.identifiers.enumerated() {
                    try identifier.execute(arguments: [row, position, id])
                }
                let key = try db.makeStatement(sql: "INSERT INTO recall_key (recall, key) VALUES (?, ?)")
                for value in keys { try key.execute(arguments: [row, value]) }
                let holder = try db.makeStatement(
                    sql: """
                        INSERT INTO recall_holder (recall, position, party, location, identifier, quantity, uom,
                            acknowledged_by, acknowledged_at_ms, note, platform, relayed_at_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let serial = try db.makeStatement(
                    sql: "INSERT OR IGNORE INTO recall_holder_serial (recall, position, serial) VALUES (?, ?, ?)")
                for (position, value) in recall.holders.enumerated() {
                    try holder.execute(arguments: [
                        row, position, value.party, value.location, value.identifier, value.quantity, value.uom,
                        value.acknowledgement?.by,
                        value.acknowledgement.map { RecallRecord.millisecondsSince1970($0.at) },
                        value.acknowledgement?.note, value.platform,
                        value.relayedAt.map(RecallRecord.millisecondsSince1970),
                    ])
                    for value in value.serials { try serial.execute(arguments: [row, position, value]) }
                }
                return recall
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func recall(id: String) async throws(StorageError) -> RecallRecord? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM recall WHERE recall_id = ?", arguments: [id]) else {
                return nil
            }
            return try SQLiteRecallRows.recall(row, in: db)
        }
    }

    public func recalls(limit: Int) async throws(StorageError) -> [RecallRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM recall ORDER BY issued_at_ms DESC, id DESC LIMIT ?", arguments: [max(0, limit)]
            ).map { try SQLiteRecallRows.recall($0, in: db) }
        }
    }

    public func acknowledge(recallID: String, party: String, _ acknowledgement: RecallAcknowledgement)
        async throws(StorageError) -> RecallRecord
    {
        do {
            return try await writer.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM recall WHERE recall_id = ?", arguments: [recallID])
                else { throw StorageError(.notFound, "no recall \(recallID)") }
                let id: Int64 = row["id"]
                try db.execute(
                    sql: """
                        UPDATE recall_holder SET acknowledged_by = ?, acknowledged_at_ms = ?, note = ?,
                            relayed_at_ms = CASE WHEN ? THEN NULL ELSE relayed_at_ms END
                        WHERE recall = ? AND party = ?
                        """,
                    arguments: [
                        acknowledgement.by, RecallRecord.millisecondsSince1970(acknowledgement.at), acknowledgement.note,
                        (row["origin"] as String?) != nil, id, party,
                    ])
                guard db.changesCount > 0 else {
                    throw StorageError(.notFound, "recall \(recallID) has no holder \(party); nothing was changed")
                }
                return try SQLiteRecallRows.recall(row, in: db)
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func recallIDs(reaching identifier: String) async throws(StorageError) -> [String] {
        let key = RecallKeys.key(identifier)
        return try await read { db in
            try String.fetchAll(
                db,
                sql: "SELECT r.recall_id FROM recall_key k JOIN recall r ON r.id = k.recall WHERE k.key = ? ORDER BY r.id",
                arguments: [key])
        }
    }
}

/// Reads recall rows back into records.
enum SQLiteRecallRows {
    static func encode(_ parties: [String]) throws(StorageError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(parties), as: UTF8.self)
        } catch {
            throw StorageError(.internalFailure, "the recall's parties cannot be encoded", underlying: error)
        }
    }

    static func recall(_ row: Row, in db: Database) throws -> RecallRecord {
        let id: Int64 = row["id"]
        let identifiers = try String.fetchAll(
            db, sql: "SELECT identifier FROM recall_identifier WHERE recall = ? ORDER BY position", arguments: [id])
        var serials: [Int: [String]] = [:]
        for serial in try Row.fetchAll(
            db, sql: "SELECT position, serial FROM recall_holder_serial WHERE recall = ? ORDER BY position, serial",
            arguments: [id])
        {
            serials[serial["position"], default: []].append(serial["serial"])
        }
        let holders = try Row.fetchAll(
            db, sql: "SELECT * FROM recall_holder WHERE recall = ? ORDER BY position", arguments: [id]
        ).map { holder in
            let at: Int64? = holder["acknowledged_at_ms"]
            let by: String? = holder["acknowledged_by"]
            let relayed: Int64? = holder["relayed_at_ms"]
            return RecallHolder(
                party: holder["party"], location: holder["location"], identifier: holder["identifier"],
                quantity: holder["quantity"], uom: holder["uom"],
                acknowledgement: by.map { by in
                    RecallAcknowledgement(
                        by: by, at: Date(timeIntervalSince1970: Double(at ?? 0) / 1_000), note: holder["note"])
                }, platform: holder["platform"], relayedAt: relayed.map { Date(timeIntervalSince1970: Double($0) / 1_000) },
                serials: serials[holder["position"]] ?? [])
        }
        let parties = try JSONDecoder().decode([String].self, from: Data((row["parties"] as String).utf8))
        let issued: Int64 = row["issued_at_ms"]
        return RecallRecord(
            id: row["recall_id"], root: row["root"], reason: row["reason"], initiatedBy: row["initiated_by"],
            issuedAt: Date(timeIntervalSince1970: Double(issued) / 1_000), identifiers: identifiers, parties: parties,
            eventCount: row["event_count"], depth: row["depth"], truncated: row["truncated"], holders: holders,
            origin: row["origin"])
    }
}
