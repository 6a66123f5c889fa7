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
    /// Sector chains (``SectorDemo``): a product made from an animal before its drug's withdrawal period ended.
    case withdrawalPeriod
    /// A product harvested from a sprayed field before the pesticide's pre-harvest interval ended.
    case preHarvestInterval
    /// An elevator not maintained within 15 days.
    case maintenanceOverdue
    /// An asset past its inspection date.
    case inspectionOverdue
    /// A cylinder filled after its inspection expired or after it was scrapped.
    case unsafeFill
    /// A hazardous chemical count that does not match receipts minus issues.
    case storageImbalance
    /// A hazardous chemical delivered to a party without the licence.
    case unlicensedReceiver
    /// A rare earth producer above its annual quota.
    case quotaExceeded
    /// A rare earth separation with more output than its ore holds.
    case separationImbalance
    /// A cold-chain lot outside its temperature range.
    case temperatureExcursion

    /// The kinds the four food and drug chains inject (``DemoGenerator``).
    public static let foodAndDrug: [DemoAnomalyKind] = [
        .quantityMismatch, .notReceived, .unknownSource, .unlicensedParty, .negativeBalance, .clone, .decommissionedSeen,
    ]
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
