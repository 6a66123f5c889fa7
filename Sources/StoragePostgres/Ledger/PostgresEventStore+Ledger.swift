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
        let found = try await withConnection { connection -> (row: Int64, body: ByteBuffer, head: SignedTreeHead?)? in
            let rows = try await connection.query(
                """
                SELECT id, body FROM event WHERE event_id = \(eventID) ORDER BY has_error_declaration, id LIMIT 1
                """, logger: logger)
            guard let row = try await rows.collect().first else { return nil }
            let (id, body) = try row.decode((Int64, ByteBuffer).self)
            return (id, body, try await PostgresLedger.treeHead(size: nil, on: connection, logger: logger))
        }
        guard let found else { throw StorageError(.notFound, "no stored event has the ID \(eventID)") }
        let leafIndex = UInt64(max(found.row - 1, 0))
        guard let head = found.head, leafIndex < head.treeHead.treeSize else {
            throw StorageError(.internalFailure, "no signed tree head covers event \(eventID) (leaf \(leafIndex))")
        }
        do {
            let proof = try await InclusionProof.build(
                leafIndex: leafIndex, treeSize: head.treeHead.treeSize, from: PostgresLedgerTiles(store: self))
            return InclusionProofBundle(
                proof: proof, signedTreeHead: head, leafData: LedgerLeaf.entry(content: Data(try PostgresEventDecoding.original(found.body))),
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
                firstSize: firstSize, secondSize: secondSize, from: PostgresLedgerTiles(store: self))
        } catch {
            throw Self.ledgerError(error, "the consistency proof from \(firstSize) to \(secondSize) cannot be built")
        }
    }

    /// Checks every stored event against its leaf and the latest signed tree head (what `suyuan verify` runs):
    /// the events and the leaves of the level-0 tiles are streamed in leaf order (one query, a full join), each body
    /// hashed again; then every stored tile is checked against the level above, and the head's signature against the
    /// key.
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
                treeSize: head.treeHead.treeSize, from: PostgresLedgerTiles(store: self))
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
            FROM (
                SELECT t.idx * 256 + g.o AS idx, substring(t.hashes FROM g.o * 32 + 1 FOR 32) AS hash
                FROM ledger_tile t CROSS JOIN LATERAL generate_series(0, t.width - 1) AS g(o)
                WHERE t.level = 0
            ) n
            FULL JOIN event e ON n.idx = e.id - 1
            ORDER BY 1
            """, logger: logger)
        for try await (index, eventID, body, hash) in rows.decode((Int64, String?, ByteBuffer?, Data?).self) {
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
            // A body that no longer inflates is tampered with as surely as one that hashes otherwise.
            let recomputed = (try? PostgresEventDecoding.original(body)).map { LedgerLeaf.leafHash(content: Data($0)) }
                ?? RFC9162.emptyRoot
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

    /// The nodes that are missing or do not hash from the tile below (at most `limit`), tile level by tile level with
    /// ``MerkleTileLevelCheck``: the next level (1/256 of the tiles) is held in memory, the level streamed in order.
    func inconsistentNodes(on connection: PostgresConnection, logger: Logger, limit: Int = 100) async throws
        -> [MerkleNodeID]
    {
        var bad: [MerkleNodeID] = []
        let top =
            try await connection.query("SELECT coalesce(max(level), -1)::int8 FROM ledger_tile", logger: logger)
            .collect().first?.decode(Int64.self) ?? -1
        guard top >= 0 else { return [] }
        for level in 0...top where bad.count < limit {
            var parents: [MerkleTile] = []
            for try await (index, width, bytes) in try await connection.query(
                "SELECT idx, width::int8, hashes FROM ledger_tile WHERE level = \(level + 1)", logger: logger
            ).decode((Int64, Int64, Data).self) {
                let id = MerkleTileID(level: UInt8(clamping: level + 1), index: UInt64(max(index, 0)))
                if let tile = try? MerkleTile(id: id, width: Int(width), bytes: bytes) { parents.append(tile) }
            }
            var check = MerkleTileLevelCheck(level: UInt8(clamping: level), parentTiles: parents)
            let children = try await connection.query(
                "SELECT idx, width::int8, hashes FROM ledger_tile WHERE level = \(level) ORDER BY idx", logger: logger)
            for try await (index, width, bytes) in children.decode((Int64, Int64, Data).self) {
                let id = MerkleTileID(level: UInt8(clamping: level), index: UInt64(max(index, 0)))
                // A malformed tile (its bytes do not match its width) is passed as nil and reported.
                check.check(id, tile: try? MerkleTile(id: id, width: Int(width), bytes: bytes))
            }
            bad += check.finish()
        }
        return Array(bad.prefix(limit))
    }
}
