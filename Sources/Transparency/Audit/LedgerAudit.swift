/// The check behind `suyuan verify`: streams every stored event, in leaf order, with the leaf hash recomputed from
/// its stored content and the leaf hash the ledger holds, and compares both with a signed tree head.
///
/// An event whose content was changed behind the platform's back no longer hashes to its leaf: it is named. An
/// attacker who also rewrote the stored leaf hash does not escape either: the leaves recomputed from the content
/// then no longer lead to the signed root. Memory is O(log n) whatever the size of the log.
public struct LedgerAudit: Sendable {
    /// The signed tree head the store is checked against; its signature was verified when the audit began.
    public let signedTreeHead: SignedTreeHead
    private var recomputed = MerkleFrontier()
    private var stored = MerkleFrontier()
    private var mismatches: [UInt64] = []

    /// Begins an audit against a signed tree head.
    /// - Parameters:
    ///   - signedTreeHead: The latest signed tree head, as published or kept beside the store.
    ///   - trustedKey: The log's public key; nil to accept the key the head carries.
    /// - Throws: `TransparencyError.signatureInvalid` or `untrustedKey` when the head itself does not verify.
    public init(signedTreeHead: SignedTreeHead, trustedKey: LogPublicKey? = nil) throws {
        try signedTreeHead.verify(trusting: trustedKey)
        self.signedTreeHead = signedTreeHead
    }

    /// The number of leaves checked so far; the next leaf must have this index.
    public var checkedLeaves: UInt64 { recomputed.treeSize }

    /// Checks the next leaf.
    /// - Parameters:
    ///   - recomputedLeafHash: SHA-256(0x00 || entry) of the entry rebuilt from the stored event.
    ///   - storedLeafHash: The leaf hash the ledger holds at this index.
    /// - Returns: Whether the two agree; when they do not, the leaf's index is recorded as a mismatch.
    @discardableResult
    public mutating func check(recomputedLeafHash: MerkleHash, storedLeafHash: MerkleHash) -> Bool {
        let index = recomputed.treeSize
        recomputed.append(leafHash: recomputedLeafHash) { _ in }
        stored.append(leafHash: storedLeafHash) { _ in }
        guard recomputedLeafHash == storedLeafHash else {
            mismatches.append(index)
            return false
        }
        return true
    }

    /// Ends the audit.
    /// - Returns: The leaves whose content no longer matches, and whether the store still leads to the signed root.
    public func finish() -> LedgerAuditReport {
        let head = signedTreeHead.treeHead
        let complete = recomputed.treeSize == head.treeSize
        return LedgerAuditReport(
            checkedLeaves: recomputed.treeSize,
            signedTreeSize: head.treeSize,
            mismatchedLeaves: mismatches,
            contentMatchesSignedRoot: complete && recomputed.rootHash == head.rootHash,
            storedLeavesMatchSignedRoot: complete && stored.rootHash == head.rootHash
        )
    }
}

/// What a ``LedgerAudit`` found.
public struct LedgerAuditReport: Hashable, Sendable {
    /// How many leaves were checked.
    public var checkedLeaves: UInt64
    /// The size the signed tree head vouches for.
    public var signedTreeSize: UInt64
    /// The indices of the leaves whose stored content no longer hashes to the stored leaf hash, in order.
    public var mismatchedLeaves: [UInt64]
    /// Whether the leaves recomputed from the stored content lead to the signed root.
    public var contentMatchesSignedRoot: Bool
    /// Whether the stored leaf hashes lead to the signed root.
    public var storedLeavesMatchSignedRoot: Bool

    /// Whether the store is exactly what the signed tree head vouches for.
    public var isIntact: Bool {
        mismatchedLeaves.isEmpty && contentMatchesSignedRoot && storedLeavesMatchSignedRoot
    }
}
