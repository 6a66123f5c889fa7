import Foundation
import GRDB
import Storage
import Transparency

/// The ledger state of one open store: the right edge of the tiled Merkle log (``MerkleTileFrontier``: the complete
/// subtrees and the partial tiles) and the signing key.
///
/// The frontier is read once when the store opens (from its partial tiles, at most one per tile level) and then kept
/// here; a capture appends to it inside its write transaction and the kept frontier moves when that transaction
/// commits. Writes are serialised by GRDB's writer, and the lock guards the value against the reads of other threads.
final class SQLiteLedger: @unchecked Sendable {
    /// Signs the tree head of every capture.
    let signer: TreeHeadSigner
    private let lock = NSLock()
    /// The committed frontier, or why it could not be read (then captures are refused, `verify` still runs).
    private var state: Result<MerkleTileFrontier, TransparencyError>

    /// Reads the log's size and right edge (its partial tiles), and signs a head for leaves no head covers yet
    /// (the events a store held before the ledger migration).
    /// - Parameters:
    ///   - writer: The store's database.
    ///   - signer: The store's signing key.
    init(writer: any DatabaseWriter, signer: TreeHeadSigner) throws {
        self.signer = signer
        state = try writer.read { db in try Self.readFrontier(db) }
        if case .success(let frontier) = state, frontier.treeSize > 0 {
            try writer.write { db in
                let signed = try Int64.fetchOne(db, sql: "SELECT max(tree_size) FROM tree_head") ?? 0
                if signed < Int64(frontier.treeSize) { try self.signAndStore(frontier, in: db) }
            }
        }
    }

    /// Appends the leaves of one capture, writes the tiles it changed (about one per 256 leaves, plus the partial tile
    /// of each level it reached) and a signed tree head, in the caller's transaction.
    /// - Parameters:
    ///   - leafHashes: The leaf hashes of the captured events, in row order.
    ///   - rows: The events' row IDs; the row `r` is leaf `r - 1`, so they must continue the log.
    ///   - db: The capture's transaction.
    /// - Throws: ``StorageError`` `.internalFailure` when the ledger is unreadable or the rows do not continue it.
    func append(_ leafHashes: [MerkleHash], rows: [Int64], in db: Database) throws {
        guard !leafHashes.isEmpty else { return }
        let previous = try frontier()
        for (offset, row) in rows.enumerated() where row != Int64(previous.treeSize) + Int64(offset) + 1 {
            throw StorageError(
                .internalFailure,
                "event row \(row) does not continue the ledger of \(previous.treeSize) leaves; nothing was stored")
        }
        var next = previous
        try SQLiteLedgerTiles.write(next.append(leafHashes: leafHashes), in: db)
        try signAndStore(next, in: db)
        // The frontier in memory follows the database: it moves only once the transaction has committed. A COMMIT
        // that fails (a full disk) notifies neither callback when SQLite has already rolled back by itself, so the
        // state must not move before (it used to, and every later capture was refused as not continuing the log).
        let committed = next
        db.afterNextTransaction(onCommit: { [self] _ in lock.withLock { state = .success(committed) } })
    }

    /// Reads the frontier again from the database: after a write that failed, whatever the reason, so that the
    /// state in memory is the committed one even if a transaction ended in a way no callback saw.
    /// - Parameter writer: the store's database.
    func reload(from writer: any DatabaseWriter) throws {
        let fresh = try writer.read { db in try Self.readFrontier(db) }
        lock.withLock { state = fresh }
    }

    /// The committed frontier.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored ledger lacks a tile its size needs.
    func frontier() throws -> MerkleTileFrontier {
        switch lock.withLock({ state }) {
        case .success(let frontier): return frontier
        case .failure(let error):
            throw StorageError(.internalFailure, "the ledger cannot be read: \(error.message)", underlying: error)
        }
    }

    private func signAndStore(_ frontier: MerkleTileFrontier, in db: Database) throws {
        let head = try signer.sign(TreeHead(treeSize: frontier.treeSize, rootHash: frontier.rootHash, date: Date()))
        try SQLiteTreeHeads.insert(head, in: db)
    }

    private static func readFrontier(_ db: Database) throws -> Result<MerkleTileFrontier, TransparencyError> {
        let size = try SQLiteLedgerTiles.leafCount(in: db)
        do {
            let tiles = try SQLiteLedgerTiles.tiles(MerkleTileID.partialTiles(treeSize: size).map(\.id), in: db)
            return .success(try MerkleTileFrontier(treeSize: size, tiles: tiles))
        } catch let error as TransparencyError {
            return .failure(error)
        }
    }
}
