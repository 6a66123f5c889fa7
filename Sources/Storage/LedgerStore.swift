public import Transparency

/// An event store that keeps its events in a tamper-evident ledger (module `Transparency`): every stored event is a
/// leaf of an append-only RFC 9162 Merkle log, and the store signs a tree head per capture. The SQLite store
/// implements it; PostgreSQL can with the same tables.
public protocol LedgerStore: EventStore {
    /// The public key that verifies the store's tree heads.
    var ledgerPublicKey: LogPublicKey { get }

    /// The signed head of the whole log, nil before the first event.
    /// - Throws: ``StorageError``.
    func latestTreeHead() async throws(StorageError) -> SignedTreeHead?

    /// The signed head of an earlier size, nil when no capture ended there.
    /// - Parameter treeSize: The size.
    /// - Throws: ``StorageError``.
    func treeHead(treeSize: UInt64) async throws(StorageError) -> SignedTreeHead?

    /// The inclusion proof document of a stored event against the latest head, checkable offline.
    /// - Parameter eventID: The event's ID; with several rows (the event and its error declaration), the original.
    /// - Throws: ``StorageError`` `.notFound` for an unknown event.
    func inclusionProof(eventID: String) async throws(StorageError) -> InclusionProofBundle

    /// The consistency proof between two sizes of the log.
    /// - Parameters:
    ///   - firstSize: The older size.
    ///   - secondSize: The newer size.
    /// - Throws: ``StorageError`` `.invalidQuery` for sizes out of order or past the log.
    func consistencyProof(from firstSize: UInt64, to secondSize: UInt64) async throws(StorageError)
        -> ConsistencyProof

    /// Checks every stored event against its leaf and the latest signed head.
    /// - Throws: ``StorageError`` when the store cannot be read.
    func verifyLedger() async throws(StorageError) -> LedgerVerification
}
