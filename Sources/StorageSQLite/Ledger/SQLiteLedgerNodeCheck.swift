import Foundation
import GRDB
import Transparency

/// Checks that every stored interior node of the ledger is the hash of its two stored children, level by level, and
/// that no node is missing: two ordered cursors per level (children and parents), memory O(1), 2n rows read.
enum SQLiteLedgerNodeCheck {
    /// The nodes that are missing or do not hash from their children, at most `limit` of them.
    static func inconsistentNodes(in db: Database, limit: Int = 100) throws -> [MerkleNodeID] {
        var bad: [MerkleNodeID] = []
        let top = try Int64.fetchOne(db, sql: "SELECT max(level) FROM ledger_node") ?? 0
        let select = "SELECT idx, hash FROM ledger_node WHERE level = ? ORDER BY idx"
        for level in 0..<max(top, 0) where bad.count < limit {
            // Two statements of their own: the two cursors step at once, so they must not share a cached one.
            let children = try Row.fetchCursor(try db.makeStatement(sql: select), arguments: [level])
            let parents = try Row.fetchCursor(try db.makeStatement(sql: select), arguments: [level + 1])
            var expected: UInt64 = 0
            // A cursor's row is only valid until the next step: read each node out at once.
            while let left = try children.next().map(node) {
                guard left.index == expected else {
                    bad.append(MerkleNodeID(level: UInt8(level), index: expected))
                    break
                }
                guard let right = try children.next().map(node) else { break }
                guard right.index == expected + 1 else {
                    bad.append(MerkleNodeID(level: UInt8(level), index: expected + 1))
                    break
                }
                let parentID = MerkleNodeID(level: UInt8(level + 1), index: expected / 2)
                guard let parent = try parents.next().map(node), parent.index == parentID.index else {
                    bad.append(parentID)
                    break
                }
                let computed = left.hash.flatMap { l in right.hash.map { r in RFC9162.nodeHash(l, r) } }
                if computed == nil || computed != parent.hash { bad.append(parentID) }
                expected += 2
            }
        }
        return Array(bad.prefix(limit))
    }

    private static func node(_ row: Row) -> (index: UInt64, hash: MerkleHash?) {
        let index: Int64 = row[0]
        let bytes: Data = row[1]
        return (UInt64(max(index, 0)), MerkleHash(bytes: [UInt8](bytes)))
    }
}
