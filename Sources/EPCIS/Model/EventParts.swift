/// An identifier URI as an event carries it, in the form it was captured: an EPC URN, a GS1 Digital Link URI,
/// or any other URI (EPCIS 2.0 section 7.3.2 allows any URI).
///
/// `Identifiers.EPCIdentifier.parse(_:)` reads a GS1 one; ``EPCISEvent`` keeps the captured text so that a
/// query returns what was captured, and the writer can translate on output (GS1-EPC-Format).
public struct IdentifierURI: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The URI as captured.
    public var text: String

    /// Wraps a URI.
    /// - Parameter text: the URI.
    public init(_ text: String) { self.text = text }

    public init(stringLiteral value: String) { text = value }

    public var description: String { text }
}

/// The `action` of an ObjectEvent, AggregationEvent, TransactionEvent or AssociationEvent (EPCIS 2.0 section 7.3.3).
public enum Action: String, Hashable, Sendable, CaseIterable {
    /// The objects were created or added (commissioned, packed, associated, joined a transaction).
    case add = "ADD"
    /// The objects were seen, nothing changed.
    case observe = "OBSERVE"
    /// The objects were removed (decommissioned, unpacked, dissociated, left a transaction).
    case delete = "DELETE"
}

/// The five event types of EPCIS 2.0 (section 7.4).
public enum EventType: String, Hashable, Sendable, CaseIterable {
    case objectEvent = "ObjectEvent"
    case aggregationEvent = "AggregationEvent"
    case transactionEvent = "TransactionEvent"
    case transformationEvent = "TransformationEvent"
    case associationEvent = "AssociationEvent"
}

/// A quantity of a class of objects: `quantityList`, `childQuantityList`, `inputQuantityList`,
/// `outputQuantityList` (EPCIS 2.0 section 7.3.3.3).
public struct QuantityElement: Hashable, Sendable {
    /// The class: an LGTIN (`urn:epc:class:lgtin:…`), a GTIN class pattern, or a Digital Link `/01/…[/10/…]`.
    public var epcClass: IdentifierURI
    /// The quantity; absent means an unspecified count. A plain count when `uom` is absent.
    public var quantity: Double?
    /// The UN/ECE Recommendation 20 unit code, e.g. `KGM`.
    public var uom: String?

    /// Makes a quantity element.
    public init(epcClass: IdentifierURI, quantity: Double? = nil, uom: String? = nil) {
        self.epcClass = epcClass
        self.quantity = quantity
        self.uom = uom
    }
}

/// A `readPoint` or `bizLocation`: a location id, plus any user extensions inside it.
public struct LocationReference: Hashable, Sendable {
    /// The location, usually an SGLN.
    public var id: IdentifierURI
    /// User extensions inside the location element.
    public var extensions: [ExtensionElement]

    /// Makes a location reference.
    public init(id: IdentifierURI, extensions: [ExtensionElement] = []) {
        self.id = id
        self.extensions = extensions
    }
}

/// One entry of `bizTransactionList` (EPCIS 2.0 section 7.3.6.1).
public struct BizTransaction: Hashable, Sendable {
    /// The kind of business transaction (`po`, `desadv`, …); absent when the sender gave none.
    public var type: CBVValue?
    /// The transaction's identifier, e.g. a GDTI or `urn:epcglobal:cbv:bt:0614141073467:1152`.
    public var id: IdentifierURI

    /// Makes a business transaction reference.
    public init(type: CBVValue?, id: IdentifierURI) {
        self.type = type
        self.id = id
    }
}

/// One entry of `sourceList` or `destinationList` (EPCIS 2.0 section 7.3.6.2).
public struct SourceDestination: Hashable, Sendable {
    /// `owning_party`, `possessing_party`, `location`, or a user URI.
    public var type: CBVValue
    /// The party (PGLN) or location (SGLN).
    public var id: IdentifierURI

    /// Makes a source or destination.
    public init(type: CBVValue, id: IdentifierURI) {
        self.type = type
        self.id = id
    }
}

/// `persistentDisposition` (EPCIS 2.0 section 7.3.5.4): dispositions that hold until unset.
public struct PersistentDisposition: Hashable, Sendable {
    /// Dispositions set by this event.
    public var set: [CBVValue]
    /// Dispositions unset by this event.
    public var unset: [CBVValue]

    /// Makes a persistent disposition.
    public init(set: [CBVValue] = [], unset: [CBVValue] = []) {
        self.set = set
        self.unset = unset
    }
}

/// `errorDeclaration` (EPCIS 2.0 section 7.4.1.2): this event declares that an earlier event with the same
/// content was wrong.
public struct ErrorDeclaration: Hashable, Sendable {
    /// When the error was declared.
    public var declarationTime: EPCISDateTime
    /// Why (`did_not_occur`, `incorrect_data`, or a user URI).
    public var reason: CBVValue?
    /// The events that correct it.
    public var correctiveEventIDs: [String]
    /// User extensions inside the declaration.
    public var extensions: [ExtensionElement]

    /// Makes an error declaration.
    public init(
        declarationTime: EPCISDateTime,
        reason: CBVValue? = nil,
        correctiveEventIDs: [String] = [],
        extensions: [ExtensionElement] = []
    ) {
        self.declarationTime = declarationTime
        self.reason = reason
        self.correctiveEventIDs = correctiveEventIDs
        self.extensions = extensions
    }
}
