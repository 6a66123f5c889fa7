public import Foundation

/// One holder of recalled goods: what it must withdraw, and whether it said it did.
public struct RecallHolder: Hashable, Sendable {
    /// The party holding the goods (its display identifier, e.g. a PGLN URN), when known.
    public var party: String?
    /// Where the goods are (a location's display identifier).
    public var location: String
    /// What to withdraw: a lot (LGTIN class URN) or an item pattern.
    public var identifier: String
    /// How much to withdraw.
    public var quantity: Double
    /// The unit of `quantity` (`KGM`, `EA`…).
    public var uom: String
    /// The holder's acknowledgement; nil while it is pending.
    public var acknowledgement: RecallAcknowledgement?
    /// The platform the holder is homed on, when it is another one (federation); nil for this platform's own.
    public var platform: String?
    /// When this row was relayed across the federation: for a recall issued here, when its notice reached the
    /// holder's platform; for a recall relayed here from another platform, when the holder's acknowledgement
    /// reached the platform that issued it. Nil until then.
    public var relayedAt: Date?
    /// For serialised items: the serials the holder must pull (EPC URNs, sorted); empty for lots.
    public var serials: [String]

    /// Makes a holder row, pending until acknowledged.
    public init(
        party: String?, location: String, identifier: String, quantity: Double, uom: String,
        acknowledgement: RecallAcknowledgement? = nil, platform: String? = nil, relayedAt: Date? = nil,
        serials: [String] = []
    ) {
        self.serials = serials
        self.party = party
        self.location = location
        self.identifier = identifier
        self.quantity = quantity
        self.uom = uom
        self.acknowledgement = acknowledgement
        self.platform = platform
        self.relayedAt = relayedAt.map(RecallRecord.milliseconds)
    }

    /// Whether the holder has acknowledged the recall.
    public var isAcknowledged: Bool { acknowledgement != nil }
}

/// A holder's answer to a recall: who acknowledged it, when, and what they said.
public struct RecallAcknowledgement: Hashable, Sendable {
    /// Who acknowledged (a person or system of the holding party).
    public var by: String
    /// When, to the millisecond.
    public var at: Date
    /// What they said (e.g. "12 cases withdrawn, 3 already sold").
    public var note: String?

    /// Makes an acknowledgement; the time is kept to the millisecond, as every store keeps it.
    public init(by: String, at: Date, note: String? = nil) {
        self.by = by
        self.at = RecallRecord.milliseconds(at)
        self.note = note
    }
}

/// A recorded recall: what was recalled and why, by whom and when, what the forward trace reached, and per
/// holder what to withdraw and whether it acknowledged.
public struct RecallRecord: Hashable, Sendable {
    /// The recall's ID (`recall-` and a UUID unless given).
    public var id: String
    /// The recalled identifier, as given (an EPC URN or Digital Link).
    public var root: String
    /// Why (e.g. "melamine above 2.5 mg/kg").
    public var reason: String
    /// Who started it (a person, an authority, a party's PGLN).
    public var initiatedBy: String
    /// When it was issued, to the millisecond.
    public var issuedAt: Date
    /// Every identifier the forward trace reached, as captured (lots, items, containers), the root included.
    public var identifiers: [String]
    /// Every party the trace reached.
    public var parties: [String]
    /// How many events the trace read.
    public var eventCount: Int
    /// How many frontiers the trace expanded.
    public var depth: Int
    /// Whether the trace's budget cut it short (the recall may then miss holders).
    public var truncated: Bool
    /// Per holder, what to withdraw and its acknowledgement.
    public var holders: [RecallHolder]
    /// The platform that issued the recall, when it is another one (this is its relayed copy, holding the holders
    /// homed here); nil for a recall issued here.
    public var origin: String?

    /// Makes a recall record.
    /// - Parameters:
    ///   - id: the ID; a new `recall-UUID` by default.
    ///   - root: the recalled identifier.
    ///   - reason: why; must not be blank.
    ///   - initiatedBy: who; must not be blank.
    ///   - issuedAt: when (kept to the millisecond).
    ///   - identifiers: what the forward trace reached.
    ///   - parties: the parties it reached.
    ///   - eventCount: the events it read.
    ///   - depth: the frontiers it expanded.
    ///   - truncated: whether the budget cut it short.
    ///   - holders: what each holder must withdraw.
    public init(
        id: String = "recall-" + UUID().uuidString.lowercased(), root: String, reason: String, initiatedBy: String,
        issuedAt: Date, identifiers: [String], parties: [String], eventCount: Int, depth: Int, truncated: Bool,
        holders: [RecallHolder], origin: String? = nil
    ) {
        self.origin = origin
        self.id = id
        self.root = root
        self.reason = reason
        self.initiatedBy = initiatedBy
        self.issuedAt = Self.milliseconds(issuedAt)
        self.identifiers = identifiers
        self.parties = parties
        self.eventCount = eventCount
        self.depth = depth
        self.truncated = truncated
        self.holders = holders
    }

    /// How many holders have not acknowledged yet.
    public var pendingCount: Int { holders.count { !$0.isAcknowledged } }

    /// A time cut to whole milliseconds, the precision every store keeps.
    public static func milliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(millisecondsSince1970(date)) / 1_000)
    }

    /// A time as whole milliseconds since 1970, as the stores keep it.
    public static func millisecondsSince1970(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    /// Checks what a store requires before it records the recall.
    /// - Throws: ``StorageError`` `.invalidDocument` naming the field and the rule.
    public func validate() throws(StorageError) {
        func require(_ condition: Bool, _ place: String, _ rule: String) throws(StorageError) {
            guard condition else { throw StorageError(.invalidDocument, "recall \(place): \(rule); nothing was stored") }
        }
        try require(!id.trimmingCharacters(in: .whitespaces).isEmpty, "id", "must not be empty")
        try require(!root.trimmingCharacters(in: .whitespaces).isEmpty, "root", "must name the recalled identifier")
        try require(!reason.trimmingCharacters(in: .whitespaces).isEmpty, "reason", "must say why")
        try require(!initiatedBy.trimmingCharacters(in: .whitespaces).isEmpty, "initiatedBy", "must say who")
        try require(eventCount >= 0 && depth >= 0, "eventCount/depth", "must not be negative")
        for (position, holder) in holders.enumerated() {
            try require(
                holder.quantity.isFinite && holder.quantity >= 0, "holders[\(position)].quantity",
                "must be a finite quantity of zero or more")
            try require(!holder.location.isEmpty, "holders[\(position)].location", "must not be empty")
            try require(!holder.uom.isEmpty, "holders[\(position)].uom", "must not be empty")
        }
    }
}

/// Where recalls are recorded, and their holders' acknowledgements kept.
///
/// A recall is recorded in one transaction with its traced identifiers (indexed by canonical key, so that
/// ``isRecalled(identifier:)`` is one look-up) and its holders. Every backend passes the same scenarios
/// (StorageTesting's `RecallConformance`).
public protocol RecallStore: Sendable {
    /// Records a recall, its identifiers and its holders, all or nothing.
    /// - Parameter recall: the recall.
    /// - Returns: the recall as stored.
    /// - Throws: ``StorageError`` `.invalidDocument` for a recall that breaks a rule of
    ///   ``RecallRecord/validate()``, `.duplicateEvent` for an ID already recorded.
    func record(_ recall: RecallRecord) async throws(StorageError) -> RecallRecord

    /// One recall by its ID, nil when there is none.
    /// - Throws: ``StorageError`` when the store fails.
    func recall(id: String) async throws(StorageError) -> RecallRecord?

    /// The most recent recalls, newest first.
    /// - Parameter limit: the most to return.
    /// - Throws: ``StorageError`` when the store fails.
    func recalls(limit: Int) async throws(StorageError) -> [RecallRecord]

    /// Records a party's acknowledgement on every holder row of that party in the recall.
    /// - Parameters:
    ///   - recallID: the recall.
    ///   - party: the holding party, as the recall names it.
    ///   - acknowledgement: who, when, and a note.
    /// - Returns: the recall with its holders' new state.
    /// - Throws: ``StorageError`` `.notFound` for an unknown recall or a party that holds nothing in it
    ///   (nothing changes then).
    func acknowledge(recallID: String, party: String, _ acknowledgement: RecallAcknowledgement)
        async throws(StorageError) -> RecallRecord

    /// The IDs of the recalls whose trace reached an identifier (in any spelling with the same canonical key),
    /// oldest first; empty when it is not recalled.
    /// - Parameter identifier: an EPC URN, Digital Link or canonical key.
    /// - Throws: ``StorageError`` when the store fails.
    func recallIDs(reaching identifier: String) async throws(StorageError) -> [String]
}

extension RecallStore {
    /// Whether an identifier is among the traced identifiers of any recall (the consumer page's banner).
    /// - Parameter identifier: an EPC URN, Digital Link or canonical key.
    /// - Throws: ``StorageError`` when the store fails.
    public func isRecalled(identifier: String) async throws(StorageError) -> Bool {
        !(try await recallIDs(reaching: identifier)).isEmpty
    }
}
