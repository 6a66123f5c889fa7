/// The properties an EPCIS 2.0 JSON event may carry, and which of them each event type allows
/// (the `propertyNames` lists of gs1-EPCIS/EPCIS-JSON-Schema.json), in the order the writer emits them.
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
    var bit: UInt64 { 1 << UInt64(Self.ordinals[self] ?? 0) }

    private static let ordinals: [JSONEventField: Int] = {
        var table: [JSONEventField: Int] = [:]
        for (i, field) in allCases.enumerated() { table[field] = i }
        return table
    }()

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
            [.epcList, .quantityList, .action, .bizStep, .disposition, .persistentDisposition, .readPoint,
             .bizLocation, .bizTransactionList, .sourceList, .destinationList, .sensorElementList, .ilmd]
        case .aggregationEvent, .associationEvent:
            [.parentID, .childEPCs, .childQuantityList, .action, .bizStep, .disposition, .readPoint, .bizLocation,
             .bizTransactionList, .sourceList, .destinationList, .sensorElementList]
        case .transactionEvent:
            [.bizTransactionList, .parentID, .epcList, .quantityList, .action, .bizStep, .disposition, .readPoint,
             .bizLocation, .sourceList, .destinationList, .sensorElementList]
        case .transformationEvent:
            [.inputEPCList, .inputQuantityList, .outputEPCList, .outputQuantityList, .transformationID, .bizStep,
             .disposition, .persistentDisposition, .readPoint, .bizLocation, .bizTransactionList, .sourceList,
             .destinationList, .sensorElementList, .ilmd]
        }
    }

    /// The set of fields a type allows.
    static func allowedMask(for type: EventType) -> UInt64 { masks[type] ?? 0 }

    private static let masks: [EventType: UInt64] = {
        var table: [EventType: UInt64] = [:]
        for type in EventType.allCases {
            table[type] = (common + specific(to: type)).reduce(0) { $0 | $1.bit }
        }
        return table
    }()
}
