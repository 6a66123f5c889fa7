extension RFC9162 {
    /// The root hash of the tree of the first `treeSize` leaves of a stored log, from O(log n) stored nodes.
    /// - Parameters:
    ///   - treeSize: The tree size, at most the stored size.
    ///   - store: The log's node store.
    /// - Returns: MTH of those leaves; ``emptyRoot`` for size 0.
    /// - Throws: `TransparencyError.missingNode` or `storeFailure` when the store cannot provide the nodes.
    public static func rootHash(treeSize: UInt64, from store: some MerkleNodeStore) async throws -> MerkleHash {
        guard treeSize > 0 else { return emptyRoot }
        return try await MerkleProofPlan.hashes(of: [0..<treeSize], from: store)[0]
    }
}
