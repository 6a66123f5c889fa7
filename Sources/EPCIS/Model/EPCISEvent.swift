/// One EPCIS 2.0 event of any of the five types (EPCIS 2.0 section 7.4).
///
/// The fields of all five types sit side by side in one struct: codecs, the event hash, storage and queries
/// treat them alike, and which fields a type may carry is a rule that ``EPCISValidator`` checks and reports
/// with the place, rather than a shape that a decoder would fail on silently. See
/// docs/decisions/0001-one-event-struct.md. An empty list and an absent list are the same value.
public struct EPCISEvent: Hashable, Sendable {
    // MARK: Common to every event (section 7.4.1)

    /// Which of the five event types this is.
    public var type: EventType
    /// When the event happened.
    public var eventTime: EPCISDateTime
    /// The offset of the local time where it happened, `±hh:mm`.
    public var eventTimeZoneOffset: String
    /// When the event was recorded by the capturing repository; set on capture, never hashed.
    public var recordTime: EPCISDateTime?
    /// The event's identifier: the GS1 event hash (`ni:///sha-256;…?ver=CBV2.0`), a UUID URN, or another URI.
    public var eventID: String?
    /// Set when this event declares an earlier event erroneous.
    public var errorDeclaration: ErrorDeclaration?
    /// URIs of certificates that apply to the event (EPCIS 2.0 section 7.3.6.4).
    public var certificationInfo: [String]

    // MARK: What (section 7.3.3)

    /// ObjectEvent, TransactionEvent: the instance-level identifiers.
    public var epcList: [IdentifierURI]
    /// ObjectEvent, TransactionEvent: class-level quantities.
    public var quantityList: [QuantityElement]
    /// AggregationEvent, TransactionEvent, AssociationEvent: the container or parent.
    public var parentID: IdentifierURI?
    /// AggregationEvent, AssociationEvent: the contained or associated instances.
    public var childEPCs: [IdentifierURI]
    /// AggregationEvent, AssociationEvent: the contained or associated quantities.
    public var childQuantityList: [QuantityElement]
    /// TransformationEvent: instances consumed.
    public var inputEPCList: [IdentifierURI]
    /// TransformationEvent: quantities consumed.
    public var inputQuantityList: [QuantityElement]
    /// TransformationEvent: instances produced.
    public var outputEPCList: [IdentifierURI]
    /// TransformationEvent: quantities produced.
    public var outputQuantityList: [QuantityElement]
    /// TransformationEvent: links transformation events that are one transformation.
    public var transformationID: String?

    // MARK: Why, where (sections 7.3.4-7.3.6)

    /// ADD, OBSERVE or DELETE; every type but TransformationEvent requires it.
    public var action: Action?
    public var bizStep: CBVValue?
    public var disposition: CBVValue?
    public var persistentDisposition: PersistentDisposition?
    public var readPoint: LocationReference?
    public var bizLocation: LocationReference?
    public var bizTransactionList: [BizTransaction]
    public var sourceList: [SourceDestination]
    public var destinationList: [SourceDestination]
    /// Sensor data (section 7.3.7).
    public var sensorElementList: [SensorElement]
    /// Instance/lot master data (ObjectEvent with ADD, TransformationEvent): user elements such as
    /// `cbvmda:lotNumber`, `cbvmda:itemExpirationDate`.
    public var ilmd: [ExtensionElement]?

    /// User extensions at the event's top level, in document order.
    public var extensions: [ExtensionElement]

    /// Makes an event with only the fields every event has; set the others as the type requires.
    /// - Parameters:
    ///   - type: the event type.
    ///   - eventTime: when it happened.
    ///   - eventTimeZoneOffset: the local offset, `±hh:mm`.
    public init(type: EventType, eventTime: EPCISDateTime, eventTimeZoneOffset: String) {
        self.type = type
        self.eventTime = eventTime
        self.eventTimeZoneOffset = eventTimeZoneOffset
        certificationInfo = []
        epcList = []
        quantityList = []
        childEPCs = []
        childQuantityList = []
        inputEPCList = []
        inputQuantityList = []
        outputEPCList = []
        outputQuantityList = []
        bizTransactionList = []
        sourceList = []
        destinationList = []
        sensorElementList = []
        extensions = []
    }
}
