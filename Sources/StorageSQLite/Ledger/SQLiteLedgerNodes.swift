import Foundation
import GRDB
import Transparency

/// The `ledger_node` table as a ``MerkleNodeStore``: proofs and roots read their O(log n) nodes through it.
struct SQLiteLedgerNodes: MerkleNodeStore {
    let writer: any DatabaseWriter

    func leafCount() async throws -> UInt64 {
        try await writer.read { db in
            UInt64(try Int64.fetchOne(db, sql: "SELECT max(idx) + 1 FROM ledger_node WHERE level = 0") ?? 0)
        }
    }

    func hashes(of ids: [MerkleNodeID]) async throws -> [MerkleNodeID: MerkleHash] {
        try await writer.read { db in try Self.hashes(of: ids, in: db) }
    }

    func write(_ nodes: [MerkleNode]) async throws {
        try await writer.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO ledger_node (level, idx, hash) VALUES (?, ?, ?)")
            for node in nodes {
                try insert.execute(arguments: [Int64(node.id.level), Int64(node.id.index), node.hash.data])
            }
        }
    }

    /// The look-up of one node by its primary key.
    ///
    /// One probe per node, not one `(level, idx) IN (VALUES …)` query for many: SQLite plans that row-value list as
    /// a scan of the whole table, which on a 10-million-event store (20 million nodes) took seconds each time a
    /// store opened or a proof was read.
    static let lookupSQL = "SELECT hash FROM ledger_node WHERE level = ? AND idx = ?"

    /// Reads node hashes, one primary-key probe each; absent nodes are left out.
    static func hashes(of ids: [MerkleNodeID], in db: Database) throws -> [MerkleNodeID: MerkleHash] {
        var found: [MerkleNodeID: MerkleHash] = [:]
        let lookup = try db.cachedStatement(sql: lookupSQL)
        for id in Set(ids) {
            guard let data = try Data.fetchOne(lookup, arguments: [Int64(id.level), Int64(id.index)]),
                let hash = MerkleHash(bytes: [UInt8](data))
            else { continue }
            found[id] = hash
        }
        return found
    }
}
