/// The place of a tile in a tiled Merkle log (C2SP tlog-tiles): its tile level and its index along that level.
///
/// A tile of height 8 at tile level `L`, index `N` holds the hashes of tree level `8·L` at indices
/// `N·256 ..< N·256 + width`, at most 256 of them. Level 0 tiles hold the leaf hashes, level 1 tiles the roots of
/// complete 256-leaf subtrees, and so on. The tree levels between (1 to 7 above a tile's level) are not stored: a
/// node there is the root of 2, 4, … 128 consecutive hashes of one tile, computed when it is read. A tile is full at
/// 256 hashes and never changes again; only the right-most tile of each level is partial, and it is rewritten as the
/// log grows.
public struct MerkleTileID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number of tree levels one tile spans: 8, as in tlog-tiles (docs/decisions/0024-tiled-ledger.md).
    public static let height: UInt8 = 8
    /// The most hashes a tile holds, `2^height`.
    public static let width = 1 << Int(height)

    /// The tile level: the tile holds hashes of tree level `8·level` (at most 7, for tree level 56).
    public var level: UInt8
    /// The position along the tile level, counted from 0 at the left.
    public var index: UInt64

    /// Creates a tile ID.
    /// - Parameters:
    ///   - level: The tile level.
    ///   - index: The position along the tile level.
    public init(level: UInt8, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The tree level whose hashes the tile holds, `8·level`.
    public var treeLevel: UInt8 { level * Self.height }

    /// The ID of the first node the tile holds.
    public var firstNode: MerkleNodeID {
        MerkleNodeID(level: treeLevel, index: index << UInt64(Self.height))
    }

    /// The tile that holds the hashes a node is computed from, and where they are in it.
    ///
    /// A node at tree level `8·L + k` (`k < 8`) is the root of the `2^k` level-`8·L` hashes below it, which lie in
    /// one tile of level `L` since 256 is a multiple of `2^k`.
    /// - Parameter node: A complete subtree of the log.
    /// - Returns: The tile and the positions of the node's hashes in it (one position for `k = 0`).
    public static func locate(_ node: MerkleNodeID) -> (tile: MerkleTileID, positions: Range<Int>) {
        let tileLevel = node.level / height
        let depth = UInt64(node.level % height)
        // The node's first hash at tree level 8·L; it fits in 64 bits because index < 2^(64 - level).
        let first = node.index << depth
        let tile = MerkleTileID(level: tileLevel, index: first >> UInt64(height))
        let offset = Int(first & UInt64(width - 1))
        return (tile, offset..<(offset + (1 << Int(depth))))
    }

    /// The tiles a store holds for a log of `treeSize` leaves that are not full, with the width each has: one per
    /// tile level whose hash count is not a multiple of 256. With the complete subtrees these are the log's right edge.
    /// - Parameter treeSize: The number of leaves.
    /// - Returns: Each partial tile and its width (1 to 255), lowest level first.
    public static func partialTiles(treeSize: UInt64) -> [(id: MerkleTileID, width: Int)] {
        var tiles: [(id: MerkleTileID, width: Int)] = []
        var level: UInt8 = 0
        var count = treeSize
        while count > 0 {
            let width = Int(count & UInt64(Self.width - 1))
            if width > 0 { tiles.append((MerkleTileID(level: level, index: count >> UInt64(height)), width)) }
            count >>= UInt64(height)
            level += 1
        }
        return tiles
    }

    /// Orders by level, then index, the order a store's primary key `(level, idx)` sorts in.
    /// - Parameters:
    ///   - lhs: A tile ID.
    ///   - rhs: Another tile ID.
    /// - Returns: Whether `lhs` sorts before `rhs`.
    public static func < (lhs: MerkleTileID, rhs: MerkleTileID) -> Bool {
        (lhs.level, lhs.index) < (rhs.level, rhs.index)
    }

    /// `tile level/index`, e.g. `tile 1/17`.
    public var description: String { "tile \(level)/\(index)" }
}
