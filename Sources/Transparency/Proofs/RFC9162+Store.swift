extension RFC9162 {
    /// The root hash of the tree of the first `treeSize` leaves of a stored log, from O(log n) stored nodes.
    /// - Parameters:
    ///   - treeSize: The tree size, at most the stored size.
    ///   - store: The log's node store.
    /// - Returns: MTH of those leaves; ``emptyRoot`` for size 0.
    /// - Throws: `TransparencyError.missingNode` or `storeFailure` when the store cannot provide the nodes.
    public static func rootHash(treeSize: UInt64, from store: some MerkleNodeSource) async throws -> MerkleHash {
        guard treeSize > 0 else { return emptyRoot }
        return try await MerkleProofPlan.hashes(of: [0..<treeSize], from: store)[0]
    }

    /// The Merkle tree hash of a run of leaves that forms a subtree of the log (a single leaf, or a range starting at
    /// a multiple of a power of two at least its length).
    static func rootHash(ofLeaves range: Range<UInt64>, from store: some MerkleNodeSource) async throws -> MerkleHash {
        try await MerkleProofPlan.hashes(of: [range], from: store)[0]
    }
}
