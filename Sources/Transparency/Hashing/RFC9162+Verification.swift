extension RFC9162 {
    /// Computes the root that an inclusion proof leads to, by the algorithm of RFC 9162 section 2.1.3.2.
    ///
    /// This is a pure function over hashes: it needs no store, so a proof can be checked offline.
    /// - Parameters:
    ///   - leafIndex: The index of the leaf, counted from 0.
    ///   - treeSize: The size of the tree the proof is for.
    ///   - leafHash: The leaf hash, SHA-256(0x00 || entry).
    ///   - auditPath: The inclusion proof (RFC 9162 PATH), from the leaf's sibling up to the root's child.
    /// - Returns: The root the proof leads to, or nil when the path does not fit the index and size
    ///   (too short, too long, or `leafIndex >= treeSize`).
    public static func rootFromInclusionProof(
        leafIndex: UInt64,
        treeSize: UInt64,
        leafHash: MerkleHash,
        auditPath: [MerkleHash]
    ) -> MerkleHash? {
        // Step 1: leaf_index must be below tree_size.
        guard leafIndex < treeSize else { return nil }
        // Steps 2-3.
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        // Step 4.
        for p in auditPath {
            // 4a.
            guard sn != 0 else { return nil }
            // 4b.
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                // 4c.
                r = nodeHash(r, p)
            }
            // 4d.
            fn >>= 1
            sn >>= 1
        }
        // Step 5: the whole path must be used up exactly when the root is reached.
        return sn == 0 ? r : nil
    }

    /// Checks an inclusion proof exactly as RFC 9162 section 2.1.3.2 says.
    /// - Parameters:
    ///   - leafIndex: The index of the leaf, counted from 0.
    ///   - treeSize: The size of the tree the proof is for.
    ///   - leafHash: The leaf hash.
    ///   - auditPath: The inclusion proof.
    ///   - rootHash: The root hash of the tree of `treeSize` leaves (from a signed tree head).
    /// - Returns: Whether the proof shows the leaf at `leafIndex` in the tree with that root.
    public static func verifyInclusion(
        leafIndex: UInt64,
        treeSize: UInt64,
        leafHash: MerkleHash,
        auditPath: [MerkleHash],
        rootHash: MerkleHash
    ) -> Bool {
        rootFromInclusionProof(leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash, auditPath: auditPath)
            == rootHash
    }

    /// Checks a consistency proof as RFC 9162 section 2.1.4.2 says.
    ///
    /// RFC 9162 defines the proof for `0 < firstSize < secondSize`. For the cases it leaves out this follows the
    /// Certificate Transparency verifier: equal sizes are consistent when the roots are equal and the proof is
    /// empty; the empty tree is a prefix of every tree, with an empty proof; a shrinking log is never consistent.
    /// - Parameters:
    ///   - firstSize: The size of the older tree.
    ///   - secondSize: The size of the newer tree.
    ///   - firstRoot: The root hash of the older tree.
    ///   - secondRoot: The root hash of the newer tree.
    ///   - proof: The consistency proof (RFC 9162 SUBPROOF).
    /// - Returns: Whether the older tree's leaves are the first `firstSize` leaves of the newer tree.
    public static func verifyConsistency(
        firstSize: UInt64,
        secondSize: UInt64,
        firstRoot: MerkleHash,
        secondRoot: MerkleHash,
        proof: [MerkleHash]
    ) -> Bool {
        guard firstSize <= secondSize else { return false }
        if firstSize == secondSize { return proof.isEmpty && firstRoot == secondRoot }
        if firstSize == 0 { return proof.isEmpty }
        // Step 1.
        guard !proof.isEmpty else { return false }
        // Step 2: a complete first tree is its own first node, so the proof leaves it out.
        var path = proof
        if firstSize & (firstSize - 1) == 0 { path.insert(firstRoot, at: 0) }
        // Step 3.
        var fn = firstSize - 1
        var sn = secondSize - 1
        // Step 4.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // Step 5.
        var fr = path[0]
        var sr = path[0]
        // Step 6.
        for c in path.dropFirst() {
            // 6a.
            guard sn != 0 else { return false }
            // 6b.
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                // 6c.
                sr = nodeHash(sr, c)
            }
            // 6d.
            fn >>= 1
            sn >>= 1
        }
        // Step 7.
        return sn == 0 && fr == firstRoot && sr == secondRoot
    }
}
