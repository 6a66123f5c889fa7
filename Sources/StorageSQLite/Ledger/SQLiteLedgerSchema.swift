import Foundation
import GRDB
import Storage
import Transparency

/// The migration step `v2-ledger`: the Merkle log's nodes and the signed tree heads.
///
/// There is no leaf table: the event row `id` is the capture sequence, so event row `id` is leaf `id - 1`, and the
/// leaf hash is ``LedgerLeaf/leafHash(content:)`` of the row's `body` (its UTF-8 bytes, exactly as stored).
enum SQLiteLedgerSchema {
    /// Creates the tables and enters the events a store already holds as leaves, in row order (their first tree
    /// head is signed when the store opens, since the migration has no key).
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE ledger_node (
                    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 63),
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    hash BLOB NOT NULL,
                    PRIMARY KEY (level, idx)
                ) WITHOUT ROWID;
                CREATE TABLE tree_head (
                    tree_size INTEGER PRIMARY KEY,
                    root_hash BLOB NOT NULL,
                    timestamp INTEGER NOT NULL,
                    signature BLOB NOT NULL,
                    key_id TEXT NOT NULL,
                    public_key BLOB NOT NULL
                );
                """)
        var frontier = MerkleFrontier()
        let insert = try db.makeStatement(sql: "INSERT INTO ledger_node (level, idx, hash) VALUES (?, ?, ?)")
        let events = try Row.fetchCursor(db, sql: "SELECT id, body FROM event ORDER BY id")
        while let row = try events.next() {
            let id: Int64 = row[0]
            guard id == Int64(frontier.treeSize) + 1 else {
                throw StorageError(
                    .internalFailure, "event rows are not numbered 1, 2, 3, …: row \(id) cannot become a leaf")
            }
            // Text before v18-compact-terms, compressed after it (EventBodyCodec): the bytes as captured either way.
            let body = try SQLiteEventDecoding.bodyBytes(row[1])
            for node in frontier.append(leafHashes: [LedgerLeaf.leafHash(content: Data(body))]) {
                try insert.execute(arguments: [Int64(node.id.level), Int64(node.id.index), node.hash.data])
            }
        }
    }
}
