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

    /// Reads node hashes in one query per 400 nodes; absent nodes are left out.
    static func hashes(of ids: [MerkleNodeID], in db: Database) throws -> [MerkleNodeID: MerkleHash] {
        var found: [MerkleNodeID: MerkleHash] = [:]
        let unique = Array(Set(ids))
        for start in stride(from: 0, to: unique.count, by: 400) {
            let batch = unique[start..<min(start + 400, unique.count)]
            let values = Array(repeating: "(?, ?)", count: batch.count).joined(separator: ", ")
            var arguments = StatementArguments()
            for id in batch { arguments += [Int64(id.level), Int64(id.index)] }
            let rows = try Row.fetchAll(
                db, sql: "SELECT level, idx, hash FROM ledger_node WHERE (level, idx) IN (VALUES \(values))",
                arguments: arguments)
            for row in rows {
                let level: Int64 = row[0]
                let index: Int64 = row[1]
                let bytes: [UInt8] = [UInt8](row[2] as Data)
                guard let hash = MerkleHash(bytes: bytes) else { continue }
                found[MerkleNodeID(level: UInt8(level), index: UInt64(index))] = hash
            }
        }
        return found
    }
}
