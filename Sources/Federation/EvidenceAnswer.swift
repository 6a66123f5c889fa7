public import EPCIS
public import Foundation
public import Storage
public import Transparency

/// What a peer asks a Suyuan platform for in a trace: the events that name some identifiers
/// (`POST /federation/events`).
public struct EvidenceRequest: Hashable, Sendable, Codable {
    /// Canonical identifier keys.
    public var keys: [String]
    /// `regulator` when the asking platform asks on a regulator's behalf (answered as such only when this
    /// platform trusts that peer's regulators).
    public var onBehalfOf: String?

    /// Makes a request.
    public init(keys: [String], onBehalfOf: String? = nil) {
        self.keys = keys
        self.onBehalfOf = onBehalfOf
    }
}

/// A Suyuan platform's answer to ``EvidenceRequest``: the events it lets the caller read, each as stored with its
/// inclusion proof, and the signed tree head the proofs lead to (docs/decisions/0013-federation.md).
public struct EvidenceAnswer: Hashable, Sendable, Codable {
    /// One event with its proof.
    public struct Item: Hashable, Sendable, Codable {
        public var eventID: String
        public var hashID: String
        /// The event exactly as stored (compact JSON-LD); its SHA-256 is the leaf entry.
        public var body: String
        public var proof: InclusionProof
    }

    /// The answering platform.
    public var platform: String
    /// The head every proof leads to (nil for an empty store).
    public var signedTreeHead: SignedTreeHead?
    /// The events.
    public var events: [Item]
    /// Whether more events matched than were handed out.
    public var truncated: Bool

    /// The answer made of a store's evidence, keeping only the events `keep` allows (visibility).
    public init(platform: String, evidence: LedgerEvidence, keep: (EvidenceEvent) -> Bool = { _ in true }) {
        self.platform = platform
        signedTreeHead = evidence.signedTreeHead
        events = evidence.events.filter(keep).map {
            Item(eventID: $0.eventID, hashID: $0.hashID, body: $0.body, proof: $0.proof)
        }
        truncated = evidence.truncated
    }

    /// Checks the answer offline against the key this platform pinned for the peer, and reads the events.
    /// - Parameter trustedKey: the peer's pinned key; nil when none is known (the events are then unverified).
    /// - Returns: every event that could be read, each saying whether it verified.
    public func read(trusting trustedKey: LogPublicKey?) -> [ReceivedEvent] {
        var headProblem: String?
        if let head = signedTreeHead {
            if let trustedKey {
                do { try head.verify(trusting: trustedKey) } catch { headProblem = "\(error)" }
            } else {
                headProblem = "no key is pinned for platform \(platform)"
            }
        } else if !events.isEmpty {
            headProblem = "the answer carries no signed tree head"
        }
        return events.compactMap { item in
            guard let event = Self.decode(item.body) else { return nil }
            var problem = headProblem
            if problem == nil, let head = signedTreeHead {
                let evidence = EvidenceEvent(eventID: item.eventID, hashID: item.hashID, body: item.body, proof: item.proof)
                do { try evidence.verify(against: head) } catch { problem = "\(error)" }
            }
            return ReceivedEvent(
                platform: platform, eventID: item.eventID, hashID: item.hashID, event: event,
                verification: problem.map { .failed($0) } ?? .verified)
        }
    }

    /// One stored event body read back (it is a JSON-LD event object with its own context).
    /// - Parameter body: the body as a store keeps it.
    /// - Returns: the event, or nil when it cannot be read.
    public static func decode(_ body: String) -> EPCISEvent? {
        let document = """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",\
            "schemaVersion":"2.0","creationDate":"2000-01-01T00:00:00Z","epcisBody":{"eventList":[\(body)]}}
            """
        return (try? EPCISDocumentReader().read(Data(document.utf8)))?.events.first
    }
}

/// An event another platform handed over, and whether what it handed over is what it logged.
public struct ReceivedEvent: Hashable, Sendable {
    /// How far the event is proven.
    public enum Verification: Hashable, Sendable {
        /// The signed tree head verifies with the pinned key and the event's inclusion proof leads to its root.
        case verified
        /// A plain EPCIS repository answered: nothing signs it.
        case unsigned
        /// The evidence does not verify; why.
        case failed(String)
    }

    /// The platform it came from.
    public var platform: String
    /// Its ID there.
    public var eventID: String
    /// Its GS1 event hash.
    public var hashID: String
    /// The event.
    public var event: EPCISEvent
    /// Verified, unsigned, or failed.
    public var verification: Verification

    /// Makes one.
    public init(platform: String, eventID: String, hashID: String, event: EPCISEvent, verification: Verification) {
        self.platform = platform
        self.eventID = eventID
        self.hashID = hashID
        self.event = event
        self.verification = verification
    }
}
