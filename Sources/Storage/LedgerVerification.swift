public import Transparency

/// What ``LedgerStore/verifyLedger()`` found: every event whose stored content no longer matches its leaf,
/// leaves whose event is gone, whether the stored nodes and the content still lead to the latest signed root, and
/// whether that head's signature verifies with the store's key.
public struct LedgerVerification: Hashable, Sendable {
    /// The latest signed tree head, nil when the store has never signed one (an empty store).
    public var signedTreeHead: SignedTreeHead?
    /// The key the store signs with; the head must verify with it.
    public var publicKey: LogPublicKey
    /// How many event rows were checked.
    public var eventCount: UInt64
    /// The IDs of the events whose body no longer hashes to their leaf (or whose leaf is gone), in row order.
    public var tamperedEventIDs: [String]
    /// Leaf indices that no event row stands for any more (deleted rows).
    public var missingEventLeaves: [UInt64]
    /// Why the signed head does not verify with ``publicKey``, nil when it does.
    public var signatureProblem: String?
    /// The streaming check against the signed head, nil when there is no head or its signature does not verify.
    public var audit: LedgerAuditReport?
    /// Stored nodes that are missing or inconsistent (at most 100): in the tiled ledger, the first node of a tile that
    /// is missing, malformed or partial before another, and each node of level `8·(L+1)` that is not the root of the
    /// full tile of level `L` below it.
    public var inconsistentNodes: [MerkleNodeID]
    /// Whether the stored tiles (`ledger_tile`) reproduce the signed root: every tile agrees with the level above and
    /// the subtree roots of the right edge, read from the tiles, lead to the signed root.
    public var storedNodesMatchSignedRoot: Bool

    /// Creates a report.
    /// - Parameters:
    ///   - signedTreeHead: The latest signed head, if any.
    ///   - publicKey: The store's signing key.
    ///   - eventCount: The event rows checked.
    ///   - tamperedEventIDs: Events whose content no longer matches their leaf.
    ///   - missingEventLeaves: Leaves with no event row.
    ///   - signatureProblem: Why the head does not verify, if it does not.
    ///   - audit: The audit against the head.
    ///   - inconsistentNodes: Stored nodes missing or not hashing from their children.
    ///   - storedNodesMatchSignedRoot: Whether the stored nodes reproduce the signed root.
    public init(
        signedTreeHead: SignedTreeHead?, publicKey: LogPublicKey, eventCount: UInt64, tamperedEventIDs: [String],
        missingEventLeaves: [UInt64], signatureProblem: String?, audit: LedgerAuditReport?,
        inconsistentNodes: [MerkleNodeID], storedNodesMatchSignedRoot: Bool
    ) {
        self.signedTreeHead = signedTreeHead
        self.publicKey = publicKey
        self.eventCount = eventCount
        self.tamperedEventIDs = tamperedEventIDs
        self.missingEventLeaves = missingEventLeaves
        self.signatureProblem = signatureProblem
        self.audit = audit
        self.inconsistentNodes = inconsistentNodes
        self.storedNodesMatchSignedRoot = storedNodesMatchSignedRoot
    }

    /// Whether the store is exactly what its latest signed head vouches for.
    public var isIntact: Bool {
        guard let head = signedTreeHead else { return eventCount == 0 && tamperedEventIDs.isEmpty }
        return tamperedEventIDs.isEmpty && missingEventLeaves.isEmpty && signatureProblem == nil
            && audit?.isIntact == true && storedNodesMatchSignedRoot && eventCount == head.treeHead.treeSize
    }
}
