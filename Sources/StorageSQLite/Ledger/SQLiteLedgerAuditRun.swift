import Foundation
import GRDB
import Storage
import Transparency

/// One pass of ``SQLiteEventStore/verifyLedger()`` over the events in row order, each beside its stored leaf (read
/// from the level-0 tiles, one tile per 256 events).
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
        var leaves = StoredLeaves(db: db)
        let rows = try Row.fetchCursor(db, sql: "SELECT id, event_id, body, hash FROM event ORDER BY id")
        while let row = try rows.next() {
            let leafIndex = UInt64(max(0, (row[0] as Int64) - 1))
            // Rows deleted behind the store's back leave leaves with no event: each is a mismatch.
            while expected < leafIndex {
                audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: try leaves.hash(expected))
                missing.append(expected)
                expected += 1
            }
            let recomputed = LedgerLeaf.leafHash(content: Data(SQLiteEventDecoding.auditedBodyBytes(row[2])))
            let stored = try leaves.hash(leafIndex)
            // A missing stored leaf counts as the empty-tree hash, which no leaf hash equals.
            audit?.check(recomputedLeafHash: recomputed, storedLeafHash: stored)
            if recomputed != stored {
                tampered.append(SQLiteCompactID.text(row[1]) ?? SQLiteCompactID.text(row[3]) ?? "")
            }
            expected += 1
        }
        // Leaves past the last event row: the newest events were deleted.
        let leafCount = try SQLiteLedgerTiles.leafCount(in: db)
        while expected < max(leafCount, head?.treeHead.treeSize ?? 0) {
            audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: try leaves.hash(expected))
            missing.append(expected)
            expected += 1
        }
        return LedgerVerification(
            signedTreeHead: head, publicKey: key, eventCount: expected - UInt64(missing.count),
            tamperedEventIDs: tampered, missingEventLeaves: missing, signatureProblem: signatureProblem,
            audit: audit?.finish(), inconsistentNodes: try SQLiteLedgerTileCheck.inconsistentNodes(in: db),
            storedNodesMatchSignedRoot: head == nil)
    }

    /// The stored leaf hashes in index order, one level-0 tile read at a time.
    private struct StoredLeaves {
        let db: Database
        private var tile: MerkleTile?

        init(db: Database) {
            self.db = db
        }

        /// The stored leaf at an index; the empty-tree hash, which no leaf hash equals, when there is none (a
        /// missing or malformed tile, or an index past its width).
        /// - Throws: The database's error.
        mutating func hash(_ index: UInt64) throws -> MerkleHash {
            let id = MerkleTileID.locate(.leaf(index)).tile
            if tile?.id != id {
                do {
                    tile = try SQLiteLedgerTiles.tiles([id], in: db)[id]
                } catch is TransparencyError {
                    tile = nil
                }
            }
            return tile?.hash(of: .leaf(index)) ?? RFC9162.emptyRoot
        }
    }
}
