/// The place of a complete subtree in the log: its level (0 for a leaf) and its index along that level.
///
/// The node at `(level, index)` is the root of the perfect subtree over leaves
/// `index << level ..< (index + 1) << level`. Only complete subtrees have an ID: the hash of a subtree on the
/// log's growing right edge changes as leaves arrive, so it is never stored but computed from complete ones.
public struct MerkleNodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The height above the leaves: 0 for a leaf hash, 1 for the parent of two leaves, and so on (at most 63).
    public var level: UInt8
    /// The position along the level, counted from 0 at the left.
    public var index: UInt64

    /// Creates a node ID.
    /// - Parameters:
    ///   - level: The height above the leaves.
    ///   - index: The position along the level.
    public init(level: UInt8, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The ID of the leaf hash at a leaf index.
    /// - Parameter leafIndex: The leaf's index, counted from 0.
    /// - Returns: The level-0 node ID.
    public static func leaf(_ leafIndex: UInt64) -> MerkleNodeID {
        MerkleNodeID(level: 0, index: leafIndex)
    }

    /// The leaves the subtree covers.
    public var leafRange: Range<UInt64> {
        (index << level)..<((index + 1) << level)
    }

    /// Orders by level, then index, the order a store's primary key `(level, index)` sorts in.
    /// - Parameters:
    ///   - lhs: A node ID.
    ///   - rhs: Another node ID.
    /// - Returns: Whether `lhs` sorts before `rhs`.
    public static func < (lhs: MerkleNodeID, rhs: MerkleNodeID) -> Bool {
        (lhs.level, lhs.index) < (rhs.level, rhs.index)
    }

    /// `level/index`, e.g. `3/17`.
    public var description: String { "\(level)/\(index)" }
}

/// A complete subtree's root hash and its place: what a node store persists.
public struct MerkleNode: Hashable, Sendable {
    /// Where the subtree is.
    public var id: MerkleNodeID
    /// The root hash of the subtree (the leaf hash for level 0).
    public var hash: MerkleHash

    /// Creates a node.
    /// - Parameters:
    ///   - id: Where the subtree is.
    ///   - hash: Its root hash.
    public init(id: MerkleNodeID, hash: MerkleHash) {
        self.id = id
        self.hash = hash
    }
}
