public import Foundation

/// The append-only Merkle log over a node store: appends batches of leaves and answers roots, inclusion proofs
/// and consistency proofs for any tree size up to its own.
///
/// Appending costs O(log n) amortised hashing and one store write per batch; a root or proof costs one batched
/// store read of O(log n) nodes. Appends run one after another (a later call waits for the one before it), so the
/// store always receives leaves in order; reads run alongside and see only committed leaves.
///
/// A storage backend that must write the leaves in its own capture transaction can use ``MerkleFrontier`` for the
/// append and ``InclusionProof/build(leafIndex:treeSize:from:)`` for proofs instead.
public actor MerkleTree<Store: MerkleNodeStore> {
    /// The store that holds the nodes.
    public nonisolated let store: Store
    /// The right edge of the committed tree.
    private var frontier: MerkleFrontier
    private var appendInProgress = false
    private var appendWaiters: [CheckedContinuation<Void, Never>] = []

    /// Opens the log kept in a store, reading its size and right edge (O(log n) nodes).
    /// - Parameter store: The node store; empty for a new log.
    /// - Throws: `TransparencyError.storeFailure` when the store cannot be read; `missingNode` when it lacks a
    ///   subtree root that a log of its size has.
    public init(store: Store) async throws {
        self.store = store
        do {
            let size = try await store.leafCount()
            let hashes = try await store.hashes(of: MerkleFrontier.nodeIDs(treeSize: size))
            frontier = try MerkleFrontier(treeSize: size, hashes: hashes)
        } catch let error as TransparencyError {
            throw error
        } catch {
            throw TransparencyError(.storeFailure, "the ledger's node store could not be read", underlying: error)
        }
    }

    /// The number of leaves in the log.
    public var treeSize: UInt64 { frontier.treeSize }

    /// The root hash of the whole log.
    public var rootHash: MerkleHash { frontier.rootHash }

    /// The current tree head, to be signed.
    /// - Parameter date: The time of the head; now by default.
    /// - Returns: The size and root of the log at this moment.
    public func treeHead(at date: Date = Date()) -> TreeHead {
        TreeHead(treeSize: frontier.treeSize, rootHash: frontier.rootHash, date: date)
    }

    /// Appends one batch of entries (the events of one capture) as leaves.
    /// - Parameter entries: The entries' bytes; each becomes the leaf SHA-256(0x00 || entry).
    /// - Returns: The indices the leaves got and the new root.
    /// - Throws: `TransparencyError.storeFailure` when the store rejects the batch; then the log is unchanged.
    @discardableResult
    public func appendLeaves(_ entries: [Data]) async throws -> AppendedLeaves {
        try await appendLeafHashes(entries.map(RFC9162.leafHash))
    }

    /// Appends one batch of leaves given by their leaf hashes.
    /// - Parameter leafHashes: The leaf hashes, in order.
    /// - Returns: The indices the leaves got and the new root.
    /// - Throws: `TransparencyError.storeFailure` when the store rejects the batch; then the log is unchanged.
    @discardableResult
    public func appendLeafHashes(_ leafHashes: [MerkleHash]) async throws -> AppendedLeaves {
        await acquireAppend()
        defer { releaseAppend() }
        var next = frontier
        let nodes = next.append(leafHashes: leafHashes)
        if !nodes.isEmpty {
            do {
                try await store.write(nodes)
            } catch let error as TransparencyError {
                throw error
            } catch {
                throw TransparencyError(
                    .storeFailure,
                    "the ledger's node store did not take \(leafHashes.count) new leaves",
                    underlying: error
                )
            }
        }
        let first = frontier.treeSize
        frontier = next
        return AppendedLeaves(indices: first..<next.treeSize, rootHash: next.rootHash)
    }

    /// The root hash of the tree of the first `treeSize` leaves.
    /// - Parameter treeSize: A size up to ``treeSize``.
    /// - Returns: MTH of those leaves.
    /// - Throws: `TransparencyError.treeSizeOutOfRange` past the log's size; `missingNode`/`storeFailure` when
    ///   the store cannot provide the nodes.
    public func rootHash(treeSize: UInt64) async throws -> MerkleHash {
        try checkSize(treeSize)
        if treeSize == frontier.treeSize { return frontier.rootHash }
        return try await RFC9162.rootHash(treeSize: treeSize, from: store)
    }

    /// The leaf hash at an index.
    /// - Parameter leafIndex: A leaf index below ``treeSize``.
    /// - Returns: The stored leaf hash.
    /// - Throws: `TransparencyError.leafIndexOutOfRange`, or a store failure.
    public func leafHash(at leafIndex: UInt64) async throws -> MerkleHash {
        guard leafIndex < frontier.treeSize else {
            throw TransparencyError(
                .leafIndexOutOfRange,
                "leaf \(leafIndex) is not in the log, which holds \(frontier.treeSize) leaves"
            )
        }
        return try await RFC9162.rootHash(ofLeaves: leafIndex..<(leafIndex + 1), from: store)
    }

    /// The inclusion proof of a leaf in the tree of a given size.
    /// - Parameters:
    ///   - leafIndex: The leaf's index.
    ///   - treeSize: The tree size; the whole log when nil.
    /// - Returns: The proof (RFC 9162 PATH).
    /// - Throws: `TransparencyError.leafIndexOutOfRange`, `treeSizeOutOfRange`, or a store failure.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64? = nil) async throws -> InclusionProof {
        let size = treeSize ?? frontier.treeSize
        try checkSize(size)
        return try await InclusionProof.build(leafIndex: leafIndex, treeSize: size, from: store)
    }

    /// The consistency proof between two tree sizes.
    /// - Parameters:
    ///   - firstSize: The older size.
    ///   - secondSize: The newer size; the whole log when nil.
    /// - Returns: The proof (RFC 9162 PROOF).
    /// - Throws: `TransparencyError.treeSizeOutOfRange`, or a store failure.
    public func consistencyProof(from firstSize: UInt64, to secondSize: UInt64? = nil) async throws
        -> ConsistencyProof
    {
        let size = secondSize ?? frontier.treeSize
        try checkSize(size)
        return try await ConsistencyProof.build(firstSize: firstSize, secondSize: size, from: store)
    }

    private func checkSize(_ size: UInt64) throws {
        guard size <= frontier.treeSize else {
            throw TransparencyError(
                .treeSizeOutOfRange,
                "tree size \(size) is larger than the log, which holds \(frontier.treeSize) leaves"
            )
        }
    }

    // An async lock: the store must see batches in order, and an actor runs other calls while one awaits.
    private func acquireAppend() async {
        if appendInProgress {
            await withCheckedContinuation { appendWaiters.append($0) }
        } else {
            appendInProgress = true
        }
    }

    private func releaseAppend() {
        if appendWaiters.isEmpty {
            appendInProgress = false
        } else {
            appendWaiters.removeFirst().resume()
        }
    }
}

/// What an append did: the indices the new leaves got and the root of the grown log.
public struct AppendedLeaves: Hashable, Sendable {
    /// The leaf indices of the batch, in order.
    public var indices: Range<UInt64>
    /// The root hash of the log after the batch.
    public var rootHash: MerkleHash

    /// The size of the log after the batch.
    public var treeSize: UInt64 { indices.upperBound }
}
