import Foundation
import GRDB
import Storage
import Transparency

/// The `ledger_tile` table as a ``MerkleTileStore``: proofs and roots read the few tiles that hold their O(log n)
/// nodes through it, and the capture transaction writes the tiles an append changed (docs/decisions/0024).
struct SQLiteLedgerTiles: MerkleTileStore {
    let writer: any DatabaseWriter

    func leafCount() async throws -> UInt64 {
        try await writer.read { db in try Self.leafCount(in: db) }
    }

    func tiles(_ ids: [MerkleTileID]) async throws -> [MerkleTileID: MerkleTile] {
        try await writer.read { db in try Self.tiles(ids, in: db) }
    }

    /// The size of the log: the leaves before the right-most level-0 tile and that tile's width.
    static func leafCount(in db: Database) throws -> UInt64 {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT idx, width FROM ledger_tile WHERE level = 0 ORDER BY idx DESC LIMIT 1")
        else { return 0 }
        let index: Int64 = row[0]
        let width: Int64 = row[1]
        return UInt64(max(index, 0)) * UInt64(MerkleTileID.width) + UInt64(max(width, 0))
    }

    /// The look-up of one tile by its primary key (one probe per tile, as SQLite plans a row-value list as a scan).
    static let lookupSQL = "SELECT width, hashes FROM ledger_tile WHERE level = ? AND idx = ?"

    /// Reads tiles, one primary-key probe each; absent tiles are left out.
    /// - Throws: `TransparencyError.malformedHash` when a stored tile's bytes do not match its width.
    static func tiles(_ ids: [MerkleTileID], in db: Database) throws -> [MerkleTileID: MerkleTile] {
        var found: [MerkleTileID: MerkleTile] = [:]
        let lookup = try db.cachedStatement(sql: lookupSQL)
        for id in Set(ids) {
            guard let row = try Row.fetchOne(lookup, arguments: [Int64(id.level), Int64(id.index)]) else { continue }
            found[id] = try tile(id, row)
        }
        return found
    }

    /// A tile from a row whose columns are `width, hashes`.
    static func tile(_ id: MerkleTileID, _ row: Row, from column: Int = 0) throws -> MerkleTile {
        let width: Int64 = row[column]
        let bytes: Data = row[column + 1]
        return try MerkleTile(id: id, width: Int(clamping: width), bytes: bytes)
    }

    /// Stores the tiles an append changed: new tiles are inserted, a partial tile is replaced by its grown form.
    ///
    /// The database refuses any other change: a stored tile is only ever replaced by a wider one that starts with
    /// the same hashes, so a full tile, and every hash once written, never changes.
    /// - Throws: ``StorageError`` `.internalFailure` when a tile would shrink or change stored hashes.
    static func write(_ tiles: [MerkleTile], in db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO ledger_tile (level, idx, width, hashes) VALUES (?, ?, ?, ?)
                ON CONFLICT (level, idx) DO UPDATE SET width = excluded.width, hashes = excluded.hashes
                WHERE excluded.width > ledger_tile.width
                    AND substr(excluded.hashes, 1, length(ledger_tile.hashes)) = ledger_tile.hashes
                """)
        for tile in tiles {
            try upsert.execute(arguments: [Int64(tile.id.level), Int64(tile.id.index), tile.width, tile.bytes])
            guard db.changesCount == 1 else {
                throw StorageError(
                    .internalFailure,
                    "the ledger's \(tile.id) would lose or change hashes it holds; nothing was stored")
            }
        }
    }
}
