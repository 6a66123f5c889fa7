import Foundation
import GRDB
import Storage
import Transparency

/// One pass of ``SQLiteEventStore/verifyLedger()`` over the events in row order, joined with their stored leaves.
struct SQLiteLedgerAuditRun {
    let head: SignedTreeHead?
    let key: LogPublicKey

    func run(_ db: Database) throws -> LedgerVerification {
        var audit: LedgerAudit?
        var signatureProblem: String?
        if let head {
            do {
                audit = try LedgerAudit(signedTreeHead: head, trustedKey: key)
            } catch let error as TransparencyError {
                signatureProblem = error.message
            }
        }
        var tampered: [String] = []
        var missing: [UInt64] = []
        var expected: UInt64 = 0
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.event_id, e.body, n.hash, e.hash AS event_hash FROM event e
                LEFT JOIN ledger_node n ON n.level = 0 AND n.idx = e.id - 1
                ORDER BY e.id
                """)
        while let row = try rows.next() {
            let leafIndex = UInt64(max(0, (row[0] as Int64) - 1))
            // Rows deleted behind the store's back leave leaves with no event: each is a mismatch.
            while expected < leafIndex {
                let stored = try SQLiteLedgerNodes.hashes(of: [.leaf(expected)], in: db)[.leaf(expected)]
                audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: stored ?? RFC9162.emptyRoot)
                missing.append(expected)
                expected += 1
            }
            let recomputed = LedgerLeaf.leafHash(content: Data(SQLiteEventDecoding.auditedBodyBytes(row[2])))
            let stored = (row[3] as Data?).flatMap { MerkleHash(bytes: [UInt8]($0)) }
            // A missing stored leaf counts as the empty-tree hash, which no leaf hash equals.
            audit?.check(recomputedLeafHash: recomputed, storedLeafHash: stored ?? RFC9162.emptyRoot)
            if recomputed != stored {
                tampered.append(SQLiteCompactID.text(row[1]) ?? SQLiteCompactID.text(row[4]) ?? "")
            }
            expected += 1
        }
        // Leaves past the last event row: the newest events were deleted.
        let leafCount = UInt64(try Int64.fetchOne(db, sql: "SELECT max(idx) + 1 FROM ledger_node WHERE level = 0") ?? 0)
        while expected < max(leafCount, head?.treeHead.treeSize ?? 0) {
            let stored = try SQLiteLedgerNodes.hashes(of: [.leaf(expected)], in: db)[.leaf(expected)]
            audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: stored ?? RFC9162.emptyRoot)
            missing.append(expected)
            expected += 1
        }
        return LedgerVerification(
            signedTreeHead: head, publicKey: key, eventCount: expected - UInt64(missing.count),
            tamperedEventIDs: tampered, missingEventLeaves: missing, signatureProblem: signatureProblem,
            audit: audit?.finish(), inconsistentNodes: try SQLiteLedgerNodeCheck.inconsistentNodes(in: db),
            storedNodesMatchSignedRoot: head == nil)
    }
}
