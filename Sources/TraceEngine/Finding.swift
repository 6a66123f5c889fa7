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
