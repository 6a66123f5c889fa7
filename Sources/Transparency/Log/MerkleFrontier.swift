/// The right edge of an append-only Merkle log: the roots of the complete subtrees that make up a tree of
/// `treeSize` leaves (one per set bit of the size), enough to append and to compute the current root.
///
/// It is O(log n) hashes, a value with no I/O: appending a leaf returns the complete nodes that the append
/// created, and the caller persists them (in the same transaction as the events, in a storage backend).
/// An append costs one leaf node plus, on average, one interior hash.
public struct MerkleFrontier: Hashable, Sendable {
    /// The number of leaves.
    public private(set) var treeSize: UInt64
    /// `subtreeRoots[level]` is the root of the complete subtree of `2^level` leaves when bit `level` of the
    /// size is set; other entries are stale.
    private var subtreeRoots: [MerkleHash]

    /// Creates the frontier of the empty tree.
    public init() {
        treeSize = 0
        subtreeRoots = []
    }

    /// The node IDs of the complete subtrees that make up a tree of `treeSize` leaves, largest first.
    /// - Parameter treeSize: The number of leaves.
    /// - Returns: One ID per set bit of the size.
    public static func nodeIDs(treeSize: UInt64) -> [MerkleNodeID] {
        var ids: [MerkleNodeID] = []
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where treeSize & (UInt64(1) << level) != 0 {
            ids.append(MerkleNodeID(level: UInt8(level), index: start >> level))
            start += UInt64(1) << level
        }
        return ids
    }

    /// Restores the frontier of a stored log.
    /// - Parameters:
    ///   - treeSize: The number of leaves in the log.
    ///   - hashes: The hash of every node in `nodeIDs(treeSize:)`.
    /// - Throws: `TransparencyError.missingNode` when a hash is absent.
    public init(treeSize: UInt64, hashes: [MerkleNodeID: MerkleHash]) throws {
        self.init()
        for id in Self.nodeIDs(treeSize: treeSize) {
            guard let hash = hashes[id] else {
                throw TransparencyError(
                    .missingNode,
                    "the node store holds \(treeSize) leaves but not the subtree root \(id) that such a tree has"
                )
            }
            setRoot(hash, level: Int(id.level))
        }
        self.treeSize = treeSize
    }

    /// The root hash of the tree (RFC 9162 MTH), ``RFC9162/emptyRoot`` for the empty tree.
    public var rootHash: MerkleHash {
        var root: MerkleHash?
        for level in 0..<subtreeRoots.count where treeSize & (UInt64(1) << level) != 0 {
            root = root.map { RFC9162.nodeHash(subtreeRoots[level], $0) } ?? subtreeRoots[level]
        }
        return root ?? RFC9162.emptyRoot
    }

    /// Appends one leaf.
    /// - Parameters:
    ///   - leafHash: The leaf hash, SHA-256(0x00 || entry).
    ///   - emit: Called with each complete node the append created: the leaf, then each new parent.
    public mutating func append(leafHash: MerkleHash, emit: (MerkleNode) -> Void) {
        var carry = leafHash
        var level = 0
        var index = treeSize
        emit(MerkleNode(id: .leaf(index), hash: carry))
        while treeSize & (UInt64(1) << level) != 0 {
            carry = RFC9162.nodeHash(subtreeRoots[level], carry)
            level += 1
            index >>= 1
            emit(MerkleNode(id: MerkleNodeID(level: UInt8(level), index: index), hash: carry))
        }
        setRoot(carry, level: level)
        treeSize += 1
    }

    /// Appends a batch of leaves.
    /// - Parameter leafHashes: The leaf hashes, in order.
    /// - Returns: Every complete node the batch created (about two per leaf), for the store to persist.
    @discardableResult
    public mutating func append(leafHashes: some Collection<MerkleHash>) -> [MerkleNode] {
        var nodes: [MerkleNode] = []
        nodes.reserveCapacity(leafHashes.count * 2 + 64)
        for leafHash in leafHashes { append(leafHash: leafHash) { nodes.append($0) } }
        return nodes
    }

    private mutating func setRoot(_ hash: MerkleHash, level: Int) {
        while subtreeRoots.count <= level { subtreeRoots.append(RFC9162.emptyRoot) }
        subtreeRoots[level] = hash
    }
}
