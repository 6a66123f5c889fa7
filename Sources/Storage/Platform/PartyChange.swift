public import Foundation

/// One recorded change to the party registry: which attribute of which party, from what to what, by whom, when
/// and why (a licence suspended, a party blacklisted).
public struct PartyChange: Hashable, Sendable {
    /// The party's canonical key.
    public var party: String
    /// The master data attribute's ID (e.g. `https://ns.suyuan.org/mda#licenceStatus`).
    public var attribute: String
    /// The value before; nil when the attribute was not set.
    public var oldValue: String?
    /// The value after; nil when the attribute was removed.
    public var newValue: String?
    /// Who made the change (the access key's ID or a person).
    public var changedBy: String
    /// When, to the millisecond.
    public var changedAt: Date
    /// Why.
    public var reason: String?

    /// Makes a change record.
    public init(
        party: String, attribute: String, oldValue: String?, newValue: String?, changedBy: String, changedAt: Date,
        reason: String? = nil
    ) {
        self.party = party
        self.attribute = attribute
        self.oldValue = oldValue
        self.newValue = newValue
        self.changedBy = changedBy
        self.changedAt = RecallRecord.milliseconds(changedAt)
        self.reason = reason
    }
}

/// One scan of a code by a consumer (the resolver's page), for "scanned N times" and clone warnings.
public struct ScanRecord: Hashable, Sendable {
    /// The scanned identifier's canonical key.
    public var key: String
    /// When, to the millisecond.
    public var at: Date
    /// Where the scan says it came from, when known (a city or coarse network region; never a full address).
    public var origin: String?

    /// Makes a scan record.
    public init(key: String, at: Date, origin: String? = nil) {
        self.key = key
        self.at = RecallRecord.milliseconds(at)
        self.origin = origin
    }
}

/// What the store knows of the scans of one code.
public struct ScanSummary: Hashable, Sendable {
    /// How many scans.
    public var count: Int
    /// The first scan, nil when there was none.
    public var first: Date?
    /// The latest scan.
    public var last: Date?
    /// The distinct origins seen, sorted.
    public var origins: [String]

    /// Makes a summary.
    public init(count: Int, first: Date?, last: Date?, origins: [String]) {
        self.count = count
        self.first = first
        self.last = last
        self.origins = origins
    }

    /// No scans.
    public static let none = ScanSummary(count: 0, first: nil, last: nil, origins: [])
}
