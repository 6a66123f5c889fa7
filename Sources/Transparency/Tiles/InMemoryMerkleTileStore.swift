/// A tiled log held in memory: the hashes of tree levels 0, 8, 16, … (one array per tile level, cut into tiles of
/// 256 when read), for tests, demos and `suyuan bench ledger`.
///
/// As a ``MerkleNodeStore`` it keeps, of the nodes ``MerkleTree`` writes, only those of every eighth level: about 32
/// bytes per leaf where ``InMemoryMerkleNodeStore`` keeps 64. Every other node is computed from a tile when read.
public actor InMemoryMerkleTileStore: MerkleNodeStore, MerkleTileStore {
    /// `levels[L]` holds the hashes of tree level `8·L`, from index 0 on.
    private var levels: [[MerkleHash]]

    /// Creates an empty store.
    public init() {
        levels = []
    }

    /// Creates a store that holds the tiles of a snapshot, as a reopened database would.
    /// - Parameter snapshot: Tiles read from another store with ``snapshot()``; a tile that does not continue its
    ///   level (a gap, or a partial tile before another) ends what is taken of that level.
    public init(snapshot: [MerkleTile]) {
        var levels: [[MerkleHash]] = []
        for tile in snapshot.sorted(by: { $0.id < $1.id }) {
            let level = Int(tile.id.level)
            while levels.count <= level { levels.append([]) }
            if tile.id.firstNode.index == UInt64(levels[level].count) { levels[level] += tile.hashes }
        }
        self.levels = levels
    }

    /// Every stored tile, e.g. to build another store from it.
    /// - Returns: The tiles, ordered by level and index; the last of each level may be partial.
    public func snapshot() -> [MerkleTile] {
        levels.enumerated().flatMap { level, hashes in
            stride(from: 0, to: hashes.count, by: MerkleTileID.width).map { start in
                MerkleTile(
                    id: MerkleTileID(level: UInt8(level), index: UInt64(start / MerkleTileID.width)),
                    hashes: Array(hashes[start..<min(hashes.count, start + MerkleTileID.width)])
                )
            }
        }
    }

    /// The number of leaf hashes stored.
    /// - Returns: The size of the stored log.
    public func leafCount() -> UInt64 {
        UInt64(levels.first?.count ?? 0)
    }

    /// Reads tiles.
    /// - Parameter ids: The tiles to read.
    /// - Returns: Each stored tile; a tile with no hashes yet is absent.
    public func tiles(_ ids: [MerkleTileID]) -> [MerkleTileID: MerkleTile] {
        var found: [MerkleTileID: MerkleTile] = [:]
        for id in ids {
            let level = Int(id.level)
            guard level < levels.count, id.firstNode.index < UInt64(levels[level].count) else { continue }
            let start = Int(id.firstNode.index)
            let end = min(levels[level].count, start + MerkleTileID.width)
            found[id] = MerkleTile(id: id, hashes: Array(levels[level][start..<end]))
        }
        return found
    }

    /// Writes the nodes of tree levels 0, 8, 16, … among those of one appended batch; each must be the next one
    /// along its level. The other nodes are left out: they are computed from the tiles.
    /// - Parameter nodes: The nodes of one appended batch.
    /// - Throws: `TransparencyError.storeFailure` when a node would leave a gap or overwrite another; then
    ///   nothing is written.
    public func write(_ nodes: [MerkleNode]) throws {
        let kept = nodes.filter { $0.id.level % MerkleTileID.height == 0 }
        var next = levels.map { UInt64($0.count) }
        for node in kept {
            let level = Int(node.id.level / MerkleTileID.height)
            while next.count <= level { next.append(0) }
            guard node.id.index == next[level] else {
                throw TransparencyError(
                    .storeFailure,
                    "node \(node.id) does not continue tree level \(node.id.level), which holds \(next[level]) nodes"
                )
            }
            next[level] += 1
        }
        for node in kept {
            let level = Int(node.id.level / MerkleTileID.height)
            while levels.count <= level { levels.append([]) }
            levels[level].append(node.hash)
        }
    }
}
