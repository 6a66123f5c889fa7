import EPCIS
import Federation
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Carries what must cross to other platforms, until each peer has acknowledged it (docs/decisions/0013):
///
/// - **Events that cross**: every event of this platform's own places that names a party or location homed on a
///   peer (a shipment to a market in another province, a receipt from a slaughterhouse there) is pushed to that
///   peer's `POST /capture` — GDST's advance notice — so that both sides reconcile the same shipment. Each peer has a
///   cursor in the store that moves only after the peer's 202; after a restart of either side the pusher goes on from
///   it, and an event the peer already holds is recognised there as a duplicate.
/// - **Recalls**: the holders of a recall issued here who are homed elsewhere are relayed to their platform, which
///   notifies them; their acknowledgements come back the same way. Rows are marked relayed once acknowledged.
///
/// It sleeps until something is captured, a recall is issued or acknowledged, or a failed peer is due again: with
/// nothing to send it is idle. A peer that fails is tried again after 1 s, 2 s, 4 s … up to 5 minutes.
struct FederationService<Store: PlatformStore>: Service {
    let platform: Platform<Store>
    /// Events read per page while scanning for what crosses.
    var pageSize = 1_000

    var directory: PlatformDirectory { platform.directory }

    func run() async throws {
        guard directory.isFederated else {
            try? await gracefulShutdown()
            return
        }
        var retries: [String: RetrySchedule] = [:]
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = platform.captured.generation
            let next = await round(&retries)
            try? await cancelWhenGracefulShutdown { await platform.captured.wait(after: seen, until: next) }
        }
    }

    /// One pass: push to every peer that is due, relay every recall row that waits.
    /// - Returns: when the next pass is due without a signal (a failed peer's next try).
    func round(_ retries: inout [String: RetrySchedule]) async -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        var failed: Set<String> = []
        for peer in directory.peers.values.sorted(by: { $0.id < $1.id }) where retries[peer.id, default: RetrySchedule()].isDue(at: now) {
            do throws(FederationError) {
                try await push(to: peer)
            } catch {
                failed.insert(peer.id)
                platform.logger.warning(
                    "events for a peer wait", metadata: ["peer": "\(peer.id)", "error": "\(error.message)"])
            }
        }
        do {
            failed.formUnion(try await relayRecalls(skipping: failed, retries: retries, now: now))
        } catch {
            platform.logger.error("recalls cannot be relayed", metadata: ["error": "\(error)"])
        }
        for peer in directory.peers.keys {
            if failed.contains(peer) {
                retries[peer, default: RetrySchedule()].failed(at: now)
                platform.metrics.count("federation_failures", "deliveries to peers that failed")
            } else if retries[peer, default: RetrySchedule()].isDue(at: now) {
                retries[peer] = RetrySchedule()
            }
        }
        return retries.values.compactMap(\.notBefore).min()
    }

    /// Pushes the events that cross to `peer`, from its cursor on.
    func push(to peer: PeerPlatform) async throws(FederationError) {
        let store = platform.store
        var cursor: SubscriptionCursor?
        do { cursor = try await store.pushCursor(peer: peer.id) } catch {
            throw FederationError(.unreachable, "the store cannot read the push cursor: \(error.message)")
        }
        let visibility: Visibility
        do { visibility = try await platform.visibility() } catch {
            throw FederationError(.unreachable, "the party registry cannot be read: \(error)")
        }
        while !Task.isCancelled {
            let scanned: [StoredEvent]
            do {
                scanned = try await scan(after: cursor)
            } catch {
                throw FederationError(.unreachable, "the store cannot be read: \(error)")
            }
            guard !scanned.isEmpty else { return }
            let crossing = scanned.filter { isOwn($0.event) && visibility.crosses($0.event, peer: peer.id) }
            if !crossing.isEmpty {
                var document = EPCISDocument(kind: .document, events: crossing.map(\.event))
                document.creationDate = EPCISDateTime(Date())
                let body = JSONDocumentEncoder().encode(document)
                try await platform.peers.post(
                    peer, "/capture", body: body, contentType: "application/ld+json",
                    headers: [("GS1-Capture-Error-Behaviour", "proceed")])
                platform.metrics.count("federation_events_pushed", "events pushed to peers", by: crossing.count)
            }
            cursor = SubscriptionFeed<Store>.advance(cursor, past: scanned)
            if let cursor {
                do { try await store.advancePushCursor(peer: peer.id, to: cursor) } catch {
                    throw FederationError(.unreachable, "the store cannot move the push cursor: \(error.message)")
                }
            }
        }
    }

    /// Whether an event is this platform's own: it happened at a place homed here, or, with no place, a source is.
    func isOwn(_ event: EPCISEvent) -> Bool {
        let places = [event.bizLocation?.id, event.readPoint?.id].compactMap { $0?.text }
        let homes = places.compactMap { directory.home(of: $0) }
        if !homes.isEmpty { return homes.contains(directory.selfID) }
        return event.sourceList.contains { directory.home(of: $0.id.text) == directory.selfID }
    }

    /// The next events after a cursor, in record-time order, without those it says were delivered.
    func scan(after cursor: SubscriptionCursor?) async throws -> [StoredEvent] {
        var parameters: [(String, String)] = [("orderBy", "recordTime"), ("orderDirection", "ASC")]
        if let cursor { parameters.append(("GE_recordTime", EPCISDateTime(cursor.recordTime).utcMillisecondText)) }
        let query = try EPCISQuery(parameters: parameters)
        let delivered = Set(cursor?.deliveredIDs ?? [])
        var token: String?
        repeat {
            let page = try await platform.store.events(matching: query, page: PageRequest(size: pageSize, token: token))
            let fresh = page.events.filter { !delivered.contains($0.id) }
            if !fresh.isEmpty { return fresh }
            token = page.nextPageToken
        } while token != nil
        return []
    }

    /// Relays every recall row that waits, except to peers that failed this round or are not due.
    /// - Returns: the peers that failed now.
    func relayRecalls(skipping skipped: Set<String>, retries: [String: RetrySchedule], now: ContinuousClock.Instant)
        async throws -> Set<String>
    {
        var failed: Set<String> = []
        for recall in try await platform.store.recallsToRelay(limit: 100) {
            var rowsByPeer: [String: [Int]] = [:]
            for row in recall.rowsToRelay {
                guard let peer = recall.origin ?? recall.holders[row].platform else { continue }
                rowsByPeer[peer, default: []].append(row)
            }
            for (peerID, rows) in rowsByPeer.sorted(by: { $0.key < $1.key }) {
                guard let peer = directory.peers[peerID], !skipped.contains(peerID), !failed.contains(peerID),
                    retries[peerID, default: RetrySchedule()].isDue(at: now)
                else { continue }
                do {
                    if recall.origin == nil {
                        let _: [String: String] = try await platform.peers.post(
                            peer, "/federation/recalls", RelayedRecall(recall, rows: rows, origin: directory.selfID))
                    } else {
                        for row in rows {
                            guard let party = recall.holders[row].party, let answer = recall.holders[row].acknowledgement
                            else { continue }
                            let acknowledgement = RelayedAcknowledgement(
                                party: party, by: answer.by, at: answer.at, note: answer.note)
                            let _: TraceJSON.RecallDTO = try await platform.peers.post(
                                peer, "/federation/recalls/\(PathEncoding.segment(recall.id))/acknowledgements",
                                acknowledgement)
                        }
                    }
                    try await platform.store.markRelayed(recallID: recall.id, positions: rows, at: Date())
                    platform.metrics.count("federation_recall_rows_relayed", "recall rows relayed", by: rows.count)
                } catch {
                    failed.insert(peerID)
                    platform.logger.warning(
                        "a recall waits to be relayed",
                        metadata: ["recall": "\(recall.id)", "peer": "\(peerID)", "error": "\(error)"])
                }
            }
        }
        return failed
    }
}
