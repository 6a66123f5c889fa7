/// Where a Merkle log that ``MerkleTree`` appends to keeps its nodes: reads as a ``MerkleNodeSource``, and writes the
/// leaf hashes and the root hash of every complete subtree that a batch of leaves creates.
///
/// ``InMemoryMerkleNodeStore`` keeps every node; ``InMemoryMerkleTileStore`` keeps only the nodes of every eighth
/// level, in tiles. The SQLite and PostgreSQL stores write their tiles in their own capture transactions with
/// ``MerkleTileFrontier`` and read through ``MerkleTileStore``.
public protocol MerkleNodeStore: MerkleNodeSource {
    /// Writes the nodes created by one appended batch of leaves, all or none.
    ///
    /// The log writes a node once: a complete subtree's hash never changes. The leaves of a batch come in
    /// order and continue the stored log.
    /// - Parameter nodes: The new leaf hashes and subtree roots.
    /// - Throws: The store's error; then none of the nodes may be stored.
    func write(_ nodes: [MerkleNode]) async throws
}
