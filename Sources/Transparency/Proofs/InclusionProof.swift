/// An inclusion proof: the audit path (RFC 9162 section 2.1.3.1 PATH) that leads from one leaf to the root of a
/// tree of a given size.
public struct InclusionProof: Hashable, Sendable, Codable {
    /// The index of the leaf, counted from 0.
    public var leafIndex: UInt64
    /// The size of the tree the proof is for.
    public var treeSize: UInt64
    /// The leaf hash, SHA-256(0x00 || entry).
    public var leafHash: MerkleHash
    /// The sibling hashes from the leaf up to the root's child.
    public var auditPath: [MerkleHash]

    /// Creates a proof from its parts.
    /// - Parameters:
    ///   - leafIndex: The index of the leaf.
    ///   - treeSize: The size of the tree.
    ///   - leafHash: The leaf hash.
    ///   - auditPath: The sibling hashes, leaf first.
    public init(leafIndex: UInt64, treeSize: UInt64, leafHash: MerkleHash, auditPath: [MerkleHash]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.leafHash = leafHash
        self.auditPath = auditPath
    }

    /// The root the proof leads to, or nil when the path does not fit the index and size.
    public var computedRoot: MerkleHash? {
        RFC9162.rootFromInclusionProof(
            leafIndex: leafIndex,
            treeSize: treeSize,
            leafHash: leafHash,
            auditPath: auditPath
        )
    }

    /// Checks the proof against a root hash, offline (RFC 9162 section 2.1.3.2).
    /// - Parameter rootHash: The root hash of the tree of ``treeSize`` leaves, e.g. from a signed tree head.
    /// - Throws: `TransparencyError.inclusionProofInvalid`, saying whether the path does not fit the index and
    ///   size or leads to another root.
    public func verify(rootHash: MerkleHash) throws {
        guard let computed = computedRoot else {
            throw TransparencyError(
                .inclusionProofInvalid,
                "inclusion proof for leaf \(leafIndex) in tree of size \(treeSize): an audit path of "
                    + "\(auditPath.count) hashes does not fit that leaf index and tree size"
            )
        }
        guard computed == rootHash else {
            throw TransparencyError(
                .inclusionProofInvalid,
                "inclusion proof for leaf \(leafIndex) in tree of size \(treeSize) leads to root \(computed.hex), "
                    + "not \(rootHash.hex): the leaf or a path hash is not the one the tree holds"
            )
        }
    }

    /// Builds the proof for a leaf from a node store, in one batched read of O(log n) nodes.
    /// - Parameters:
    ///   - leafIndex: The index of the leaf.
    ///   - treeSize: The size of the tree the proof is for, at most the stored size.
    ///   - store: The log's node store.
    /// - Returns: The proof.
    /// - Throws: `TransparencyError.leafIndexOutOfRange` when `leafIndex >= treeSize`; `missingNode` or
    ///   `storeFailure` when the store cannot provide the nodes.
    public static func build(
        leafIndex: UInt64,
        treeSize: UInt64,
        from store: some MerkleNodeSource
    ) async throws -> InclusionProof {
        guard leafIndex < treeSize else {
            throw TransparencyError(
                .leafIndexOutOfRange,
                "leaf \(leafIndex) is not in a tree of size \(treeSize)"
            )
        }
        let ranges =
            [leafIndex..<(leafIndex + 1)]
            + MerkleProofPlan.inclusionRanges(leafIndex: leafIndex, treeSize: treeSize)
        let hashes = try await MerkleProofPlan.hashes(of: ranges, from: store)
        return InclusionProof(
            leafIndex: leafIndex,
            treeSize: treeSize,
            leafHash: hashes[0],
            auditPath: Array(hashes.dropFirst())
        )
    }
}
