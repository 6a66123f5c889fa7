import EPCIS
import Federation
import Foundation
import Hummingbird
import Storage
import TraceEngine
import Web

extension FederationController {
    /// `POST /federation/story`: what this platform's consumer page of a code is read from, for a peer whose
    /// resolver a consumer scanned the code on: the events of the code's backward chain with their proofs, the master
    /// data that names what they name, and the recalls that reached the code or its lot. It is what anyone reads on
    /// this platform's public page of the code, and the events that page is built from; nothing beyond the chain.
    func story(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .peer, to: "read a consumer story")
        let asked: StoryRequest = try await Self.decode(request, context)
        let key = IdentifierURI(asked.key).canonicalKey
        guard directory.home(of: key) == directory.selfID else {
            throw Problem.notFound("\(key) is not homed on platform \(directory.selfID)")
        }
        let trace = try await TraceEngine(source: platform.store).back(from: key, budget: ConsumerStory.budget)
        let chain = Set(trace.facts.suffix(ConsumerStory.fullEventLimit).map(\.id))
        var keys = Set(trace.identifiers)
        keys.insert(key)
        let evidence = try await platform.store.evidence(
            touching: keys, limit: platform.configuration.federation.evidenceLimit)
        let answer = EvidenceAnswer(platform: directory.selfID, evidence: evidence) { chain.contains($0.eventID) }
        let lot = ResolverController<Store>.lotKey(of: key)
        let recalls = try await ResolverController<Store>.recalls(reaching: key, lot: lot, in: platform.store).map {
            StoryAnswer.Recall(id: $0.id, reason: $0.reason, issuedAt: $0.issuedAt)
        }
        platform.metrics.count("federation_story_requests", "consumer stories answered for peers")
        let story = StoryAnswer(
            evidence: answer, masterData: try await masterData(naming: trace, key: key), recalls: recalls)
        // Dates as the federation API writes them (milliseconds), for the peer's client to read.
        return Responses.bytes(try PeerClient.encoder.encode(story), contentType: "application/json")
    }

    /// The parties, places and product classes a chain names, as vocabularies.
    private func masterData(naming trace: TraceResult, key: String) async throws -> [Vocabulary] {
        var named = Set(trace.identifiers + trace.parties + trace.locations + trace.origins + [key])
        for fact in trace.facts {
            for place in [fact.bizLocation, fact.sourceParty, fact.sourceLocation, fact.destinationParty,
                fact.destinationLocation]
            {
                if let place { named.insert(IdentifierURI(place).canonicalKey) }
            }
        }
        for identifier in Array(named) {
            let parts = DigitalLinkKey(identifier)
            if let gtin = parts.value("01") {
                named.insert("https://id.gs1.org/01/\(gtin)")
                if let lot = parts.value("10") { named.insert("https://id.gs1.org/01/\(gtin)/10/\(lot)") }
            }
        }
        var vocabularies: [Vocabulary] = []
        for type in [PartyRegistryView.locationType, PartyRegistryView.partyType, PartyRegistryView.productType] {
            let elements = try await platform.store.vocabularyElements(type: type).filter {
                named.contains(IdentifierURI($0.id).canonicalKey)
            }
            if type == PartyRegistryView.locationType {
                // A place's owner is the party the journey names for what happened there.
                for element in elements {
                    if let owner = PartyRegistryView.value(element, PartyRegistry.namespace + "owner") {
                        named.insert(IdentifierURI(owner).canonicalKey)
                    }
                }
            }
            if !elements.isEmpty { vocabularies.append(Vocabulary(type: type, elements: elements)) }
        }
        return vocabularies
    }
}
