import Foundation
import Logging
import PostgresNIO
import Storage
import Transparency

/// The Merkle log of the PostgreSQL store, in the capture transaction: `ledger_tile(level, idx, width, hashes)` (tiles
/// of 256 hashes, docs/decisions/0024-tiled-ledger.md) and one signed `tree_head` per capture, as in SQLite. Event row
/// `id` is leaf `id - 1`.
///
/// A capture takes a transaction-level advisory lock (``lock(on:logger:)``) before it numbers its rows, so captures
/// append one after another and rows are numbered `max(id) + 1, …` without gaps even when a transaction rolls back
/// (a sequence would leave holes, and a hole is a missing leaf). The right edge of the log (its partial tiles, at most
/// one per tile level) is read in the transaction, so several processes may capture into one database.
enum PostgresLedger {
    /// Serialises this transaction with every other capture into the same schema until it ends.
    static func lock(on connection: PostgresConnection, logger: Logger) async throws {
        try await PostgresAdvisoryLock.capture.holdForTransaction(on: connection, logger: logger)
    }

    /// The highest event row, 0 for an empty store.
    static func lastRow(on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.query("SELECT coalesce(max(id), 0)::int8 FROM event", logger: logger)
            .collect().first?.decode(Int64.self) ?? 0
    }

    /// The number of leaves in the log: the leaves before the right-most level-0 tile and that tile's width.
    static func leafCount(on connection: PostgresConnection, logger: Logger) async throws -> UInt64 {
        let rows = try await connection.query(
            "SELECT idx, width::int8 FROM ledger_tile WHERE level = 0 ORDER BY idx DESC LIMIT 1", logger: logger)
        for try await (index, width) in rows.decode((Int64, Int64).self) {
            return UInt64(max(index, 0)) * UInt64(MerkleTileID.width) + UInt64(max(width, 0))
        }
        return 0
    }

    /// Appends the leaves of one capture (rows continuing the log), writes the tiles it changed and a signed tree head.
    /// Events stored before the ledger existed (rows below the first new one that no leaf covers) join first.
    /// - Throws: ``StorageError`` `.internalFailure` when the rows do not continue the log.
    static func append(
        _ leafHashes: [MerkleHash], rows: [Int64], signer: TreeHeadSigner, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        guard let first = rows.first else { return }
        let size = try await leafCount(on: connection, logger: logger)
        let edge = MerkleTileID.partialTiles(treeSize: size).map(\.id)
        var frontier = try MerkleTileFrontier(
            treeSize: size, tiles: try await PostgresLedgerTiles.tiles(edge, on: connection, logger: logger))
        var leaves: [MerkleHash] = []
        var expected = Int64(size) + 1
        if first > expected {
            let older = try await connection.query(
                "SELECT id, body FROM event WHERE id >= \(expected) AND id < \(first) ORDER BY id", logger: logger)
            for try await (row, body) in older.decode((Int64, ByteBuffer).self) where row == expected {
                leaves.append(LedgerLeaf.leafHash(content: Data(try PostgresEventDecoding.original(body))))
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
        try await PostgresLedgerTiles.write(frontier.append(leafHashes: leaves), on: connection, logger: logger)
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

/// The `ledger_tile` table as a ``Transparency/MerkleTileStore``: each call takes a pooled connection.
struct PostgresLedgerTiles: MerkleTileStore {
    let store: PostgresEventStore

    func leafCount() async throws -> UInt64 {
        let logger = store.logger
        return try await store.withConnection { connection in
            try await PostgresLedger.leafCount(on: connection, logger: logger)
        }
    }

    func tiles(_ ids: [MerkleTileID]) async throws -> [MerkleTileID: MerkleTile] {
        let logger = store.logger
        return try await store.withConnection { connection in
            try await Self.tiles(ids, on: connection, logger: logger)
        }
    }

    /// Reads tiles in one query; absent tiles are left out.
    /// - Throws: `TransparencyError.malformedHash` when a stored tile's bytes do not match its width.
    static func tiles(_ ids: [MerkleTileID], on connection: PostgresConnection, logger: Logger) async throws
        -> [MerkleTileID: MerkleTile]
    {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        let levels = unique.map { Int64($0.level) }
        let indices = unique.map { Int64($0.index) }
        let rows = try await connection.query(
            """
            SELECT t.level::int8, t.idx, t.width::int8, t.hashes FROM ledger_tile t
            JOIN unnest(\(levels)::int8[], \(indices)::int8[]) AS w(l, i) ON t.level = w.l AND t.idx = w.i
            """, logger: logger)
        var found: [MerkleTileID: MerkleTile] = [:]
        for try await (level, index, width, bytes) in rows.decode((Int64, Int64, Int64, Data).self) {
            let id = MerkleTileID(level: UInt8(clamping: level), index: UInt64(max(index, 0)))
            found[id] = try MerkleTile(id: id, width: Int(width), bytes: bytes)
        }
        return found
    }

    /// Stores the tiles an append changed in one statement: new tiles are inserted, a partial tile is replaced by its
    /// grown form. The tiles travel as one `bytea` with their offsets (PostgresNIO binds no `bytea[]`).
    ///
    /// The database refuses any other change: a stored tile is only replaced by a wider one that starts with the same
    /// hashes, so a full tile, and every hash once written, never changes.
    /// - Throws: ``StorageError`` `.internalFailure` when a tile would shrink or change stored hashes.
    static func write(_ tiles: [MerkleTile], on connection: PostgresConnection, logger: Logger) async throws {
        guard !tiles.isEmpty else { return }
        let levels = tiles.map { Int64($0.id.level) }
        let indices = tiles.map { Int64($0.id.index) }
        let widths = tiles.map { Int64($0.width) }
        var offsets: [Int64] = []
        var bytes = Data()
        for tile in tiles {
            offsets.append(Int64(bytes.count))
            bytes.append(tile.bytes)
        }
        let rows = try await connection.query(
            """
            INSERT INTO ledger_tile (level, idx, width, hashes)
            SELECT l, i, w, substring(\(bytes)::bytea FROM (o + 1)::int FOR (w * 32)::int)
            FROM unnest(\(levels)::int8[], \(indices)::int8[], \(widths)::int8[], \(offsets)::int8[]) AS x(l, i, w, o)
            ON CONFLICT (level, idx) DO UPDATE SET width = excluded.width, hashes = excluded.hashes
            WHERE excluded.width > ledger_tile.width
                AND substring(excluded.hashes FROM 1 FOR octet_length(ledger_tile.hashes)) = ledger_tile.hashes
            RETURNING level
            """, logger: logger)
        let written = try await rows.collect().count
        guard written == tiles.count else {
            throw StorageError(
                .internalFailure,
                "the ledger's tiles would lose or change hashes they hold (\(tiles.count - written) of \(tiles.count) "
                    + "refused); nothing was stored")
        }
    }
}
