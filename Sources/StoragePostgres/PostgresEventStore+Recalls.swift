import Foundation
import Logging
import PostgresNIO
public import Storage

/// The PostgreSQL store as a ``Storage/RecallStore``: a recall and its rows in one transaction.
extension PostgresEventStore: RecallStore {
    public func record(_ recall: RecallRecord) async throws(StorageError) -> RecallRecord {
        try recall.validate()
        let keys = RecallKeys.keys(of: recall)
        let logger = logger
        return try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                let existing = try await connection.query(
                    "SELECT 1 FROM recall WHERE recall_id = \(recall.id)", logger: logger
                ).collect()
                guard existing.isEmpty else {
                    throw StorageError(.duplicateEvent, "recall \(recall.id) is already recorded; nothing was stored")
                }
                let issued = RecallRecord.millisecondsSince1970(recall.issuedAt)
                let eventCount = Int64(recall.eventCount)
                let depth = Int64(recall.depth)
                let inserted = try await connection.query(
                    """
                    INSERT INTO recall (recall_id, root, reason, initiated_by, issued_at_ms, event_count, depth,
                        truncated, parties, origin)
                    VALUES (\(recall.id), \(recall.root), \(recall.reason), \(recall.initiatedBy), \(issued),
                        \(eventCount), \(depth), \(recall.truncated), \(recall.parties)::text[], \(recall.origin))
                    RETURNING id
                    """, logger: logger
                ).collect()
                guard let row = try inserted.first?.decode(Int64.self) else {
                    throw StorageError(.internalFailure, "the recall was not stored")
                }
                let positions = recall.identifiers.indices.map(Int64.init)
                try await connection.query(
                    """
                    INSERT INTO recall_identifier (recall, position, identifier)
                    SELECT \(row), * FROM unnest(\(positions)::bigint[], \(recall.identifiers)::text[])
                    """, logger: logger)
                try await connection.query(
                    "INSERT INTO recall_key (recall, key) SELECT \(row), * FROM unnest(\(keys)::text[])",
                    logger: logger)
                for (position, holder) in recall.holders.enumerated() {
                    let position = Int64(position)
                    let at = holder.acknowledgement.map { RecallRecord.millisecondsSince1970($0.at) }
                    let relayed = holder.relayedAt.map(RecallRecord.millisecondsSince1970)
                    try await connection.query(
                        """
                        INSERT INTO recall_holder (recall, position, party, location, identifier, quantity, uom,
                            acknowledged_by, acknowledged_at_ms, note, platform, relayed_at_ms)
                        VALUES (\(row), \(position), \(holder.party), \(holder.location), \(holder.identifier),
                            \(holder.quantity), \(holder.uom), \(holder.acknowledgement?.by), \(at),
                            \(holder.acknowledgement?.note), \(holder.platform), \(relayed))
                        """, logger: logger)
                    if !holder.serials.isEmpty {
                        try await connection.query(
                            """
                            INSERT INTO recall_holder_serial (recall, position, serial)
                            SELECT DISTINCT \(row), \(position), * FROM unnest(\(holder.serials)::text[])
                            """, logger: logger)
                    }
                }
                return recall
            }
        }
    }

    public func recall(id: String) async throws(StorageError) -> RecallRecord? {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresRecallRows.recalls(
                where: "recall_id = $1", id, limit: 1, on: connection, logger: logger
            ).first
        }
    }

    public func recalls(limit: Int) async throws(StorageError) -> [RecallRecord] {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresRecallRows.recalls(where: nil, nil, limit: max(0, limit), on: connection, logger: logger)
        }
    }

    public func acknowledge(recallID: String, party: String, _ acknowledgement: RecallAcknowledgement)
        async throws(StorageError) -> RecallRecord
    {
        let logger = logger
        let at = RecallRecord.millisecondsSince1970(acknowledgement.at)
        return try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                let found = try await connection.query(
                    "SELECT id, origin IS NOT NULL FROM recall WHERE recall_id = \(recallID)", logger: logger
                ).collect()
                guard let (row, relayedCopy) = try found.first?.decode((Int64, Bool).self) else {
                    throw StorageError(.notFound, "no recall \(recallID)")
                }
                // A relayed copy's new answer must reach the issuing platform again.
                let updated = try await connection.query(
                    """
                    UPDATE recall_holder SET acknowledged_by = \(acknowledgement.by), acknowledged_at_ms = \(at),
                        note = \(acknowledgement.note),
                        relayed_at_ms = CASE WHEN \(relayedCopy) THEN NULL ELSE relayed_at_ms END
                    WHERE recall = \(row) AND party = \(party)
                    RETURNING position
                    """, logger: logger
                ).collect()
                guard !updated.isEmpty else {
                    throw StorageError(.notFound, "recall \(recallID) has no holder \(party); nothing was changed")
                }
                guard
                    let recall = try await PostgresRecallRows.recalls(
                        where: "recall_id = $1", recallID, limit: 1, on: connection, logger: logger
                    ).first
                else { throw StorageError(.notFound, "no recall \(recallID)") }
                return recall
            }
        }
    }

    public func recallIDs(reaching identifier: String) async throws(StorageError) -> [String] {
        let key = RecallKeys.key(identifier)
        let logger = logger
        return try await withConnection { connection in
            var ids: [String] = []
            for try await id in try await connection.query(
                "SELECT r.recall_id FROM recall_key k JOIN recall r ON r.id = k.recall WHERE k.key = \(key) ORDER BY r.id",
                logger: logger
            ).decode(String.self) {
                ids.append(id)
            }
            return ids
        }
    }
}

/// Reads recall rows back into records.
enum PostgresRecallRows {
    /// The recalls matching a condition on `recall` (one text parameter `$1`), newest first.
    static func recalls(
        where condition: String?, _ value: String?, limit: Int, on connection: PostgresConnection, logger: Logger
    ) async throws -> [RecallRecord] {
        var bindings = PostgresBindings()
        if let value { bindings.append(value) }
        bindings.append(Int64(limit))
        let limitMark = value == nil ? "$1" : "$2"
        // The condition is a constant of this file; the value is bound.
        let sql = """
            SELECT id, recall_id, root, reason, initiated_by, issued_at_ms, event_count, depth, truncated, parties, origin
            FROM recall \(condition.map { "WHERE \($0)" } ?? "") ORDER BY issued_at_ms DESC, id DESC LIMIT \(limitMark)
            """
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        var heads: [(Int64, RecallRecord)] = []
        for try await (id, recallID, root, reason, by, issued, events, depth, truncated, parties, origin) in rows.decode(
            (Int64, String, String, String, String, Int64, Int64, Int64, Bool, [String], String?).self)
        {
            heads.append((id, RecallRecord(
                id: recallID, root: root, reason: reason, initiatedBy: by,
                issuedAt: Date(timeIntervalSince1970: Double(issued) / 1_000), identifiers: [], parties: parties,
                eventCount: Int(events), depth: Int(depth), truncated: truncated, holders: [], origin: origin)))
        }
        var records: [RecallRecord] = []
        for (id, head) in heads {
            var record = head
            for try await identifier in try await connection.query(
                "SELECT identifier FROM recall_identifier WHERE recall = \(id) ORDER BY position", logger: logger
            ).decode(String.self) {
                record.identifiers.append(identifier)
            }
            var serials: [Int64: [String]] = [:]
            for try await (position, serial) in try await connection.query(
                "SELECT position, serial FROM recall_holder_serial WHERE recall = \(id) ORDER BY position, serial",
                logger: logger
            ).decode((Int64, String).self) {
                serials[position, default: []].append(serial)
            }
            for try await (party, location, identifier, quantity, uom, ackBy, ackAt, note, platform, relayed)
                in try await connection.query(
                    """
                    SELECT party, location, identifier, quantity, uom, acknowledged_by, acknowledged_at_ms, note,
                        platform, relayed_at_ms
                    FROM recall_holder WHERE recall = \(id) ORDER BY position
                    """, logger: logger
                ).decode((String?, String, String, Double, String, String?, Int64?, String?, String?, Int64?).self)
            {
                record.holders.append(RecallHolder(
                    party: party, location: location, identifier: identifier, quantity: quantity, uom: uom,
                    acknowledgement: ackBy.map {
                        RecallAcknowledgement(
                            by: $0, at: Date(timeIntervalSince1970: Double(ackAt ?? 0) / 1_000), note: note)
                    }, platform: platform, relayedAt: relayed.map { Date(timeIntervalSince1970: Double($0) / 1_000) },
                    serials: serials[Int64(record.holders.count)] ?? []))
            }
            records.append(record)
        }
        return records
    }
}
