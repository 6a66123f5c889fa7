import Foundation
import GRDB
public import Storage
public import Transparency

extension SQLiteEventStore: LedgerStore {
    /// The public key that verifies this store's tree heads.
    public var ledgerPublicKey: LogPublicKey { ledger.signer.publicKey }

    /// The signed head of the whole log, as of the last capture.
    /// - Returns: The head; nil for a store that never stored an event.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored head is malformed.
    public func latestTreeHead() async throws(StorageError) -> SignedTreeHead? {
        try await read { db in try SQLiteTreeHeads.fetch(treeSize: nil, in: db) }
    }

    /// The signed head of an earlier size of the log (one is stored per capture).
    /// - Parameter treeSize: The size.
    /// - Returns: The head; nil when no capture ended at that size.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored head is malformed.
    public func treeHead(treeSize: UInt64) async throws(StorageError) -> SignedTreeHead? {
        try await read { db in try SQLiteTreeHeads.fetch(treeSize: treeSize, in: db) }
    }

    /// The inclusion proof of an event in the latest signed tree head, as a self-contained document.
    ///
    /// An event ID can name two rows: the event as captured and, later, the same event with an error declaration.
    /// The proof is for the original (the row without a declaration, else the first row). Its `leafData` is the
    /// SHA-256 of the stored body (``LedgerLeaf``), so the document reveals nothing of the event.
    /// - Parameter eventID: The event's ID (`eventID`, or the hash ID given when it had none).
    /// - Returns: The proof document, which `InclusionProofBundle.verify` and `suyuan verify-proof` check offline.
    /// - Throws: ``StorageError`` `.notFound` for an unknown event; `.internalFailure` when the ledger cannot
    ///   provide the proof.
    public func inclusionProof(eventID: String) async throws(StorageError) -> InclusionProofBundle {
        let found = try await read { db -> (row: Int64, body: String, head: SignedTreeHead?)? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, body FROM (
                            SELECT id, body, has_error_declaration FROM event WHERE event_id = ?1
                            UNION ALL SELECT id, body, has_error_declaration FROM event
                            WHERE \(SQLiteCompactID.hashMatch("hash", "?1")) AND event_id IS NULL)
                        ORDER BY has_error_declaration, id LIMIT 1
                        """,
                    arguments: [SQLiteCompactID.value(eventID)])
            else { return nil }
            let body = try SQLiteEventDecoding.body(row[1] as DatabaseValue)
            return (row[0], body, try SQLiteTreeHeads.fetch(treeSize: nil, in: db))
        }
        guard let found else { throw StorageError(.notFound, "no stored event has the ID \(eventID)") }
        let leafIndex = UInt64(found.row - 1)
        guard let head = found.head, leafIndex < head.treeHead.treeSize else {
            throw StorageError(.internalFailure, "no signed tree head covers event \(eventID) (leaf \(leafIndex))")
        }
        do {
            let proof = try await InclusionProof.build(
                leafIndex: leafIndex, treeSize: head.treeHead.treeSize, from: SQLiteLedgerTiles(writer: writer))
            return InclusionProofBundle(
                proof: proof, signedTreeHead: head, leafData: LedgerLeaf.entry(content: Data(found.body.utf8)),
                eventID: eventID)
        } catch {
            throw Self.ledgerError(error, "the inclusion proof of event \(eventID) cannot be built")
        }
    }

    /// The consistency proof between two sizes of the log: that the later tree only appended to the earlier.
    /// - Parameters:
    ///   - firstSize: The older size.
    ///   - secondSize: The newer size, at most the latest signed size.
    /// - Returns: The RFC 9162 proof; check it with the two heads' roots.
    /// - Throws: ``StorageError`` `.invalidQuery` when the sizes are out of order or past the log;
    ///   `.internalFailure` when the ledger cannot provide the nodes.
    public func consistencyProof(from firstSize: UInt64, to secondSize: UInt64) async throws(StorageError)
        -> ConsistencyProof
    {
        let signed = try await latestTreeHead()?.treeHead.treeSize ?? 0
        guard firstSize <= secondSize, secondSize <= signed else {
            throw StorageError(
                .invalidQuery,
                "no consistency proof from size \(firstSize) to \(secondSize): the log holds \(signed) leaves")
        }
        do {
            return try await ConsistencyProof.build(
                firstSize: firstSize, secondSize: secondSize, from: SQLiteLedgerTiles(writer: writer))
        } catch {
            throw Self.ledgerError(error, "the consistency proof from \(firstSize) to \(secondSize) cannot be built")
        }
    }

    /// Checks every stored event against its leaf and the latest signed tree head (what `suyuan verify` runs).
    ///
    /// Streams the events in row (leaf) order with memory O(log n): each body is hashed again and compared with
    /// the stored leaf (read from the level-0 tiles); an event that no longer matches is named. The recomputed leaves
    /// and the stored leaves must both lead to the signed root, the stored tiles must agree level by level and
    /// reproduce it, and the head's signature must verify with the store's key.
    /// - Returns: The findings.
    /// - Throws: ``StorageError`` `.internalFailure` when the store cannot be read.
    public func verifyLedger() async throws(StorageError) -> LedgerVerification {
        let key = ledgerPublicKey
        let head = try await latestTreeHead()
        var verification = try await read { db in try SQLiteLedgerAuditRun(head: head, key: key).run(db) }
        if let head {
            let root = try? await RFC9162.rootHash(
                treeSize: head.treeHead.treeSize, from: SQLiteLedgerTiles(writer: writer))
            verification.storedNodesMatchSignedRoot =
                root == head.treeHead.rootHash && verification.inconsistentNodes.isEmpty
        }
        return verification
    }

    static func ledgerError(_ error: any Error, _ message: String) -> StorageError {
        if let error = error as? StorageError { return error }
        let detail = (error as? TransparencyError).map { ": \($0.message)" } ?? ""
        return StorageError(.internalFailure, message + detail, underlying: error)
    }
}
