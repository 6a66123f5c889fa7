/// A consistency proof: the hashes (RFC 9162 section 2.1.4.1 PROOF) that show a tree of `firstSize` leaves is
/// the start of a tree of `secondSize` leaves, i.e. that the log only appended between two tree heads.
public struct ConsistencyProof: Hashable, Sendable, Codable {
    /// The size of the older tree.
    public var firstSize: UInt64
    /// The size of the newer tree.
    public var secondSize: UInt64
    /// The proof hashes.
    public var path: [MerkleHash]

    /// Creates a proof from its parts.
    /// - Parameters:
    ///   - firstSize: The size of the older tree.
    ///   - secondSize: The size of the newer tree.
    ///   - path: The proof hashes.
    public init(firstSize: UInt64, secondSize: UInt64, path: [MerkleHash]) {
        self.firstSize = firstSize
        self.secondSize = secondSize
        self.path = path
    }

    /// Checks the proof against the two roots, offline (RFC 9162 section 2.1.4.2).
    /// - Parameters:
    ///   - firstRoot: The root hash of the older tree.
    ///   - secondRoot: The root hash of the newer tree.
    /// - Throws: `TransparencyError.consistencyProofInvalid` when the proof does not show the older tree to be a
    ///   prefix of the newer one.
    public func verify(firstRoot: MerkleHash, secondRoot: MerkleHash) throws {
        let valid = RFC9162.verifyConsistency(
            firstSize: firstSize,
            secondSize: secondSize,
            firstRoot: firstRoot,
            secondRoot: secondRoot,
            proof: path
        )
        guard valid else {
            throw TransparencyError(
                .consistencyProofInvalid,
                "consistency proof from size \(firstSize) (root \(firstRoot.hex)) to size \(secondSize) "
                    + "(root \(secondRoot.hex)) with \(path.count) hashes does not verify: the newer tree does "
                    + "not start with the older one, or the proof is not for these trees"
            )
        }
    }

    /// Builds the proof between two sizes from a node store, in one batched read of O(log n) nodes.
    /// - Parameters:
    ///   - firstSize: The size of the older tree.
    ///   - secondSize: The size of the newer tree, at most the stored size.
    ///   - store: The log's node store.
    /// - Returns: The proof; empty when `firstSize` is 0 or equals `secondSize`.
    /// - Throws: `TransparencyError.treeSizeOutOfRange` when `firstSize > secondSize`; `missingNode` or
    ///   `storeFailure` when the store cannot provide the nodes.
    public static func build(
        firstSize: UInt64,
        secondSize: UInt64,
        from store: some MerkleNodeSource
    ) async throws -> ConsistencyProof {
        guard firstSize <= secondSize else {
            throw TransparencyError(
                .treeSizeOutOfRange,
                "no consistency proof from size \(firstSize) to the smaller size \(secondSize): the log only grows"
            )
        }
        guard firstSize > 0, firstSize < secondSize else {
            return ConsistencyProof(firstSize: firstSize, secondSize: secondSize, path: [])
        }
        let ranges = MerkleProofPlan.consistencyRanges(firstSize: firstSize, secondSize: secondSize)
        let path = try await MerkleProofPlan.hashes(of: ranges, from: store)
        return ConsistencyProof(firstSize: firstSize, secondSize: secondSize, path: path)
    }
}
