public import EPCIS
public import Foundation
public import Transparency

/// What a platform asks the home platform of a code for when a consumer scans that code on it
/// (`POST /federation/story`): the data the home platform's own consumer page is built from.
public struct StoryRequest: Hashable, Sendable, Codable {
    /// The code's canonical key.
    public var key: String

    /// Makes a request.
    public init(key: String) { self.key = key }
}

/// The home platform's answer to ``StoryRequest``: the events of the code's backward chain with their inclusion
/// proofs (as ``EvidenceAnswer``), the master data that names its products, parties and places (an EPCIS 2.0
/// document holding only `epcisMasterData`), and the recalls that reached the code or its lot. It reveals what the
/// home platform's public consumer page of the code shows, and the events that page is read from
/// (docs/decisions/0013-federation.md, "One-stop public query").
public struct StoryAnswer: Hashable, Sendable, Codable {
    /// A recall as the consumer page shows it.
    public struct Recall: Hashable, Sendable, Codable {
        public var id: String
        public var reason: String
        public var issuedAt: Date

        /// Makes one.
        public init(id: String, reason: String, issuedAt: Date) {
            self.id = id
            self.reason = reason
            self.issuedAt = issuedAt
        }
    }

    /// The chain's events with their proofs.
    public var evidence: EvidenceAnswer
    /// An EPCIS 2.0 JSON-LD document whose header holds the master data; no events.
    public var masterData: String
    /// The recalls that reached the code or its lot on the home platform.
    public var recalls: [Recall]

    /// Makes an answer.
    /// - Parameters:
    ///   - evidence: the chain's events with their proofs.
    ///   - masterData: the vocabularies that name them.
    ///   - recalls: the recalls that reached the code.
    public init(evidence: EvidenceAnswer, masterData: [Vocabulary], recalls: [Recall]) {
        self.evidence = evidence
        var document = EPCISDocument()
        document.creationDate = EPCISDateTime(Date())
        document.masterData = masterData
        self.masterData = String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self)
        self.recalls = recalls
    }

    /// The story read and checked offline against the key pinned for the home platform.
    /// - Parameter trustedKey: the home platform's pinned key (nil: nothing verifies).
    /// - Returns: the events, the master data, and whether every event verified.
    /// - Throws: ``FederationError`` `.invalidAnswer` when the master data does not read as EPCIS.
    public func read(trusting trustedKey: LogPublicKey?) throws(FederationError)
        -> (events: [ReceivedEvent], masterData: [Vocabulary], verified: Bool)
    {
        let received = evidence.read(trusting: trustedKey)
        let document: EPCISDocument
        do {
            document = try EPCISDocumentReader().read(Data(masterData.utf8))
        } catch {
            throw FederationError(.invalidAnswer, "platform \(evidence.platform): the story's master data: \(error)")
        }
        let verified = received.count == evidence.events.count
            && received.allSatisfy { $0.verification == .verified }
        return (received, document.masterData, verified)
    }
}
