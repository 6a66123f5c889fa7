/// The kinds of anomaly the generator injects, named as the Reconciler reports them.
public enum DemoAnomalyKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// A receipt whose quantity differs from the shipment beyond tolerance.
    case quantityMismatch
    /// A shipment that is never received.
    case notReceived
    /// Goods received with no shipment behind them, from a party nobody registered.
    case unknownSource
    /// A suspended, revoked or blacklisted party ships, receives or produces.
    case unlicensedParty
    /// A party sells more of a lot than it holds.
    case negativeBalance
    /// The same serialised item sold or dispensed twice, or seen in two places it cannot be in at once (at
    /// another site after it was sold or dispensed, or at two sites too close in time to travel between).
    case clone
    /// An item seen again after it was destroyed.
    case decommissionedSeen
}

/// One injected anomaly: the ground truth a reconciliation must find.
public struct DemoAnomaly: Hashable, Sendable, Codable {
    /// What kind of anomaly.
    public var kind: DemoAnomalyKind
    /// The identifier the finding is about, as an EPC URN (a party's PGLN for `unlicensedParty`).
    public var identifier: String
    /// The parties involved (PGLN URNs).
    public var parties: [String]
    /// The events that show it (their eventIDs).
    public var events: [String]

    /// Makes an anomaly record.
    public init(kind: DemoAnomalyKind, identifier: String, parties: [String], events: [String]) {
        self.kind = kind
        self.identifier = identifier
        self.parties = parties
        self.events = events
    }
}
