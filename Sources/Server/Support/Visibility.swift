import EPCIS
import Federation
import Foundation
import TraceEngine

/// Who may see and capture which events (ARCHITECTURE "Visibility"): a party sees its own events (at its locations)
/// and those where it is a source or destination, one step back and one step forward; a party captures only at its
/// own locations or as a source. Regulators and admins see everything. A peer platform sees the events that name a
/// party or location homed on it, and it captures only events of its own places or parties (what it pushes).
struct Visibility: Sendable {
    /// Locations by owning party (canonical keys), from the master data.
    let locationsByParty: [String: Set<String>]
    /// Which platform is home to which identifiers, for peer keys.
    let directory: PlatformDirectory

    init(registry: PartyRegistry, directory: PlatformDirectory = .alone()) {
        var locations: [String: Set<String>] = [:]
        for (location, owner) in registry.locationOwners { locations[owner, default: []].insert(location) }
        locationsByParty = locations
        self.directory = directory
    }

    /// Whether an event names a party or location homed on a peer platform: as source, destination, or the place
    /// where it happened. What crossed to or from that platform.
    func crosses(_ event: EPCISEvent, peer: String) -> Bool {
        let named = [event.bizLocation?.id, event.readPoint?.id].compactMap { $0?.text }
            + (event.sourceList + event.destinationList).map(\.id.text)
        return named.contains { directory.home(of: $0) == peer }
    }

    /// Whether an event is of a peer's own: at a place homed there, or with a source homed there.
    func isOwnEvent(_ event: EPCISEvent, peer: String) -> Bool {
        let places = [event.bizLocation?.id, event.readPoint?.id].compactMap { $0?.text } + event.sourceList.map(\.id.text)
        return places.contains { directory.home(of: $0) == peer }
    }

    /// Whether an event is at one of the party's locations (bizLocation or readPoint).
    func isAtOwnLocation(_ event: EPCISEvent, party: String) -> Bool {
        let own = locationsByParty[party] ?? []
        return [event.bizLocation?.id, event.readPoint?.id].contains { $0.map { own.contains($0.canonicalKey) } ?? false }
    }

    /// Whether the party is named among the event's sources (a party, or one of its locations).
    func isSource(_ event: EPCISEvent, party: String) -> Bool {
        names(event.sourceList, party: party)
    }

    /// Whether a party may read an event.
    func canRead(_ event: EPCISEvent, principal: Principal) -> Bool {
        if principal.seesEverything { return true }
        if principal.role == .peer, let peer = principal.peer { return crosses(event, peer: peer) }
        guard let party = principal.party else { return false }
        return isAtOwnLocation(event, party: party) || isSource(event, party: party)
            || names(event.destinationList, party: party)
    }

    /// Whether a party may capture an event: at its own locations or as a source.
    func canCapture(_ event: EPCISEvent, principal: Principal) -> Bool {
        if principal.role == .admin || principal.role == .regulator { return true }
        if principal.role == .peer, let peer = principal.peer { return isOwnEvent(event, peer: peer) }
        guard let party = principal.party else { return false }
        return isAtOwnLocation(event, party: party) || isSource(event, party: party)
    }

    private func names(_ list: [SourceDestination], party: String) -> Bool {
        let own = locationsByParty[party] ?? []
        return list.contains { entry in
            let key = entry.id.canonicalKey
            return key == party || own.contains(key)
        }
    }
}

/// A value read from the store at most once per lifetime (every request of a party key needs the registry, every page
/// the display names; both change rarely). ``invalidate()`` after a change made through the server.
actor TimedCache<Value: Sendable> {
    private let load: @Sendable () async throws -> Value
    private var cached: (value: Value, at: ContinuousClock.Instant)?
    /// The load under way, which every caller that finds the value expired waits for (one load, not one each).
    private var loading: Task<Value, any Error>?
    /// Counts invalidations: a load that began before one is handed out but not kept.
    private var generation = 0
    private let lifetime: Duration

    init(lifetime: Duration, load: @escaping @Sendable () async throws -> Value) {
        self.load = load
        self.lifetime = lifetime
    }

    func value() async throws -> Value {
        if let cached, ContinuousClock.now - cached.at < lifetime { return cached.value }
        if let loading { return try await loading.value }
        let started = generation
        let load = self.load
        let task = Task { try await load() }
        loading = task
        defer { if generation == started { loading = nil } }
        let value = try await task.value
        if generation == started { cached = (value, ContinuousClock.now) }
        return value
    }

    func invalidate() {
        cached = nil
        loading = nil
        generation += 1
    }
}

extension TimedCache where Value == PartyRegistry {
    /// The registry cached for a few seconds.
    func registry() async throws -> PartyRegistry { try await value() }

    /// Who may see what, from the cached registry and this platform's directory.
    func visibility(directory: PlatformDirectory) async throws -> Visibility {
        Visibility(registry: try await value(), directory: directory)
    }
}
