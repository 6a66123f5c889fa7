public import Foundation
import GRDB
public import Storage
import Transparency

/// The SQLite store's part in the federation (docs/decisions/0013-federation.md): evidence for a peer's trace, each
/// peer's push cursor, and the recall rows to relay.
extension SQLiteEventStore: EvidenceStore, FederationStateStore {
    public func evidence(touching keys: Set<String>, limit: Int) async throws(StorageError) -> LedgerEvidence {
        let limit = max(0, limit)
        // The rows and the head are read in one snapshot, so that the head covers every row handed out.
        let found = try await read { db -> (rows: [StoredRow], head: SignedTreeHead?, truncated: Bool) in
            let rows = try Self.rows(touching: keys, in: db).map {
                StoredRow(
                    row: $0["id"], eventID: try SQLiteEventDecoding.eventID($0),
                    hashID: try SQLiteEventDecoding.hashID($0), body: try SQLiteEventDecoding.body($0))
            }
            let truncated = rows.count > limit
            return (Array(rows.prefix(limit)), try SQLiteTreeHeads.fetch(treeSize: nil, in: db), truncated)
        }
        guard let head = found.head else { return LedgerEvidence(signedTreeHead: nil, events: [], truncated: false) }
        let nodes = SQLiteLedgerTiles(writer: writer)
        var events: [EvidenceEvent] = []
        for row in found.rows {
            let leaf = UInt64(row.row - 1)
            guard leaf < head.treeHead.treeSize else { continue }
            do {
                let proof = try await InclusionProof.build(leafIndex: leaf, treeSize: head.treeHead.treeSize, from: nodes)
                events.append(EvidenceEvent(eventID: row.eventID, hashID: row.hashID, body: row.body, proof: proof))
            } catch {
                throw Self.ledgerError(error, "the inclusion proof of leaf \(leaf) cannot be built")
            }
        }
        return LedgerEvidence(signedTreeHead: head, events: events, truncated: found.truncated)
    }

    /// An event row as the evidence read hands it on.
    private struct StoredRow: Sendable {
        var row: Int64
        var eventID: String
        var hashID: String
        var body: String
    }

    public func pushCursor(peer: String) async throws(StorageError) -> SubscriptionCursor? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM federation_push_cursor WHERE peer = ?", arguments: [peer])
            else { return nil }
            return SubscriptionCursor(
                recordTime: SQLitePlatformRows.date(row["record_time_ms"]),
                deliveredIDs: try SQLitePlatformRows.decode(row["delivered_ids"]))
        }
    }

    public func advancePushCursor(peer: String, to cursor: SubscriptionCursor) async throws(StorageError) {
        let ids = try SQLitePlatformRows.encode(cursor.deliveredIDs)
        let time = SQLitePlatformRows.milliseconds(cursor.recordTime)
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO federation_push_cursor (peer, record_time_ms, delivered_ids) VALUES (?, ?, ?)
                    ON CONFLICT (peer) DO UPDATE SET record_time_ms = excluded.record_time_ms,
                        delivered_ids = excluded.delivered_ids
                    """,
                arguments: [peer, time, ids])
        }
    }

    public func recallsToRelay(limit: Int) async throws(StorageError) -> [RecallRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM recall WHERE id IN (
                        SELECT h.recall FROM recall_holder h JOIN recall r ON r.id = h.recall
                        WHERE h.relayed_at_ms IS NULL AND (
                            (r.origin IS NULL AND h.platform IS NOT NULL)
                            OR (r.origin IS NOT NULL AND h.acknowledged_at_ms IS NOT NULL)))
                    ORDER BY id LIMIT ?
                    """,
                arguments: [max(0, limit)]
            ).map { try SQLiteRecallRows.recall($0, in: db) }
        }
    }

    public func markRelayed(recallID: String, positions: [Int], at date: Date) async throws(StorageError) {
        let time = SQLitePlatformRows.milliseconds(date)
        try await write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM recall WHERE recall_id = ?", arguments: [recallID])
            else { throw StorageError(.notFound, "no recall \(recallID)") }
            let update = try db.makeStatement(
                sql: "UPDATE recall_holder SET relayed_at_ms = ? WHERE recall = ? AND position = ?")
            for position in positions { try update.execute(arguments: [time, id, position]) }
        }
    }
}
