/// A node store held in memory, for tests, demos and the in-memory event store.
///
/// Nodes are kept in one array per level, so a log of n leaves takes about 2n hashes (64 bytes per leaf).
public actor InMemoryMerkleNodeStore: MerkleNodeStore {
    /// `levels[level][index]` is the hash of node `(level, index)`.
    private var levels: [[MerkleHash]]

    /// Creates an empty store.
    public init() {
        levels = []
    }

    /// Creates a store that holds the nodes of a snapshot, as a reopened database would.
    /// - Parameter snapshot: Nodes read from another store with ``snapshot()``.
    public init(snapshot: [MerkleNode]) {
        var levels: [[MerkleHash]] = []
        for node in snapshot.sorted(by: { $0.id < $1.id }) {
            let level = Int(node.id.level)
            while levels.count <= level { levels.append([]) }
            if node.id.index == UInt64(levels[level].count) { levels[level].append(node.hash) }
        }
        self.levels = levels
    }

    /// Every stored node, e.g. to build another store from it.
    /// - Returns: The nodes, ordered by level and index.
    public func snapshot() -> [MerkleNode] {
        levels.enumerated().flatMap { level, hashes in
            hashes.enumerated().map { index, hash in
                MerkleNode(id: MerkleNodeID(level: UInt8(level), index: UInt64(index)), hash: hash)
            }
        }
    }

    /// The number of leaf hashes stored.
    /// - Returns: The size of the stored log.
    public func leafCount() -> UInt64 {
        UInt64(levels.first?.count ?? 0)
    }

    /// Reads node hashes.
    /// - Parameter ids: The nodes to read.
    /// - Returns: The hash of each node stored.
    public func hashes(of ids: [MerkleNodeID]) -> [MerkleNodeID: MerkleHash] {
        var found: [MerkleNodeID: MerkleHash] = [:]
        found.reserveCapacity(ids.count)
        for id in ids {
            let level = Int(id.level)
            guard level < levels.count, id.index < UInt64(levels[level].count) else { continue }
            found[id] = levels[level][Int(id.index)]
        }
        return found
    }

    /// Writes nodes; each must be the next one along its level.
    /// - Parameter nodes: The nodes of one appended batch.
    /// - Throws: `TransparencyError.storeFailure` when a node would leave a gap or overwrite another; then
    ///   nothing is written.
    public func write(_ nodes: [MerkleNode]) throws {
        var next = levels.map { UInt64($0.count) }
        for node in nodes {
            let level = Int(node.id.level)
            while next.count <= level { next.append(0) }
            guard node.id.index == next[level] else {
                throw TransparencyError(
                    .storeFailure,
                    "node \(node.id) does not continue level \(level), which holds \(next[level]) nodes"
                )
            }
            next[level] += 1
        }
        for node in nodes {
            let level = Int(node.id.level)
            while levels.count <= level { levels.append([]) }
            levels[level].append(node.hash)
        }
    }
}
