import EPCIS
import Foundation
import TraceEngine

/// Who may see and capture which events (ARCHITECTURE "Visibility"): a party sees its own events (at its locations)
/// and those where it is a source or destination, one step back and one step forward; a party captures only at its
/// own locations or as a source. Regulators and admins see everything.
struct Visibility: Sendable {
    /// Locations by owning party (canonical keys), from the master data.
    let locationsByParty: [String: Set<String>]

    init(registry: PartyRegistry) {
        var locations: [String: Set<String>] = [:]
        for (location, owner) in registry.locationOwners { locations[owner, default: []].insert(location) }
        locationsByParty = locations
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
        guard let party = principal.party else { return false }
        return isAtOwnLocation(event, party: party) || isSource(event, party: party)
            || names(event.destinationList, party: party)
    }

    /// Whether a party may capture an event: at its own locations or as a source.
    func canCapture(_ event: EPCISEvent, principal: Principal) -> Bool {
        if principal.role == .admin || principal.role == .regulator { return true }
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
    private let lifetime: Duration

    init(lifetime: Duration, load: @escaping @Sendable () async throws -> Value) {
        self.load = load
        self.lifetime = lifetime
    }

    func value() async throws -> Value {
        let now = ContinuousClock.now
        if let cached, now - cached.at < lifetime { return cached.value }
        let value = try await load()
        cached = (value, now)
        return value
    }

    func invalidate() { cached = nil }
}

extension TimedCache where Value == PartyRegistry {
    /// The registry cached for a few seconds.
    func registry() async throws -> PartyRegistry { try await value() }

    /// Who may see what, from the cached registry.
    func visibility() async throws -> Visibility { Visibility(registry: try await value()) }
}
