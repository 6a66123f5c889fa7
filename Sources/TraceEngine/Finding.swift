public import Foundation

/// A kind of reconciliation finding.
public enum FindingKind: String, Hashable, Sendable, CaseIterable {
    /// A receipt differs from its shipment beyond the category's tolerance.
    case quantityMismatch
    /// A shipment has no receipt after the horizon.
    case notReceived
    /// A receipt has no shipment behind it.
    case unknownSource
    /// A suspended, revoked or blacklisted party shipped, received or produced.
    case unlicensedParty
    /// A party's balance of a lot went below zero.
    case negativeBalance
    /// One serialised item sold or dispensed more than once, or seen in two places it cannot be in at once.
    case clone
    /// An item seen after it was destroyed or decommissioned.
    case decommissionedSeen
    /// An animal or lot treated with a veterinary drug slaughtered or milked before the drug's withdrawal period
    /// ended, and every product made from it.
    case withdrawalPeriod
    /// A field or lot sprayed with a pesticide harvested before its pre-harvest interval ended, and every product
    /// made from it.
    case preHarvestInterval
    /// An asset (an elevator) not maintained within its interval.
    case maintenanceOverdue
    /// An asset past its inspection date.
    case inspectionOverdue
    /// A gas cylinder filled after its inspection expired or after it was scrapped.
    case unsafeFill
    /// A warehouse's count of a hazardous class differs from its receipts minus its issues.
    case storageImbalance
    /// Hazardous chemicals or explosives shipped to or received by a party without the licence for them.
    case unlicensedReceiver
    /// A rare earth producer mined or separated more tonnes in a year than its quota.
    case quotaExceeded
    /// A rare earth separation whose output mass does not match its input mass times the ore's grade.
    case separationImbalance
    /// A cold-chain lot's temperature left its product's allowed range.
    case temperatureExcursion
    /// A consumer reported a problem from the product's page (never found by reconciliation: the server adds these
    /// from its store of reports).
    case consumerReport
}

/// One thing that does not add up, with its evidence.
public struct Finding: Hashable, Sendable {
    /// What kind.
    public var kind: FindingKind
    /// The identifier concerned (a lot, an item, a container; a party for `unlicensedParty`), as captured.
    public var identifier: String
    /// The canonical key of the identifier.
    public var key: String
    /// The sending (or acting) party, when known.
    public var from: String?
    /// The receiving party, when known.
    public var to: String?
    /// The quantity expected, when figures apply.
    public var expected: Double?
    /// The quantity found.
    public var actual: Double?
    /// The unit of the figures.
    public var uom: String?
    /// The IDs of the events that show it.
    public var events: [String]
    /// What a person said of it (a consumer's report: the kind of problem, the text, a phone number).
    public var note: String?
    /// When it happened: the time of its latest evidence event (to the second), or when it was reported for findings
    /// that are reports rather than computed from events.
    public var at: Date?
    /// How long it lasted (a temperature excursion), in seconds.
    public var duration: TimeInterval?
    /// Where it happened (a temperature excursion's first business location), as a canonical key.
    public var place: String?

    /// Makes a finding.
    public init(
        kind: FindingKind, identifier: String, key: String, from: String? = nil, to: String? = nil,
        expected: Double? = nil, actual: Double? = nil, uom: String? = nil, events: [String]
    ) {
        self.kind = kind
        self.identifier = identifier
        self.key = key
        self.from = from
        self.to = to
        self.expected = expected
        self.actual = actual
        self.uom = uom
        self.events = events
    }
}
