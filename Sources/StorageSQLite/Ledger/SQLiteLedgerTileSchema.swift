import Foundation
import GRDB
import Storage
import Transparency

/// The migration step `v17-ledger-tiles`: the Merkle log moves from one row per node (`ledger_node`) to tiles
/// (`ledger_tile`, docs/decisions/0024-tiled-ledger.md), in place and in the step's one transaction.
///
/// A tile row holds up to 256 consecutive hashes of tree level `8·level`. The nodes of levels 0, 8, 16, … are
/// copied into tiles as stored, so every root, proof and signed head stays the same; the nodes of the levels
/// between are dropped, as they are computed from the tiles when read.
enum SQLiteLedgerTileSchema {
    /// The table. A rowid table, not `WITHOUT ROWID`: a full tile is an 8 KiB row, and SQLite advises rowid tables
    /// for rows that large.
    static let createTable = """
        CREATE TABLE ledger_tile (
            level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 7),
            idx INTEGER NOT NULL CHECK (idx >= 0),
            width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
            hashes BLOB NOT NULL CHECK (length(hashes) = 32 * width),
            PRIMARY KEY (level, idx)
        )
        """

    /// Creates `ledger_tile`, fills it from `ledger_node` and drops `ledger_node`.
    /// - Throws: ``StorageError`` `.internalFailure` when a stored level has a gap or a hash that is not 32 bytes:
    ///   such a ledger is damaged, and converting it would hide where; the store is left as it was.
    static func convert(_ db: Database) throws {
        try db.execute(sql: createTable)
        let select = try db.makeStatement(sql: "SELECT idx, hash FROM ledger_node WHERE level = ? ORDER BY idx")
        for tileLevel in 0..<8 {
            let treeLevel = tileLevel * Int(MerkleTileID.height)
            var hashes: [MerkleHash] = []
            var next: Int64 = 0
            let nodes = try Row.fetchCursor(select, arguments: [treeLevel])
            while let row = try nodes.next() {
                let index: Int64 = row[0]
                let bytes: Data = row[1]
                guard index == next, let hash = MerkleHash(bytes: bytes) else {
                    let damage =
                        index == next ? "holds a hash of \(bytes.count) bytes at \(index)" : "lacks node \(next)"
                    throw StorageError(
                        .internalFailure,
                        "the ledger cannot move to tiles: ledger_node level \(treeLevel) \(damage); run "
                            + "`suyuan verify` with the previous release to see the damage")
                }
                hashes.append(hash)
                next += 1
                if hashes.count == MerkleTileID.width {
                    try write(hashes, level: tileLevel, endingAt: next, in: db)
                    hashes.removeAll(keepingCapacity: true)
                }
            }
            if !hashes.isEmpty { try write(hashes, level: tileLevel, endingAt: next, in: db) }
        }
        try db.execute(sql: "DROP TABLE ledger_node")
    }

    private static func write(_ hashes: [MerkleHash], level: Int, endingAt end: Int64, in db: Database) throws {
        let id = MerkleTileID(level: UInt8(level), index: UInt64(end - 1) >> UInt64(MerkleTileID.height))
        let tile = MerkleTile(id: id, hashes: hashes)
        try db.cachedStatement(sql: "INSERT INTO ledger_tile (level, idx, width, hashes) VALUES (?, ?, ?, ?)")
            .execute(arguments: [level, Int64(id.index), tile.width, tile.bytes])
    }
}
