/// Where a Merkle log keeps its nodes: the leaf hashes and the root hash of every complete subtree, keyed by
/// ``MerkleNodeID`` (level, index).
///
/// This is the seam the SQLite and PostgreSQL backends implement (a table `ledger_node(level, idx, hash)` with
/// primary key `(level, idx)` fits it). The log reads in batches, so that a proof or a root costs one round trip
/// of O(log n) keys, and writes in batches, one per appended batch of leaves.
public protocol MerkleNodeStore: Sendable {
    /// The number of leaf hashes (level-0 nodes) the store holds: the size of the stored log.
    /// - Throws: The store's error.
    func leafCount() async throws -> UInt64

    /// Reads node hashes.
    /// - Parameter ids: The nodes to read; they may come in any order and may repeat.
    /// - Returns: The hash of each node the store holds; nodes it does not hold are absent.
    /// - Throws: The store's error.
    func hashes(of ids: [MerkleNodeID]) async throws -> [MerkleNodeID: MerkleHash]

    /// Writes the nodes created by one appended batch of leaves, all or none.
    ///
    /// The log writes a node once: a complete subtree's hash never changes. The leaves of a batch come in
    /// order and continue the stored log.
    /// - Parameter nodes: The new leaf hashes and subtree roots.
    /// - Throws: The store's error; then none of the nodes may be stored.
    func write(_ nodes: [MerkleNode]) async throws
}
