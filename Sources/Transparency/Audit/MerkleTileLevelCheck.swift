/// The tile check behind `suyuan verify`: walks the stored tiles of one tile level in index order and checks that
/// none is missing or malformed, that only the last is partial, and that every full tile hashes to the node the next
/// level holds for it. A backend feeds the tiles from an ordered cursor; the next level (1/256 of this one) is held.
///
/// Together with the leaf check (``LedgerAudit``) and the signed root read from the tiles, this covers every stored
/// hash: a changed leaf, a changed or deleted tile, or a tile whose hashes were shifted is reported as the node
/// where the tiles stop agreeing.
public struct MerkleTileLevelCheck: Sendable {
    /// The tile level checked.
    public let level: UInt8
    /// The hashes the next tile level holds, each the root of a full tile of this level.
    private let parents: [UInt64: MerkleTile]
    private var expected: UInt64 = 0
    private var fullTiles: UInt64 = 0
    private var sawPartial = false
    private var stopped = false
    /// The nodes found missing or inconsistent so far.
    public private(set) var inconsistentNodes: [MerkleNodeID] = []

    /// Begins the check of one tile level.
    /// - Parameters:
    ///   - level: The tile level.
    ///   - parentTiles: Every stored tile of level `level + 1`.
    public init(level: UInt8, parentTiles: [MerkleTile]) {
        self.level = level
        parents = Dictionary(parentTiles.map { ($0.id.index, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks the next stored tile of the level.
    /// - Parameters:
    ///   - id: The tile's ID; tiles must come in index order.
    ///   - tile: The tile as read, or nil when its stored form is malformed (then its first node is reported).
    public mutating func check(_ id: MerkleTileID, tile: MerkleTile?) {
        guard !stopped else { return }
        // A gap, or a tile after a partial one: the level is no longer a run of full tiles and one partial tile.
        guard id.index == expected, !sawPartial else {
            let missing = sawPartial ? expected - 1 : expected
            inconsistentNodes.append(MerkleTileID(level: level, index: missing).firstNode)
            stopped = true
            return
        }
        expected += 1
        guard let tile else {
            // Malformed: reported, and counted as full so that the tiles after it are still checked.
            inconsistentNodes.append(id.firstNode)
            fullTiles += 1
            return
        }
        guard let root = tile.root else {
            sawPartial = true
            return
        }
        fullTiles += 1
        let parent = MerkleNodeID(level: (level + 1) * MerkleTileID.height, index: id.index)
        let (parentTile, positions) = MerkleTileID.locate(parent)
        let stored = parents[parentTile.index].flatMap { $0.hashes.count > positions.lowerBound ? $0 : nil }
        if stored?.hashes[positions.lowerBound] != root { inconsistentNodes.append(parent) }
    }

    /// Ends the check of the level.
    /// - Returns: The inconsistent nodes: those found while checking, and a node of the next level that no full
    ///   tile of this level backs.
    public func finish() -> [MerkleNodeID] {
        let parentCount = parents.values.map { $0.id.firstNode.index + UInt64($0.width) }.max() ?? 0
        guard !stopped, parentCount > fullTiles else { return inconsistentNodes }
        return inconsistentNodes + [MerkleNodeID(level: (level + 1) * MerkleTileID.height, index: fullTiles)]
    }
}
