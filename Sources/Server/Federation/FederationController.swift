import EPCIS
import Federation
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import Storage
import TraceEngine
import Transparency

/// The federation API (docs/decisions/0013-federation.md): who this platform is, the directory it knows, the
/// evidence it gives a peer's trace, and the recalls and acknowledgements peers relay to it.
struct FederationController<Store: PlatformStore> {
    let platform: Platform<Store>

    var directory: PlatformDirectory { platform.directory }

    func register(on router: Router<AppRequestContext>) {
        router.get("federation/platform") { _, _ in try Responses.json(identity) }
        router.get(".well-known/gs1resolver") { _, _ in try Responses.json(resolverDescription) }
        router.get("federation/directory") { _, _ in try Responses.json(directoryDocument) }
        router.post("federation/events") { request, context in try await evidence(request, context) }
        router.post("federation/story") { request, context in try await story(request, context) }
        router.post("federation/recalls") { request, context in try await relayedRecall(request, context) }
        router.post("federation/recalls/{id}/acknowledgements") { request, context in
            try await relayedAcknowledgement(request, context)
        }
    }

    /// One platform as the directory lists it.
    struct PlatformEntry: Codable {
        var id: String
        var url: String
        var publicKey: String?
        var prefixes: [String]
        var kind: String
    }

    var identity: PlatformEntry {
        PlatformEntry(
            id: directory.selfID, url: platform.configuration.baseURL, publicKey: platform.store.ledgerPublicKey.hex,
            prefixes: directory.ownPrefixes, kind: "suyuan")
    }

    /// The GS1-Conformant Resolver description (`/.well-known/gs1resolver`, Resolver 1.2 description-file schema):
    /// the resolver's root, the primary keys it answers, the link types it serves, and that a client may ask for
    /// the whole linkset; plus, as an extension member, this platform's place in the federation.
    struct ResolverDescription: Encodable {
        struct LinkTypeNamespace: Encodable {
            var namespace: String
            var prefix: String
        }

        var name: String
        var resolverRoot: String
        var supportedPrimaryKeys: [String]
        var supportedLinkType: [LinkTypeNamespace]
        var linkTypeDefaultCanBeLinkset: Bool
        /// Extension: the federation this resolver belongs to (its directory, its platform description).
        var federation: [String: String]
    }

    var resolverDescription: ResolverDescription {
        ResolverDescription(
            name: "Suyuan platform \(directory.selfID)", resolverRoot: platform.configuration.baseURL,
            supportedPrimaryKeys: ["01", "00", "414", "417", "8003", "8004", "253", "255", "401", "402"],
            supportedLinkType: [ResolverDescription.LinkTypeNamespace(namespace: "https://gs1.org/voc/", prefix: "gs1:")],
            linkTypeDefaultCanBeLinkset: true,
            federation: [
                "platform": directory.selfID, "description": platform.configuration.baseURL + "/federation/platform",
                "directory": platform.configuration.baseURL + "/federation/directory",
            ])
    }

    /// `GET /federation/directory`: this platform and every peer it knows, without the keys it calls them with.
    var directoryDocument: [String: [PlatformEntry]] {
        ["platforms": [identity] + directory.peers.values.sorted { $0.id < $1.id }.map {
            PlatformEntry(id: $0.id, url: $0.url, publicKey: $0.publicKey?.hex, prefixes: $0.prefixes, kind: $0.kind.rawValue)
        }]
    }

    /// `POST /federation/events`: the events that name some keys, with their proofs, as far as the caller may read
    /// them. A peer reads what crossed to or from its platform: the events that name a party or place homed there,
    /// and the other events about the identifiers those events name; on a regulator's behalf, everything, when this
    /// platform trusts that peer's regulators.
    func evidence(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .peer, to: "read evidence")
        let asked: EvidenceRequest = try await Self.decode(request, context)
        guard asked.keys.count <= 10_000 else {
            throw Problem.badParameter("keys: at most 10,000 a request (got \(asked.keys.count))")
        }
        let keys = Set(asked.keys.map { IdentifierURI($0).canonicalKey })
        let evidence = try await platform.store.evidence(touching: keys, limit: platform.configuration.federation.evidenceLimit)
        let principal = context.principal
        var everything = principal.seesEverything
        if principal.role == .peer, let peer = principal.peer, asked.onBehalfOf == "regulator",
            directory.peers[peer]?.trustsRegulators == true
        {
            everything = true
        }
        var keep = Set(evidence.events.map(\.eventID))
        if !everything, let peer = principal.peer {
            let visibility = try await platform.visibility()
            let events = evidence.events.map { ($0.eventID, EvidenceAnswer.decode($0.body)) }
            var crossedKeys = Set<String>()
            var crossing = Set<String>()
            for (id, event) in events {
                guard let event, visibility.crosses(event, peer: peer) else { continue }
                crossing.insert(id)
                crossedKeys.formUnion(TraceEvent(event).objectKeys.intersection(keys))
            }
            keep = Set(events.compactMap { id, event in
                guard let event else { return nil }
                return crossing.contains(id) || !TraceEvent(event).objectKeys.isDisjoint(with: crossedKeys) ? id : nil
            })
        }
        platform.metrics.count("federation_evidence_requests", "evidence requests answered for peers")
        return try Responses.json(EvidenceAnswer(platform: directory.selfID, evidence: evidence) { keep.contains($0.eventID) })
    }

    /// `POST /federation/recalls`: a recall issued on the calling platform for holders homed here. Recorded once as
    /// a copy (a second relay of the same recall is answered 200 and changes nothing) and its holders notified.
    func relayedRecall(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .peer, to: "relay a recall")
        let relayed: RelayedRecall = try await Self.decode(request, context)
        guard relayed.origin == context.principal.peer else {
            throw Problem.forbidden("a peer relays only the recalls of its own platform (\(context.principal.peer ?? ""))")
        }
        if try await platform.store.recall(id: relayed.id) != nil {
            return try Responses.json(["id": relayed.id, "state": "known"])
        }
        let record = try await platform.store.record(relayed.copy)
        let notices = RecallIssuer.notices(for: record)
        if !notices.events.isEmpty {
            _ = try await platform.store.capture(notices, locations: nil, context: CaptureContext())
        }
        platform.captured.signal()
        await platform.consumer.invalidate()
        platform.metrics.count("federation_recalls_received", "recalls relayed here by peers")
        return try Responses.json(["id": record.id, "state": "recorded"], status: .created)
    }

    /// `POST /federation/recalls/{id}/acknowledgements`: a holder's answer, relayed by the platform it is homed on.
    func relayedAcknowledgement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .peer, to: "relay an acknowledgement")
        let id = try context.parameters.require("id")
        let answer: RelayedAcknowledgement = try await Self.decode(request, context)
        guard let recall = try await platform.store.recall(id: id), recall.origin == nil else {
            throw Problem.notFound("no recall \(id) was issued here")
        }
        guard recall.holders.contains(where: { $0.party == answer.party && $0.platform == context.principal.peer }) else {
            throw Problem.forbidden(
                "recall \(id) has no holder \(answer.party) homed on platform \(context.principal.peer ?? "")")
        }
        let updated = try await platform.store.acknowledge(
            recallID: id, party: answer.party, RecallAcknowledgement(by: answer.by, at: answer.at, note: answer.note))
        platform.metrics.count("recall_acknowledgements", "recall acknowledgements recorded")
        return try Responses.json(TraceJSON.dto(updated))
    }

    static func decode<T: Decodable>(_ request: Request, _ context: AppRequestContext) async throws -> T {
        let tooLarge = Problem.bodyTooLarge(limit: 16 << 20, rule: "federation request bodies are at most 16 MiB")
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 16 << 20)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        do {
            return try PeerClient.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw Problem.invalid("the body is not a \(T.self) as the federation API defines it: \(error)")
        }
    }
}
