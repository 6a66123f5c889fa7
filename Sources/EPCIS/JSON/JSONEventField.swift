/// The properties an EPCIS 2.0 JSON event may carry, and which of them each event type allows
/// (the `propertyNames` lists of gs1-EPCIS/EPCIS-JSON-Schema.json), in the order the writer emits them.
///
/// One departure: `persistentDisposition` is allowed on every event type, as in EPCglobal-epcis-2_0.xsd (the JSON
/// Schema lists it only for ObjectEvent and TransformationEvent); the parser warns where the schema omits it.
enum JSONEventField: String, CaseIterable, Sendable {
    case context = "@context"
    case type
    case eventTime
    case recordTime
    case eventTimeZoneOffset
    case eventID
    case certificationInfo
    case errorDeclaration
    case epcList
    case parentID
    case childEPCs
    case childQuantityList
    case inputEPCList
    case inputQuantityList
    case outputEPCList
    case outputQuantityList
    case transformationID
    case quantityList
    case action
    case bizStep
    case disposition
    case persistentDisposition
    case readPoint
    case bizLocation
    case bizTransactionList
    case sourceList
    case destinationList
    case sensorElementList
    case ilmd

    /// The bit of this field in a set of fields.
    var bit: UInt64 { 1 << UInt64(ordinal) }

    private var ordinal: Int {
        switch self {
        case .context: 0
        case .type: 1
        case .eventTime: 2
        case .recordTime: 3
        case .eventTimeZoneOffset: 4
        case .eventID: 5
        case .certificationInfo: 6
        case .errorDeclaration: 7
        case .epcList: 8
        case .parentID: 9
        case .childEPCs: 10
        case .childQuantityList: 11
        case .inputEPCList: 12
        case .inputQuantityList: 13
        case .outputEPCList: 14
        case .outputQuantityList: 15
        case .transformationID: 16
        case .quantityList: 17
        case .action: 18
        case .bizStep: 19
        case .disposition: 20
        case .persistentDisposition: 21
        case .readPoint: 22
        case .bizLocation: 23
        case .bizTransactionList: 24
        case .sourceList: 25
        case .destinationList: 26
        case .sensorElementList: 27
        case .ilmd: 28
        }
    }

    static let byName: [String: JSONEventField] = {
        var table: [String: JSONEventField] = [:]
        for field in allCases { table[field.rawValue] = field }
        return table
    }()

    static let common: [JSONEventField] = [
        .context, .type, .eventTime, .recordTime, .eventTimeZoneOffset, .eventID, .certificationInfo, .errorDeclaration,
    ]

    /// The fields of each type beyond the common ones, in the schema's (and the writer's) order.
    static func specific(to type: EventType) -> [JSONEventField] {
        switch type {
        case .objectEvent:
            [
                .epcList, .quantityList, .action, .bizStep, .disposition, .persistentDisposition, .readPoint,
                .bizLocation, .bizTransactionList, .sourceList, .destinationList, .sensorElementList, .ilmd,
            ]
        case .aggregationEvent, .associationEvent:
            [
                .parentID, .childEPCs, .childQuantityList, .action, .bizStep, .disposition, .persistentDisposition,
                .readPoint, .bizLocation, .bizTransactionList, .sourceList, .destinationList, .sensorElementList,
            ]
        case .transactionEvent:
            [
                .bizTransactionList, .parentID, .epcList, .quantityList, .action, .bizStep, .disposition,
                .persistentDisposition, .readPoint, .bizLocation, .sourceList, .destinationList, .sensorElementList,
            ]
        case .transformationEvent:
            [
                .inputEPCList, .inputQuantityList, .outputEPCList, .outputQuantityList, .transformationID, .bizStep,
                .disposition, .persistentDisposition, .readPoint, .bizLocation, .bizTransactionList, .sourceList,
                .destinationList, .sensorElementList, .ilmd,
            ]
        }
    }

    /// Whether EPCIS-JSON-Schema.json lists the field for the type; false only for the fields this reader allows
    /// beyond the schema (`persistentDisposition` outside ObjectEvent and TransformationEvent).
    static func isInJSONSchema(_ field: JSONEventField, for type: EventType) -> Bool {
        field != .persistentDisposition || type == .objectEvent || type == .transformationEvent
    }

    /// The set of fields a type allows.
    static func allowedMask(for type: EventType) -> UInt64 {
        switch type {
        case .objectEvent: objectMask
        case .aggregationEvent, .associationEvent: aggregationMask
        case .transactionEvent: transactionMask
        case .transformationEvent: transformationMask
        }
    }

    private static func mask(_ type: EventType) -> UInt64 { (common + specific(to: type)).reduce(0) { $0 | $1.bit } }
    private static let objectMask = mask(.objectEvent)
    private static let aggregationMask = mask(.aggregationEvent)
    private static let transactionMask = mask(.transactionEvent)
    private static let transformationMask = mask(.transformationEvent)
}
