public import Foundation
public import Transparency

/// Stored events handed to another platform with what proves them: each event's body exactly as stored and its
/// inclusion proof against one signed tree head of this store's ledger. The receiver checks the head's signature
/// with the key it pinned for this platform, hashes each body to its leaf entry (``Transparency/LedgerLeaf``) and
/// follows the audit path to the signed root, offline (docs/decisions/0013-federation.md).
public struct LedgerEvidence: Hashable, Sendable {
    /// The head every proof leads to; nil when the store has signed none (an empty store).
    public var signedTreeHead: SignedTreeHead?
    /// The events, oldest first.
    public var events: [EvidenceEvent]
    /// Whether more events matched than were handed out.
    public var truncated: Bool

    /// Makes evidence.
    public init(signedTreeHead: SignedTreeHead?, events: [EvidenceEvent], truncated: Bool = false) {
        self.signedTreeHead = signedTreeHead
        self.events = events
        self.truncated = truncated
    }
}

/// One stored event and its inclusion proof.
public struct EvidenceEvent: Hashable, Sendable {
    /// The event's ID (its eventID, or its hash when it had none).
    public var eventID: String
    /// The GS1 event hash the store computed.
    public var hashID: String
    /// The event as stored: compact JSON-LD of one event. Its SHA-256 is the leaf entry.
    public var body: String
    /// The leaf index, tree size, leaf hash and audit path to the signed head.
    public var proof: InclusionProof

    /// Makes one.
    public init(eventID: String, hashID: String, body: String, proof: InclusionProof) {
        self.eventID = eventID
        self.hashID = hashID
        self.body = body
        self.proof = proof
    }

    /// Checks the proof against a head (whose signature the caller has checked): the body hashes to the leaf, and
    /// the audit path leads from the leaf to the head's root.
    /// - Throws: `TransparencyError` naming what does not hold.
    public func verify(against head: SignedTreeHead) throws {
        let bundle = InclusionProofBundle(
            proof: proof, signedTreeHead: head, leafData: LedgerLeaf.entry(content: Data(body.utf8)), eventID: eventID)
        try bundle.verify(trusting: head.publicKey)
    }
}

/// A ledger store that hands out evidence for the events that name some identifiers: what a platform answers a
/// peer's trace with.
public protocol EvidenceStore: LedgerStore {
    /// The stored events that name any of `keys` in an object or class role (as the trace graph reads them), with
    /// their stored bodies and inclusion proofs against the latest signed head, oldest first.
    /// - Parameters:
    ///   - keys: canonical identifier keys.
    ///   - limit: the most events to hand out (``LedgerEvidence/truncated`` says when more matched).
    /// - Throws: ``StorageError``.
    func evidence(touching keys: Set<String>, limit: Int) async throws(StorageError) -> LedgerEvidence
}
