public import Foundation
import Logging
import PostgresNIO
public import Storage
import Transparency

/// The PostgreSQL store's part in the federation (docs/decisions/0013-federation.md), as SQLite's.
extension PostgresEventStore: EvidenceStore, FederationStateStore {
    public func evidence(touching keys: Set<String>, limit: Int) async throws(StorageError) -> LedgerEvidence {
        guard !keys.isEmpty else { return LedgerEvidence(signedTreeHead: try await latestTreeHead(), events: []) }
        let keys = Array(keys)
        let logger = logger
        let take = Int64(max(0, limit)) + 1
        // The head first, then only rows it covers: a capture in between adds rows past it, which wait for the next
        // ask.
        let found = try await withConnection { connection -> (head: SignedTreeHead?, rows: [(Int64, String, String, ByteBuffer)]) in
            guard let head = try await PostgresLedger.treeHead(size: nil, on: connection, logger: logger) else {
                return (nil, [])
            }
            let covered = Int64(head.treeHead.treeSize)
            var rows: [(Int64, String, String, ByteBuffer)] = []
            let result = try await connection.query(
                """
                SELECT id, event_id, hash_id, body FROM event
                WHERE id IN (SELECT event_row FROM event_identifier WHERE key = ANY(\(keys)::text[]))
                    AND id <= \(covered)
                ORDER BY id LIMIT \(take)
                """, logger: logger)
            for try await row in result.decode((Int64, String, String, ByteBuffer).self) { rows.append(row) }
            return (head, rows)
        }
        guard let head = found.head else { return LedgerEvidence(signedTreeHead: nil, events: []) }
        let nodes = PostgresLedgerTiles(store: self)
        var events: [EvidenceEvent] = []
        for (row, eventID, hashID, body) in found.rows.prefix(max(0, limit)) {
            let leaf = UInt64(row - 1)
            do {
                let proof = try await InclusionProof.build(leafIndex: leaf, treeSize: head.treeHead.treeSize, from: nodes)
                events.append(EvidenceEvent(
                        eventID: eventID, hashID: hashID, body: try PostgresEventDecoding.text(body), proof: proof))
            } catch {
                throw Self.ledgerError(error, "the inclusion proof of leaf \(leaf) cannot be built")
            }
        }
        return LedgerEvidence(signedTreeHead: head, events: events, truncated: found.rows.count > limit)
    }

    public func pushCursor(peer: String) async throws(StorageError) -> SubscriptionCursor? {
        let logger = logger
        return try await withConnection { connection in
            var cursor: SubscriptionCursor?
            let rows = try await connection.query(
                "SELECT record_time_ms, delivered_ids FROM federation_push_cursor WHERE peer = \(peer)", logger: logger)
            for try await (time, ids) in rows.decode((Int64, [String]).self) {
                cursor = SubscriptionCursor(recordTime: PostgresPlatformRows.date(time), deliveredIDs: ids)
            }
            return cursor
        }
    }

    public func advancePushCursor(peer: String, to cursor: SubscriptionCursor) async throws(StorageError) {
        let logger = logger
        let time = PostgresPlatformRows.milliseconds(cursor.recordTime)
        let ids = cursor.deliveredIDs
        try await withConnection { connection in
            try await connection.query(
                """
                INSERT INTO federation_push_cursor (peer, record_time_ms, delivered_ids)
                VALUES (\(peer), \(time), \(ids)::text[])
                ON CONFLICT (peer) DO UPDATE SET record_time_ms = excluded.record_time_ms,
                    delivered_ids = excluded.delivered_ids
                """, logger: logger)
        }
    }

    public func recallsToRelay(limit: Int) async throws(StorageError) -> [RecallRecord] {
        let logger = logger
        let limit = Int64(max(0, limit))
        return try await withConnection { connection in
            var ids: [String] = []
            let rows = try await connection.query(
                """
                SELECT recall_id FROM recall WHERE id IN (
                    SELECT h.recall FROM recall_holder h JOIN recall r ON r.id = h.recall
                    WHERE h.relayed_at_ms IS NULL AND (
                        (r.origin IS NULL AND h.platform IS NOT NULL)
                        OR (r.origin IS NOT NULL AND h.acknowledged_at_ms IS NOT NULL)))
                ORDER BY id LIMIT \(limit)
                """, logger: logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            var records: [RecallRecord] = []
            for id in ids {
                records += try await PostgresRecallRows.recalls(
                    where: "recall_id = $1", id, limit: 1, on: connection, logger: logger)
            }
            return records
        }
    }

    public func markRelayed(recallID: String, positions: [Int], at date: Date) async throws(StorageError) {
        let logger = logger
        let time = PostgresPlatformRows.milliseconds(date)
        let rows = positions.map(Int64.init)
        try await withConnection { connection in
            let updated = try await connection.query(
                """
                UPDATE recall_holder SET relayed_at_ms = \(time)
                WHERE recall = (SELECT id FROM recall WHERE recall_id = \(recallID)) AND position = ANY(\(rows)::bigint[])
                RETURNING position
                """, logger: logger
            ).collect()
            if updated.isEmpty, !positions.isEmpty {
                let known = try await connection.query(
                    "SELECT 1 FROM recall WHERE recall_id = \(recallID)", logger: logger
                ).collect()
                if known.isEmpty { throw StorageError(.notFound, "no recall \(recallID)") }
            }
        }
    }
}
