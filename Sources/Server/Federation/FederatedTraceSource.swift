import EPCIS
import Federation
import Foundation
import Synchronization
import TraceEngine

/// The event graph of the whole federation as one ``TraceEngine/TraceGraphSource``: each frontier is looked up in
/// this platform's store, and the keys that lead elsewhere are asked of the platforms they lead to, in one batch
/// per platform, until no new platform is named (docs/decisions/0013-federation.md).
///
/// A key leads to a platform when the platform is the key's home (its company prefix), or when an event that names
/// the key names a party or location homed there (a shipment to a market in another province). A peer that does
/// not answer in time is left out and named in ``report``: the trace is then partial, never an error.
final class FederatedTraceSource<Local: TraceGraphSource>: TraceGraphSource {
    let local: Local
    let peers: PeerClient
    let directory: PlatformDirectory
    /// `regulator` when the trace is a regulator's.
    let onBehalfOf: String?
    private let state = Mutex(State())

    private struct State {
        var asked: [String: Set<String>] = [:]
        var report = FederationReport()
        /// Whether the first frontier (the trace's root) was looked up.
        var started = false
    }

    init(local: Local, peers: PeerClient, onBehalfOf: String?) {
        self.local = local
        self.peers = peers
        directory = peers.directory
        self.onBehalfOf = onBehalfOf
    }

    /// Which platforms answered with how much, and which did not answer.
    var report: FederationReport { state.withLock { $0.report } }

    func events(touching keys: Set<String>) async throws -> [TraceEvent] {
        var all = try await local.events(touching: keys)
        let selfID = directory.selfID
        state.withLock { $0.report.add(selfID, count: all.count, verified: all.count, unsigned: 0, failed: 0) }
        var seen = Set(all.map(\.id))
        var pending = route(keys, through: all)
        // The root is asked of every Suyuan peer once: a regulator may start anywhere (the one-stop query), and the
        // platform that holds a product's events is not always the one its company prefix names.
        let isRoot = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        if isRoot {
            let broadcast = state.withLock { state -> [String: Set<String>] in
                var extra: [String: Set<String>] = [:]
                for peer in directory.peers.values where peer.kind == .suyuan {
                    let new = keys.subtracting(state.asked[peer.id] ?? [])
                    guard !new.isEmpty else { continue }
                    state.asked[peer.id, default: []].formUnion(new)
                    extra[peer.id] = new
                }
                return extra
            }
            pending.merge(broadcast) { $0.union($1) }
        }
        while !pending.isEmpty {
            let answers = await withTaskGroup(of: (String, Result<[ReceivedEvent], FederationError>).self) { group in
                for (platform, asked) in pending {
                    guard let peer = directory.peers[platform] else { continue }
                    group.addTask {
                        do throws(FederationError) {
                            let received = try await self.peers.events(
                                from: peer, touching: asked, onBehalfOf: self.onBehalfOf)
                            return (platform, .success(received))
                        } catch {
                            return (platform, .failure(error))
                        }
                    }
                }
                var answers: [(String, Result<[ReceivedEvent], FederationError>)] = []
                for await answer in group { answers.append(answer) }
                return answers
            }
            var fresh: [TraceEvent] = []
            for (platform, result) in answers {
                switch result {
                case .success(let received):
                    var verified = 0
                    var unsigned = 0
                    var failed = 0
                    for item in received {
                        switch item.verification {
                        case .verified: verified += 1
                        case .unsigned: unsigned += 1
                        case .failed: failed += 1
                        }
                        let event = TraceEvent(item.event, fallbackID: item.hashID)
                        if seen.insert(event.id).inserted { fresh.append(event) }
                    }
                    state.withLock {
                        $0.report.add(platform, count: received.count, verified: verified, unsigned: unsigned, failed: failed)
                    }
                case .failure(let error):
                    state.withLock { $0.report.unreachable[platform] = error.message }
                }
            }
            all += fresh
            pending = route(keys, through: fresh)
        }
        return all
    }

    /// The keys of a frontier that lead to other platforms, by platform, less what was asked already (which it
    /// marks as asked).
    private func route(_ keys: Set<String>, through events: [TraceEvent]) -> [String: Set<String>] {
        var routes: [String: Set<String>] = [:]
        for key in keys {
            if let home = directory.foreignHome(of: key) { routes[home, default: []].insert(key) }
        }
        for event in events {
            let touched = event.objectKeys.intersection(keys)
            guard !touched.isEmpty else { continue }
            let places = [
                event.sourceParty, event.destinationParty, event.sourceLocation, event.destinationLocation,
                event.bizLocation,
            ]
            for place in places.compactMap({ $0 }) {
                if let home = directory.foreignHome(of: place) { routes[home, default: []].formUnion(touched) }
            }
        }
        return state.withLock { state in
            var pending: [String: Set<String>] = [:]
            for (platform, wanted) in routes where directory.peers[platform] != nil {
                guard state.report.unreachable[platform] == nil else { continue }
                let new = wanted.subtracting(state.asked[platform] ?? [])
                guard !new.isEmpty else { continue }
                state.asked[platform, default: []].formUnion(new)
                pending[platform] = new
            }
            return pending
        }
    }
}

/// What each platform contributed to a federated trace, and which did not answer.
struct FederationReport: Sendable {
    /// One platform's share.
    struct Share: Sendable {
        var events = 0
        var verified = 0
        var unsigned = 0
        var failed = 0
    }

    /// By platform ID.
    var shares: [String: Share] = [:]
    /// Platforms that did not answer, and why.
    var unreachable: [String: String] = [:]

    mutating func add(_ platform: String, count: Int, verified: Int, unsigned: Int, failed: Int) {
        var share = shares[platform] ?? Share()
        share.events += count
        share.verified += verified
        share.unsigned += unsigned
        share.failed += failed
        shares[platform] = share
    }

    /// Whether a platform that should have answered did not.
    var isPartial: Bool { !unreachable.isEmpty }
}
