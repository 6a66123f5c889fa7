/// The right edge of a tiled Merkle log: the ``MerkleFrontier`` (the complete subtrees of the current size) and the
/// partial right-most tile of each tile level, enough to append leaves and to say which tiles an append changes.
///
/// A value with no I/O, as ``MerkleFrontier``: a storage backend restores it from the partial tiles it holds
/// (``MerkleTileID/partialTiles(treeSize:)``), appends a capture's leaf hashes in the capture's transaction and
/// writes the tiles the append returns: each tile filled by the batch once, and the partial tile of each level the
/// batch reached, rewritten. A batch of `b` leaves changes about `b/256 + 1` level-0 tiles and one tile per higher
/// level it reaches, whatever the log's size.
public struct MerkleTileFrontier: Sendable {
    /// The complete subtrees of the log.
    public private(set) var frontier: MerkleFrontier
    /// `partial[L]` holds the hashes of the right-most tile of level `L` while it is partial; it is empty when that
    /// level's hash count is a multiple of 256.
    private var partial: [[MerkleHash]]

    /// Creates the right edge of the empty log.
    public init() {
        frontier = MerkleFrontier()
        partial = []
    }

    /// Restores the right edge of a stored log from its partial tiles.
    /// - Parameters:
    ///   - treeSize: The number of leaves in the log.
    ///   - tiles: At least the tiles of ``MerkleTileID/partialTiles(treeSize:)``, by ID.
    /// - Throws: `TransparencyError.missingNode` when a partial tile is absent or does not have the width that a log
    ///   of this size gives it.
    public init(treeSize: UInt64, tiles: [MerkleTileID: MerkleTile]) throws {
        var partial: [[MerkleHash]] = []
        for (id, width) in MerkleTileID.partialTiles(treeSize: treeSize) {
            guard let tile = tiles[id], tile.width == width else {
                throw TransparencyError(
                    .missingNode,
                    "the ledger holds \(treeSize) leaves, so \(id) must hold \(width) hashes, but it holds "
                        + "\(tiles[id]?.width ?? 0)"
                )
            }
            while partial.count <= Int(id.level) { partial.append([]) }
            partial[Int(id.level)] = tile.hashes
        }
        let hashes = MerkleTile.hashes(of: MerkleFrontier.nodeIDs(treeSize: treeSize), in: tiles)
        self.frontier = try MerkleFrontier(treeSize: treeSize, hashes: hashes)
        self.partial = partial
    }

    /// The number of leaves.
    public var treeSize: UInt64 { frontier.treeSize }

    /// The root hash of the log (RFC 9162 MTH).
    public var rootHash: MerkleHash { frontier.rootHash }

    /// Appends a batch of leaves.
    /// - Parameter leafHashes: The leaf hashes, in order.
    /// - Returns: The tiles the batch changed, in the state to store: every tile it filled, then the partial tile of
    ///   each level it added hashes to (lowest level first). Empty for an empty batch.
    public mutating func append(leafHashes: some Collection<MerkleHash>) -> [MerkleTile] {
        // Locals, so that the closure below does not capture `self` while `frontier` is being mutated.
        var frontier = self.frontier
        var partial = self.partial
        self.partial = []
        var changed: [MerkleTile] = []
        var touched: [Bool] = Array(repeating: false, count: partial.count)
        for leafHash in leafHashes {
            frontier.append(leafHash: leafHash) { node in
                guard node.id.level % MerkleTileID.height == 0 else { return }
                let level = Int(node.id.level / MerkleTileID.height)
                while partial.count <= level {
                    partial.append([])
                    touched.append(false)
                }
                if partial[level].isEmpty { partial[level].reserveCapacity(MerkleTileID.width) }
                partial[level].append(node.hash)
                touched[level] = true
                if partial[level].count == MerkleTileID.width {
                    let id = MerkleTileID(level: UInt8(level), index: node.id.index >> UInt64(MerkleTileID.height))
                    changed.append(MerkleTile(id: id, hashes: partial[level]))
                    partial[level] = []
                    touched[level] = false
                }
            }
        }
        for (id, _) in MerkleTileID.partialTiles(treeSize: frontier.treeSize) {
            let level = Int(id.level)
            if level < touched.count, touched[level] { changed.append(MerkleTile(id: id, hashes: partial[level])) }
        }
        self.frontier = frontier
        self.partial = partial
        return changed
    }
}
