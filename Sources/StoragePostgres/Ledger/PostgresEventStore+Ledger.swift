import Foundation
import Logging
import PostgresNIO
public import Storage
public import Transparency

extension PostgresEventStore: LedgerStore {
    /// The public key that verifies this store's tree heads (from the key file, docs/decisions/0006).
    public var ledgerPublicKey: LogPublicKey { signer.publicKey }

    /// The signed head of the whole log, as of the last capture.
    /// - Returns: The head; nil for a store that never stored an event.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored head is malformed.
    public func latestTreeHead() async throws(StorageError) -> SignedTreeHead? {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresLedger.treeHead(size: nil, on: connection, logger: logger)
        }
    }

    /// The signed head of an earlier size of the log (one is stored per capture).
    /// - Parameter treeSize: The size.
    /// - Returns: The head; nil when no capture ended at that size.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored head is malformed.
    public func treeHead(treeSize: UInt64) async throws(StorageError) -> SignedTreeHead? {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresLedger.treeHead(size: treeSize, on: connection, logger: logger)
        }
    }

    /// The inclusion proof of an event in the latest signed tree head, as a self-contained document (for the
    /// original row when an error declaration shares the ID; `leafData` is the SHA-256 of the stored body).
    /// - Parameter eventID: The event's ID.
    /// - Returns: The proof document, which `InclusionProofBundle.verify` and `suyuan verify-proof` check offline.
    /// - Throws: ``StorageError`` `.notFound` for an unknown event; `.internalFailure` when the ledger cannot
    ///   provide the proof.
    public func inclusionProof(eventID: String) async throws(StorageError) -> InclusionProofBundle {
        let logger = logger
        let found = try await withConnection { connection -> (row: Int64, body: String, head: SignedTreeHead?)? in
            let rows = try await connection.query(
                """
                SELECT id, body FROM event WHERE event_id = \(eventID) ORDER BY has_error_declaration, id LIMIT 1
                """, logger: logger)
            guard let row = try await rows.collect().first else { return nil }
            let (id, body) = try row.decode((Int64, String).self)
            return (id, body, try await PostgresLedger.treeHead(size: nil, on: connection, logger: logger))
        }
        guard let found else { throw StorageError(.notFound, "no stored event has the ID \(eventID)") }
        let leafIndex = UInt64(max(found.row - 1, 0))
        guard let head = found.head, leafIndex < head.treeHead.treeSize else {
            throw StorageError(.internalFailure, "no signed tree head covers event \(eventID) (leaf \(leafIndex))")
        }
        do {
            let proof = try await InclusionProof.build(
                leafIndex: leafIndex, treeSize: head.treeHead.treeSize, from: PostgresLedgerNodes(store: self))
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
    /// - Returns: The RFC 9162 proof.
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
                firstSize: firstSize, secondSize: secondSize, from: PostgresLedgerNodes(store: self))
        } catch {
            throw Self.ledgerError(error, "the consistency proof from \(firstSize) to \(secondSize) cannot be built")
        }
    }

    /// Checks every stored event against its leaf and the latest signed tree head (what `suyuan verify` runs):
    /// the events and level-0 nodes are streamed in leaf order (one query, a full join), each body hashed again;
    /// then every stored interior node is checked against its children, and the head's signature against the key.
    /// - Returns: The findings; every event whose stored content no longer matches is named.
    /// - Throws: ``StorageError`` `.internalFailure` when the store cannot be read.
    public func verifyLedger() async throws(StorageError) -> LedgerVerification {
        let key = ledgerPublicKey
        let head = try await latestTreeHead()
        let logger = logger
        var verification = try await withConnection { connection in
            try await PostgresLedgerAudit(head: head, key: key).run(on: connection, logger: logger)
        }
        if let head {
            let root = try? await RFC9162.rootHash(
                treeSize: head.treeHead.treeSize, from: PostgresLedgerNodes(store: self))
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

/// One pass of ``PostgresEventStore/verifyLedger()``.
struct PostgresLedgerAudit {
    let head: SignedTreeHead?
    let key: LogPublicKey

    func run(on connection: PostgresConnection, logger: Logger) async throws -> LedgerVerification {
        var audit: LedgerAudit?
        var signatureProblem: String?
        if let head {
            do {
                audit = try LedgerAudit(signedTreeHead: head, trustedKey: key)
            } catch let error as TransparencyError {
                signatureProblem = error.message
            }
        }
        var tampered: [String] = []
        var missing: [UInt64] = []
        var expected: UInt64 = 0
        // Leaf order: a leaf without an event (a deleted row) and an event without a leaf both appear.
        let rows = try await connection.query(
            """
            SELECT coalesce(n.idx, e.id - 1), e.event_id, e.body, n.hash
            FROM (SELECT idx, hash FROM ledger_node WHERE level = 0) n
            FULL JOIN event e ON n.idx = e.id - 1
            ORDER BY 1
            """, logger: logger)
        for try await (index, eventID, body, hash) in rows.decode((Int64, String?, String?, Data?).self) {
            let leafIndex = UInt64(max(index, 0))
            while expected < leafIndex {
                audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: RFC9162.emptyRoot)
                missing.append(expected)
                expected += 1
            }
            let stored = hash.flatMap { MerkleHash(bytes: $0) }
            guard let eventID, let body else {
                audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: stored ?? RFC9162.emptyRoot)
                missing.append(leafIndex)
                expected = leafIndex + 1
                continue
            }
            let recomputed = LedgerLeaf.leafHash(content: Data(body.utf8))
            audit?.check(recomputedLeafHash: recomputed, storedLeafHash: stored ?? RFC9162.emptyRoot)
            if recomputed != stored { tampered.append(eventID) }
            expected = leafIndex + 1
        }
        while expected < head?.treeHead.treeSize ?? 0 {
            audit?.check(recomputedLeafHash: RFC9162.emptyRoot, storedLeafHash: RFC9162.emptyRoot)
            missing.append(expected)
            expected += 1
        }
        return LedgerVerification(
            signedTreeHead: head, publicKey: key, eventCount: expected - UInt64(missing.count),
            tamperedEventIDs: tampered, missingEventLeaves: missing, signatureProblem: signatureProblem,
            audit: audit?.finish(), inconsistentNodes: try await inconsistentNodes(on: connection, logger: logger),
            storedNodesMatchSignedRoot: head == nil)
    }

    /// The interior nodes that are missing or do not hash from their two stored children (at most `limit`), level
    /// by level: the parents of a level are held in memory (half the level), the children streamed in order.
    func inconsistentNodes(on connection: PostgresConnection, logger: Logger, limit: Int = 100) async throws
        -> [MerkleNodeID]
    {
        var bad: [MerkleNodeID] = []
        let top =
            try await connection.query("SELECT coalesce(max(level), 0)::int8 FROM ledger_node", logger: logger)
            .collect().first?.decode(Int64.self) ?? 0
        for level in 0..<max(top, 0) where bad.count < limit {
            var parents: [Int64: Data] = [:]
            for try await (index, hash) in try await connection.query(
                "SELECT idx, hash FROM ledger_node WHERE level = \(level + 1)", logger: logger
            ).decode((Int64, Data).self) {
                parents[index] = hash
            }
            let children = try await connection.query(
                "SELECT idx, hash FROM ledger_node WHERE level = \(level) ORDER BY idx", logger: logger)
            var expected: Int64 = 0
            var left: MerkleHash?
            var stop = false
            for try await (index, bytes) in children.decode((Int64, Data).self) where !stop {
                let position = expected
                expected += 1
                guard index == position else {
                    bad.append(MerkleNodeID(level: UInt8(level), index: UInt64(position)))
                    stop = true
                    continue
                }
                let hash = MerkleHash(bytes: bytes)
                guard position % 2 == 1 else {
                    left = hash
                    continue
                }
                let parentID = MerkleNodeID(level: UInt8(level + 1), index: UInt64(position / 2))
                guard let stored = parents[position / 2] else {
                    bad.append(parentID)
                    stop = true
                    continue
                }
                let computed = left.flatMap { l in hash.map { r in RFC9162.nodeHash(l, r) } }
                if computed == nil || computed != MerkleHash(bytes: stored) { bad.append(parentID) }
            }
        }
        return Array(bad.prefix(limit))
    }
}
