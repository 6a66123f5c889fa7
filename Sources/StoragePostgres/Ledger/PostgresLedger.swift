import Foundation
import Logging
import PostgresNIO
import Storage
import Transparency

/// The Merkle log of the PostgreSQL store, in the capture transaction: `ledger_node(level, idx, hash)` and one
/// signed `tree_head` per capture, as in SQLite. Event row `id` is leaf `id - 1`.
///
/// A capture takes a transaction-level advisory lock (``lock(on:logger:)``) before it numbers its rows, so captures
/// append one after another and rows are numbered `max(id) + 1, …` without gaps even when a transaction rolls back
/// (a sequence would leave holes, and a hole is a missing leaf). The right edge of the log (O(log n) nodes) is
/// read in the transaction, so several processes may capture into one database.
enum PostgresLedger {
    /// The advisory lock that serialises captures (the migration lock is 4620815).
    static let captureLock: Int64 = 4_620_816

    /// Serialises this transaction with every other capture until it ends.
    static func lock(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(captureLock))", logger: logger)
    }

    /// The highest event row, 0 for an empty store.
    static func lastRow(on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.query("SELECT coalesce(max(id), 0)::int8 FROM event", logger: logger)
            .collect().first?.decode(Int64.self) ?? 0
    }

    /// The number of leaves in the log.
    static func leafCount(on connection: PostgresConnection, logger: Logger) async throws -> UInt64 {
        let count =
            try await connection.query(
                "SELECT coalesce(max(idx) + 1, 0)::int8 FROM ledger_node WHERE level = 0", logger: logger
            ).collect().first?.decode(Int64.self) ?? 0
        return UInt64(max(count, 0))
    }

    /// Appends the leaves of one capture (rows continuing the log), writes the new nodes and a signed tree head.
    /// Events stored before the ledger existed (rows below the first new one that no leaf covers) join first.
    /// - Throws: ``StorageError`` `.internalFailure` when the rows do not continue the log.
    static func append(
        _ leafHashes: [MerkleHash], rows: [Int64], signer: TreeHeadSigner, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        guard let first = rows.first else { return }
        let size = try await leafCount(on: connection, logger: logger)
        let ids = MerkleFrontier.nodeIDs(treeSize: size)
        var frontier = try MerkleFrontier(
            treeSize: size, hashes: try await PostgresLedgerNodes.hashes(of: ids, on: connection, logger: logger))
        var leaves: [MerkleHash] = []
        var expected = Int64(size) + 1
        if first > expected {
            let older = try await connection.query(
                "SELECT id, body FROM event WHERE id >= \(expected) AND id < \(first) ORDER BY id", logger: logger)
            for try await (row, body) in older.decode((Int64, String).self) where row == expected {
                leaves.append(LedgerLeaf.leafHash(content: Data(body.utf8)))
                expected += 1
            }
        }
        for row in rows {
            guard row == expected else {
                throw StorageError(
                    .internalFailure,
                    "event row \(row) does not continue the ledger of \(expected - 1) leaves; nothing was stored")
            }
            expected += 1
        }
        leaves += leafHashes
        let nodes = frontier.append(leafHashes: leaves)
        try await PostgresLedgerNodes.insert(nodes, on: connection, logger: logger)
        let head = try signer.sign(TreeHead(treeSize: frontier.treeSize, rootHash: frontier.rootHash, date: Date()))
        try await insert(head, on: connection, logger: logger)
    }

    static func insert(_ head: SignedTreeHead, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO tree_head (tree_size, root_hash, timestamp, signature, key_id, public_key)
            VALUES (\(Int64(head.treeHead.treeSize)), \(head.treeHead.rootHash.data), \(Int64(head.treeHead.timestamp)),
                \(head.signature), \(head.publicKey.keyID), \(head.publicKey.rawRepresentation))
            """, logger: logger)
    }

    /// The head of the largest tree, or of a given size; nil when none is stored.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored head is not well formed.
    static func treeHead(size: UInt64?, on connection: PostgresConnection, logger: Logger) async throws
        -> SignedTreeHead?
    {
        let rows =
            if let size {
                try await connection.query(
                    """
                    SELECT tree_size, root_hash, timestamp, signature, public_key FROM tree_head
                    WHERE tree_size = \(Int64(size))
                    """, logger: logger)
            } else {
                try await connection.query(
                    """
                    SELECT tree_size, root_hash, timestamp, signature, public_key FROM tree_head
                    ORDER BY tree_size DESC LIMIT 1
                    """, logger: logger)
            }
        var found: [(Int64, Data, Int64, Data, Data)] = []
        for try await row in rows.decode((Int64, Data, Int64, Data, Data).self) { found.append(row) }
        for (treeSize, root, timestamp, signature, publicKey) in found {
            guard let rootHash = MerkleHash(bytes: root), treeSize >= 0, timestamp >= 0,
                let key = try? LogPublicKey(rawRepresentation: publicKey)
            else {
                throw StorageError(.internalFailure, "the stored tree head of size \(treeSize) is not well formed")
            }
            return SignedTreeHead(
                treeHead: TreeHead(treeSize: UInt64(treeSize), rootHash: rootHash, timestamp: UInt64(timestamp)),
                signature: signature, publicKey: key)
        }
        return nil
    }
}

/// The `ledger_node` table as a ``Transparency/MerkleNodeStore``: each call takes a pooled connection.
struct PostgresLedgerNodes: MerkleNodeStore {
    let store: PostgresEventStore

    func leafCount() async throws -> UInt64 {
        let logger = store.logger
        return try await store.withConnection { connection in
            try await PostgresLedger.leafCount(on: connection, logger: logger)
        }
    }

    func hashes(of ids: [MerkleNodeID]) async throws -> [MerkleNodeID: MerkleHash] {
        let logger = store.logger
        return try await store.withConnection { connection in
            try await Self.hashes(of: ids, on: connection, logger: logger)
        }
    }

    func write(_ nodes: [MerkleNode]) async throws {
        let logger = store.logger
        try await store.withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                try await Self.insert(nodes, on: connection, logger: logger)
            }
        }
    }

    /// Reads node hashes in one query; absent nodes are left out.
    static func hashes(of ids: [MerkleNodeID], on connection: PostgresConnection, logger: Logger) async throws
        -> [MerkleNodeID: MerkleHash]
    {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        let levels = unique.map { Int64($0.level) }
        let indices = unique.map { Int64($0.index) }
        let rows = try await connection.query(
            """
            SELECT n.level::int8, n.idx, n.hash FROM ledger_node n
            JOIN unnest(\(levels)::int8[], \(indices)::int8[]) AS w(l, i) ON n.level = w.l AND n.idx = w.i
            """, logger: logger)
        var found: [MerkleNodeID: MerkleHash] = [:]
        for try await (level, index, bytes) in rows.decode((Int64, Int64, Data).self) {
            guard let hash = MerkleHash(bytes: bytes) else { continue }
            found[MerkleNodeID(level: UInt8(level), index: UInt64(index))] = hash
        }
        return found
    }

    /// Inserts nodes in one statement (hashes sent as hexadecimal text, since PostgresNIO binds no `bytea[]`).
    static func insert(_ nodes: [MerkleNode], on connection: PostgresConnection, logger: Logger) async throws {
        guard !nodes.isEmpty else { return }
        let levels = nodes.map { Int64($0.id.level) }
        let indices = nodes.map { Int64($0.id.index) }
        let hashes = nodes.map(\.hash.hex)
        try await connection.query(
            """
            INSERT INTO ledger_node (level, idx, hash)
            SELECT l, i, decode(h, 'hex') FROM unnest(\(levels)::int8[], \(indices)::int8[], \(hashes)::text[])
                AS x(l, i, h)
            """, logger: logger)
    }
}
