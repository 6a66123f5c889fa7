import Foundation
import GRDB
import Transparency

/// Checks the stored tiles level by level with ``MerkleTileLevelCheck``: none missing or malformed, and every full
/// tile hashing to the node the next level holds for it. The next level (1/256 of the tiles) is held in memory while
/// a cursor walks the level in order.
enum SQLiteLedgerTileCheck {
    /// The nodes that are missing or do not hash from the tile below, at most `limit` of them.
    static func inconsistentNodes(in db: Database, limit: Int = 100) throws -> [MerkleNodeID] {
        var bad: [MerkleNodeID] = []
        let top = try Int64.fetchOne(db, sql: "SELECT max(level) FROM ledger_tile") ?? -1
        guard top >= 0 else { return [] }
        for level in 0...top where bad.count < limit {
            var check = MerkleTileLevelCheck(level: UInt8(level), parentTiles: try tiles(level: level + 1, in: db))
            let children = try Row.fetchCursor(
                db, sql: "SELECT idx, width, hashes FROM ledger_tile WHERE level = ? ORDER BY idx", arguments: [level])
            while let row = try children.next() {
                let id = MerkleTileID(level: UInt8(level), index: UInt64(max(0, row[0] as Int64)))
                // A malformed tile (its bytes do not match its width) is passed as nil and reported.
                check.check(id, tile: try? SQLiteLedgerTiles.tile(id, row, from: 1))
            }
            bad += check.finish()
        }
        return Array(bad.prefix(limit))
    }

    /// The well-formed tiles of one level.
    private static func tiles(level: Int64, in db: Database) throws -> [MerkleTile] {
        try Row.fetchAll(db, sql: "SELECT idx, width, hashes FROM ledger_tile WHERE level = ?", arguments: [level])
            .compactMap { row in
                let id = MerkleTileID(level: UInt8(level), index: UInt64(max(0, row[0] as Int64)))
                return try? SQLiteLedgerTiles.tile(id, row, from: 1)
            }
    }
}
