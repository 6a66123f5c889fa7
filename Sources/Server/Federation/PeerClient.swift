import AsyncHTTPClient
import EPCIS
import Federation
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Synchronization
import Transparency

/// Talks to the other platforms of the federation: Suyuan peers through the federation API, any EPCIS 2.0
/// repository through the standard REST binding. Every call has a deadline; a peer that does not answer in time is
/// `.unreachable`, never a wait without end.
final class PeerClient: Sendable {
    let client: HTTPClient
    let book: DirectoryBook
    let timeout: Duration
    /// The keys pinned for peers: from the peers file, or asked for once and kept.
    private let pinned: Mutex<[String: LogPublicKey]>

    init(client: HTTPClient, directory: DirectoryBook, timeout: Duration) {
        self.client = client
        book = directory
        self.timeout = timeout
        var keys: [String: LogPublicKey] = [:]
        for peer in directory.current.peers.values { if let key = peer.publicKey { keys[peer.id] = key } }
        pinned = Mutex(keys)
    }

    /// The directory now.
    var directory: PlatformDirectory { book.current }

    /// The evidence a Suyuan peer gives for some keys, read and verified; a plain EPCIS repository's events for
    /// them, unsigned.
    /// - Parameters:
    ///   - peer: the peer.
    ///   - keys: canonical identifier keys.
    ///   - onBehalfOf: `regulator` when a regulator asks.
    /// - Throws: ``FederationError`` `.unreachable`, `.refused` or `.invalidAnswer`.
    func events(from peer: PeerPlatform, touching keys: Set<String>, onBehalfOf: String?) async throws(FederationError)
        -> [ReceivedEvent]
    {
        switch peer.kind {
        case .suyuan:
            let request = EvidenceRequest(keys: keys.sorted(), onBehalfOf: onBehalfOf)
            let answer: EvidenceAnswer = try await post(peer, "/federation/events", request)
            return answer.read(trusting: try await publicKey(of: peer))
        case .epcis:
            return try await standardEvents(from: peer, touching: keys)
        }
    }

    /// The key pinned for a peer; asked for once (`GET /federation/platform`) when the peers file gave none.
    func publicKey(of peer: PeerPlatform) async throws(FederationError) -> LogPublicKey? {
        if let key = pinned.withLock({ $0[peer.id] }) { return key }
        if let key = peer.publicKey {
            // A key a hub's directory filled in after start is pinned the first time it is used.
            return pinned.withLock { keys in
                if let pinned = keys[peer.id] { return pinned }
                keys[peer.id] = key
                return key
            }
        }
        struct Identity: Decodable {
            var id: String
            var publicKey: LogPublicKey
        }
        let identity: Identity = try await get(peer, "/federation/platform")
        guard identity.id == peer.id else {
            throw FederationError(.invalidAnswer, "\(peer.url) says it is platform \(identity.id), not \(peer.id)")
        }
        return pinned.withLock { keys in
            if let key = keys[peer.id] { return key }
            keys[peer.id] = identity.publicKey
            return identity.publicKey
        }
    }

    /// `GET /events?MATCH_anyEPC=…&MATCH_anyEPCClass=…` on a plain EPCIS 2.0 repository, page by page.
    private func standardEvents(from peer: PeerPlatform, touching keys: Set<String>) async throws(FederationError)
        -> [ReceivedEvent]
    {
        let list = keys.sorted().joined(separator: ",")
        var components = URLComponents(string: peer.url + "/events")
        components?.queryItems = [
            URLQueryItem(name: "MATCH_anyEPC", value: list), URLQueryItem(name: "MATCH_anyEPCClass", value: list),
            URLQueryItem(name: "perPage", value: "1000"),
        ]
        var next = components?.url?.absoluteString
        var received: [ReceivedEvent] = []
        var pages = 0
        while let url = next, pages < 50 {
            pages += 1
            let (body, headers) = try await send(peer, .GET, url: url, body: nil, accept: "application/ld+json")
            let document: EPCISDocument
            do {
                document = try EPCISDocumentReader().read(body)
            } catch {
                throw FederationError(.invalidAnswer, "\(peer.id): the answer to GET /events is no EPCIS document")
            }
            let hasher = EventHasher(for: document)
            for event in document.events {
                let hash = hasher.hashID(for: event)
                received.append(
                    ReceivedEvent(
                        platform: peer.id, eventID: event.eventID ?? hash, hashID: hash, event: event,
                        verification: .unsigned))
            }
            next = headers.first(name: "Link").flatMap(Self.nextLink).map { $0.hasPrefix("http") ? $0 : peer.url + $0 }
        }
        return received
    }

    static func nextLink(_ header: String) -> String? {
        for part in header.split(separator: ",") where part.contains("rel=\"next\"") || part.contains("rel=next") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">") else { continue }
            return String(part[part.index(after: open)..<close])
        }
        return nil
    }

    /// POSTs JSON to a Suyuan peer and reads its JSON answer.
    func post<Body: Encodable, Answer: Decodable>(_ peer: PeerPlatform, _ path: String, _ body: Body)
        async throws(FederationError) -> Answer
    {
        let data: Data
        do { data = try Self.encoder.encode(body) } catch {
            throw FederationError(.invalidAnswer, "the request to \(peer.id) cannot be encoded")
        }
        let (answer, _) = try await send(peer, .POST, url: peer.url + path, body: data, contentType: "application/json")
        return try decode(answer, from: peer, path)
    }

    /// POSTs a body without reading an answer beyond its status.
    func post(_ peer: PeerPlatform, _ path: String, body: Data, contentType: String, headers: [(String, String)] = [])
        async throws(FederationError)
    {
        _ = try await send(peer, .POST, url: peer.url + path, body: body, contentType: contentType, extra: headers)
    }

    func get<Answer: Decodable>(_ peer: PeerPlatform, _ path: String) async throws(FederationError) -> Answer {
        let (answer, _) = try await send(peer, .GET, url: peer.url + path, body: nil)
        return try decode(answer, from: peer, path)
    }

    private func decode<Answer: Decodable>(_ data: Data, from peer: PeerPlatform, _ path: String)
        throws(FederationError) -> Answer
    {
        do {
            return try Self.decoder.decode(Answer.self, from: data)
        } catch {
            throw FederationError(.invalidAnswer, "\(peer.id) answered \(path) with JSON this platform cannot read")
        }
    }

    private func send(
        _ peer: PeerPlatform, _ method: HTTPMethod, url: String, body: Data?, contentType: String? = nil,
        accept: String = "application/json", extra: [(String, String)] = []
    ) async throws(FederationError) -> (Data, HTTPHeaders) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        if let key = peer.key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.headers.add(name: "Suyuan-Platform", value: directory.selfID)
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        let data: ByteBuffer
        do {
            let deadline = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
                + timeout.components.attoseconds / 1_000_000_000)
            response = try await client.execute(request, timeout: deadline)
            data = try await response.body.collect(upTo: 256 * 1_024 * 1_024)
        } catch {
            throw FederationError(.unreachable, "\(peer.id) (\(peer.url)) did not answer: \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            let text = String(buffer: data).prefix(300)
            throw FederationError(.refused, "\(peer.id) answered \(method) \(url) with \(response.status.code): \(text)")
        }
        return (Data(buffer: data), response.headers)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}
