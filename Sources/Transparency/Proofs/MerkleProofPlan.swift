/// Which subtree hashes a root, an inclusion proof or a consistency proof is made of, computed from the sizes
/// alone (RFC 9162 sections 2.1.1, 2.1.3.1 and 2.1.4.1), so that the log can read them in one batch.
///
/// Every proof element is the Merkle tree hash of a leaf range `D[start:end]` whose start is a multiple of a power
/// of two at least as large as the range. Such a range is the concatenation of complete subtrees, one per set bit
/// of its length, largest first, and its hash folds theirs from the right. So every element is made of stored
/// nodes, and a whole proof needs O(log n) of them.
enum MerkleProofPlan {
    /// The complete subtrees that make up the aligned range `range`, largest first.
    static func nodeIDs(of range: Range<UInt64>) -> [MerkleNodeID] {
        var ids: [MerkleNodeID] = []
        var start = range.lowerBound
        let count = UInt64(range.count)
        for level in stride(from: 63, through: 0, by: -1) where count & (UInt64(1) << level) != 0 {
            ids.append(MerkleNodeID(level: UInt8(level), index: start >> level))
            start += UInt64(1) << level
        }
        return ids
    }

    /// The ranges whose hashes form PATH(m, D[n]) of RFC 9162 section 2.1.3.1, from the leaf's sibling upward.
    static func inclusionRanges(leafIndex m: UInt64, treeSize n: UInt64) -> [Range<UInt64>] {
        var ranges: [Range<UInt64>] = []
        var lower: UInt64 = 0
        var upper = n
        // PATH(m, D[lower:upper]) = PATH(m, one half) : MTH(the other half); collected root first.
        while upper - lower > 1 {
            let k = RFC9162.splitPoint(upper - lower)
            if m - lower < k {
                ranges.append((lower + k)..<upper)
                upper = lower + k
            } else {
                ranges.append(lower..<(lower + k))
                lower += k
            }
        }
        return ranges.reversed()
    }

    /// The ranges whose hashes form PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 section 2.1.4.1.
    /// - Precondition: `0 < m < n`.
    static func consistencyRanges(firstSize m: UInt64, secondSize n: UInt64) -> [Range<UInt64>] {
        var ranges: [Range<UInt64>] = []
        var lower: UInt64 = 0
        var upper = n
        var isFirstTreeRoot = true
        while true {
            if m == upper {
                // SUBPROOF(m, D[m], b): nothing when D[lower:upper] is the first tree itself, else its hash.
                if !isFirstTreeRoot { ranges.append(lower..<upper) }
                break
            }
            let k = RFC9162.splitPoint(upper - lower)
            if m - lower <= k {
                ranges.append((lower + k)..<upper)
                upper = lower + k
            } else {
                ranges.append(lower..<(lower + k))
                lower += k
                isFirstTreeRoot = false
            }
        }
        return ranges.reversed()
    }

    /// Reads the nodes of some ranges in one batch and folds each range to its hash.
    static func hashes(
        of ranges: [Range<UInt64>],
        from store: some MerkleNodeSource
    ) async throws -> [MerkleHash] {
        let idsPerRange = ranges.map(nodeIDs(of:))
        let found: [MerkleNodeID: MerkleHash]
        do {
            found = try await store.hashes(of: idsPerRange.flatMap { $0 })
        } catch let error as TransparencyError {
            throw error
        } catch {
            throw TransparencyError(.storeFailure, "the node store could not be read", underlying: error)
        }
        return try idsPerRange.map { ids in
            var hash: MerkleHash?
            for id in ids.reversed() {
                guard let node = found[id] else {
                    throw TransparencyError(.missingNode, "the node store does not hold node \(id)")
                }
                hash = hash.map { RFC9162.nodeHash(node, $0) } ?? node
            }
            return hash ?? RFC9162.emptyRoot
        }
    }
}
