import Foundation
import GRDB
import Storage
import Transparency

/// The `tree_head` table: one signed tree head per capture, keyed by tree size.
enum SQLiteTreeHeads {
    /// Stores a signed head.
    static func insert(_ head: SignedTreeHead, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO tree_head (tree_size, root_hash, timestamp, signature, key_id, public_key)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            Int64(head.treeHead.treeSize), head.treeHead.rootHash.data, Int64(head.treeHead.timestamp),
            head.signature, head.publicKey.keyID, head.publicKey.rawRepresentation,
        ])
    }

    /// The head of the largest tree, or of a given size.
    /// - Parameters:
    ///   - treeSize: The size; the latest head when nil.
    ///   - db: A read.
    /// - Returns: The head, nil when none is stored.
    /// - Throws: ``StorageError`` `.internalFailure` when a stored head is not well formed.
    static func fetch(treeSize: UInt64?, in db: Database) throws -> SignedTreeHead? {
        let columns = "SELECT tree_size, root_hash, timestamp, signature, public_key FROM tree_head"
        let row =
            if let treeSize {
                try Row.fetchOne(db, sql: columns + " WHERE tree_size = ?", arguments: [Int64(treeSize)])
            } else {
                try Row.fetchOne(db, sql: columns + " ORDER BY tree_size DESC LIMIT 1")
            }
        guard let row else { return nil }
        let size: Int64 = row[0]
        let root: Data = row[1]
        let timestamp: Int64 = row[2]
        let signature: Data = row[3]
        let publicKey: Data = row[4]
        guard let rootHash = MerkleHash(bytes: root), size >= 0, timestamp >= 0,
            let key = try? LogPublicKey(rawRepresentation: publicKey)
        else {
            throw StorageError(.internalFailure, "the stored tree head of size \(size) is not well formed")
        }
        return SignedTreeHead(
            treeHead: TreeHead(treeSize: UInt64(size), rootHash: rootHash, timestamp: UInt64(timestamp)),
            signature: signature, publicKey: key)
    }
}
