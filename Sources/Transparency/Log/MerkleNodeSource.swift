/// What roots and proofs read from a Merkle log: its size and the hashes of complete subtrees, keyed by
/// ``MerkleNodeID`` (level, index).
///
/// A node store (``MerkleNodeStore``) holds the nodes themselves; a tile store (``MerkleTileStore``) computes them
/// from tiles. Reads come in batches, so that a proof or a root costs one round trip of O(log n) keys.
public protocol MerkleNodeSource: Sendable {
    /// The number of leaf hashes the store holds: the size of the stored log.
    /// - Throws: The store's error.
    func leafCount() async throws -> UInt64

    /// Reads node hashes.
    /// - Parameter ids: The nodes to read; they may come in any order and may repeat.
    /// - Returns: The hash of each node the store holds; nodes it does not hold are absent.
    /// - Throws: The store's error.
    func hashes(of ids: [MerkleNodeID]) async throws -> [MerkleNodeID: MerkleHash]
}
