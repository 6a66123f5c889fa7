public import Foundation

/// What the console's pages show, as the server reads it from the stores, in no language yet: names are
/// ``ConsumerStory/Name`` values (master data in every language given, with the key to fall back on).
public enum ConsoleFacts {
    /// A recall and its holders.
    public struct Recall: Sendable, Hashable {
        public var id: String
        public var root: String
        /// The canonical key of the recalled code, for its page.
        public var rootKey: String
        public var reason: String
        public var initiatedBy: String
        public var issuedAt: Date
        public var identifiers: Int
        public var parties: Int
        public var events: Int
        public var truncated: Bool
        /// The platform that issued it, when another one did.
        public var origin: String?
        public var holders: [Holder]

        /// Makes a recall's facts.
        public init(
            id: String, root: String, rootKey: String, reason: String, initiatedBy: String, issuedAt: Date,
            identifiers: Int, parties: Int, events: Int, truncated: Bool, origin: String?, holders: [Holder]
        ) {
            self.id = id
            self.root = root
            self.rootKey = rootKey
            self.reason = reason
            self.initiatedBy = initiatedBy
            self.issuedAt = issuedAt
            self.identifiers = identifiers
            self.parties = parties
            self.events = events
            self.truncated = truncated
            self.origin = origin
            self.holders = holders
        }

        /// How many holders acknowledged.
        public var acknowledged: Int { holders.count { $0.acknowledgedBy != nil } }
    }

    /// A holder of recalled or traced goods.
    public struct Holder: Sendable, Hashable {
        public var party: ConsumerStory.Name?
        public var location: ConsumerStory.Name
        public var identifier: String
        public var quantity: Double
        public var uom: String
        /// The holder's platform, when it is homed on another one; and when the recall was relayed to it.
        public var platform: String?
        public var relayedAt: Date?
        public var acknowledgedBy: String?
        public var acknowledgedAt: Date?
        public var note: String?

        /// Makes a holder's facts (acknowledgement and platform set apart).
        public init(
            party: ConsumerStory.Name?, location: ConsumerStory.Name, identifier: String, quantity: Double, uom: String
        ) {
            self.party = party
            self.location = location
            self.identifier = identifier
            self.quantity = quantity
            self.uom = uom
        }
    }

    /// A party a finding names, by canonical key.
    public struct Party: Sendable, Hashable {
        public var key: String
        public var name: ConsumerStory.Name

        /// Makes a party reference.
        public init(key: String, name: ConsumerStory.Name) {
            self.key = key
            self.name = name
        }
    }

    /// A reconciliation finding or a consumer's report.
    public struct Finding: Sendable, Hashable {
        /// The kind's raw value (`quantityMismatch`).
        public var kind: String
        public var identifier: String
        public var key: String
        public var from: Party?
        public var to: Party?
        /// The party the finding is about, when it is about a party (`unlicensedParty`).
        public var subject: Party?
        public var expected: Double?
        public var actual: Double?
        public var uom: String?
        public var events: [String]
        public var note: String?
        /// When it happened (its latest evidence) or was reported.
        public var at: Date?

        /// Makes a finding's facts; set the optional fields the finding has.
        public init(kind: String, identifier: String, key: String, events: [String] = [], at: Date? = nil) {
            self.kind = kind
            self.identifier = identifier
            self.key = key
            self.events = events
            self.at = at
        }

        /// The parties it names, each once.
        var parties: [Party] {
            var seen: Set<String> = []
            return [subject, from, to].compactMap { $0 }.filter { seen.insert($0.key).inserted }
        }
    }

    /// A party of the registry.
    public struct RegistryParty: Sendable, Hashable {
        /// As captured, and canonical.
        public var id: String
        public var key: String
        public var name: ConsumerStory.Name
        public var role: String?
        public var licenceNumber: String?
        public var licenceStatus: String
        public var blacklisted: Bool

        /// Makes a registry entry's facts.
        public init(
            id: String, key: String, name: ConsumerStory.Name, role: String?, licenceNumber: String?,
            licenceStatus: String, blacklisted: Bool
        ) {
            self.id = id
            self.key = key
            self.name = name
            self.role = role
            self.licenceNumber = licenceNumber
            self.licenceStatus = licenceStatus
            self.blacklisted = blacklisted
        }

        /// Whether it may trade: an active licence and not blacklisted.
        public var licensed: Bool { licenceStatus == "active" && !blacklisted }
    }

    /// A recorded change of the registry.
    public struct RegistryChange: Sendable, Hashable {
        public var party: ConsumerStory.Name
        /// The attribute's local name (`licenceStatus`).
        public var attribute: String
        public var oldValue: String?
        public var newValue: String?
        public var by: String
        public var at: Date
        public var reason: String?

        /// Makes a change's facts.
        public init(
            party: ConsumerStory.Name, attribute: String, oldValue: String?, newValue: String?, by: String, at: Date,
            reason: String?
        ) {
            self.party = party
            self.attribute = attribute
            self.oldValue = oldValue
            self.newValue = newValue
            self.by = by
            self.at = at
            self.reason = reason
        }
    }

    /// A consumer's report from a product's page.
    public struct Report: Sendable, Hashable {
        public var key: String
        public var product: ConsumerStory.Name
        /// One of the report form's problems (`fake`).
        public var problem: String
        public var text: String
        public var phone: String?
        public var at: Date

        /// Makes a report's facts.
        public init(key: String, product: ConsumerStory.Name, problem: String, text: String, phone: String?, at: Date) {
            self.key = key
            self.product = product
            self.problem = problem
            self.text = text
            self.phone = phone
            self.at = at
        }
    }
}
