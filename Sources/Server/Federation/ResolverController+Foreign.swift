import EPCIS
import Federation
import Foundation
import Logging
import Storage
import TraceEngine
import Web

/// The one-stop public query (docs/decisions/0013-federation.md): a code homed on another platform is shown from
/// that platform's data, labelled with where it came from; when the home platform cannot be asked, the page shows
/// what this platform knows and says plainly that the home platform is down.
extension ResolverController {
    /// The platform a code is homed on, when it is a peer of this one.
    func foreignHome(of key: String) -> PeerPlatform? {
        platform.directory.foreignHome(of: key).flatMap { platform.directory.peers[$0] }
    }

    /// The consumer page's content for a code homed on a peer, read from that peer now (a recall there shows on
    /// the next scan here, so nothing of it is cached).
    func foreignEntry(
        key: String, lot: String?, home: PeerPlatform, context: ConsumerPageModel.Context
    ) async throws -> ConsumerCache.Entry {
        var context = context
        let local = try await Self.recalls(reaching: key, lot: lot, in: platform.store)
        do {
            var recalls = local
            let events: [ReceivedEvent]
            var masterData: [Vocabulary] = []
            switch home.kind {
            case .suyuan:
                let answer: StoryAnswer = try await platform.peers.post(home, "/federation/story", StoryRequest(key: key))
                let read = try answer.read(trusting: try await platform.peers.publicKey(of: home))
                events = read.events
                masterData = read.masterData
                for recall in answer.recalls where !recalls.contains(where: { $0.id == recall.id }) {
                    recalls.append(ConsumerPageModel.Recall(id: recall.id, reason: recall.reason, issuedAt: recall.issuedAt))
                }
                context.source = ConsumerPageModel.Source(
                    platform: home.id, verified: read.verified, empty: read.events.isEmpty)
            case .epcis:
                let keys = Set([key] + (lot.map { [$0] } ?? []))
                events = try await platform.peers.events(from: home, touching: keys, onBehalfOf: nil)
                context.source = ConsumerPageModel.Source(platform: home.id, verified: false, empty: events.isEmpty)
            }
            platform.metrics.count("consumer_foreign_pages", "consumer pages read from a code's home platform")
            let story = try await Self.story(key: key, events: events, masterData: masterData)
            return ConsumerCache.Entry(story: story, recalls: recalls, context: context)
        } catch let error as FederationError {
            platform.logger.warning(
                "consumer page: the home platform of \(key) did not answer", metadata: [
                    "platform": .string(home.id), "error": .string(error.message),
                ])
            platform.metrics.count("consumer_foreign_unreachable", "consumer pages whose home platform did not answer")
            context.homeUnreachable = home.id
            let story = try await ConsumerStory.read(
                key: key, from: platform.store, names: try await platform.names.names(),
                sectorRules: try await platform.sectorRules.value(),
                sprayedFields: try await platform.sprayedFields.value())
            return ConsumerCache.Entry(story: story, recalls: local, context: context)
        }
    }

    /// A story read from another platform's events and master data, held in memory for this page.
    static func story(key: String, events: [ReceivedEvent], masterData: [Vocabulary]) async throws -> ConsumerStory {
        var byID: [String: EPCISEvent] = [:]
        var facts: [TraceEvent] = []
        var keys: [String: String] = [:]
        for received in events where byID[received.eventID] == nil {
            byID[received.eventID] = received.event
            var fact = TraceEvent(received.event, fallbackID: received.eventID, keys: &keys)
            fact.id = received.eventID
            facts.append(fact)
        }
        let vocabulary = InMemoryEventStore()
        var document = EPCISDocument()
        document.masterData = masterData
        _ = try await vocabulary.capture(document, context: CaptureContext())
        return try await ConsumerStory.read(
            key: key, source: InMemoryTraceGraphSource(facts), names: try await Names.load(vocabulary)
        ) { byID[$0] }
    }
}
