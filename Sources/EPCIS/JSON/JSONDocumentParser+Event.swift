import Foundation

extension JSONDocumentParser {
    /// A time to fill an event whose `eventTime` is missing or bad until the event is dropped.
    static let placeholderTime = EPCISDateTime(Date(timeIntervalSince1970: 0))

    /// Reads one event object at the current place and checks it against the schema.
    /// - Parameter bare: true when the event is the whole document (its `@context` was read already).
    /// - Returns: the event, or nil when it has an error (reported).
    mutating func event(bare: Bool = false) throws(JSONSyntaxError) -> EPCISEvent? {
        let errorsBefore = errorCount
        var e = EPCISEvent(type: .objectEvent, eventTime: Self.placeholderTime, eventTimeZoneOffset: "+00:00")
        var seen: UInt64 = 0
        var type: EventType?
        let savedContext = context
        var contextChanged = false
        let isObject = try withObject(nil) { (p, key) throws(JSONSyntaxError) in
            guard let field = JSONEventField.byName[key] else {
                if let element = try p.extensionElement(key, where: "an event") { e.extensions.append(element) }
                return
            }
            // RFC 8259 leaves duplicate names to the reader; like the schema's reference validator, the last wins.
            if seen & field.bit != 0 {
                p.report(at: p.pointer(key), "the property '\(key)' appears twice; the last value is used", .warning)
            }
            seen |= field.bit
            switch field {
            case .context:
                if bare {
                    try p.reader.skipValue()
                } else {
                    try p.readContext(at: key, intoDocument: false)
                    contextChanged = true
                }
            case .type:
                guard let text = try p.string(key) else { return }
                type = EventType(rawValue: text)
                if type == nil {
                    p.report(
                        at: p.pointer(key),
                        "'type' must be ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or "
                            + "AssociationEvent, not '\(text)'"
                    )
                }
            case .eventTime: if let time = try p.time(key) { e.eventTime = time }
            case .recordTime: e.recordTime = try p.time(key)
            case .eventTimeZoneOffset:
                guard let text = try p.string(key) else { return }
                if JSONFormatRules.isTimeZoneOffset(text) {
                    e.eventTimeZoneOffset = text
                } else {
                    p.report(
                        at: p.pointer(key),
                        "'eventTimeZoneOffset' must be ±hh:mm between -14:00 and +14:00, not '\(text)'")
                }
            case .eventID: e.eventID = try p.uri(key)
            case .certificationInfo: e.certificationInfo = try p.certificationInfo(key)
            case .errorDeclaration: e.errorDeclaration = try p.errorDeclaration(key)
            case .epcList: e.epcList = try p.uriList(key, unique: false)
            case .parentID: e.parentID = try p.uri(key).map { IdentifierURI($0) }
            case .childEPCs: e.childEPCs = try p.uriList(key, unique: false)
            case .childQuantityList: e.childQuantityList = try p.quantityList(key)
            case .inputEPCList: e.inputEPCList = try p.uriList(key, unique: true)
            case .inputQuantityList: e.inputQuantityList = try p.quantityList(key)
            case .outputEPCList: e.outputEPCList = try p.uriList(key, unique: true)
            case .outputQuantityList: e.outputQuantityList = try p.quantityList(key)
            case .transformationID: e.transformationID = try p.uri(key)
            case .quantityList: e.quantityList = try p.quantityList(key)
            case .action:
                guard let text = try p.string(key) else { return }
                e.action = Action(rawValue: text)
                if e.action == nil {
                    p.report(at: p.pointer(key), "'action' must be ADD, OBSERVE or DELETE, not '\(text)'")
                }
            case .bizStep: e.bizStep = try p.cbv(key, .bizStep)
            case .disposition: e.disposition = try p.cbv(key, .disposition)
            case .persistentDisposition: e.persistentDisposition = try p.persistentDisposition(key)
            case .readPoint: e.readPoint = try p.location(key)
            case .bizLocation: e.bizLocation = try p.location(key)
            case .bizTransactionList: e.bizTransactionList = try p.bizTransactions(key)
            case .sourceList: e.sourceList = try p.sourceDestinations(key, role: "source")
            case .destinationList: e.destinationList = try p.sourceDestinations(key, role: "destination")
            case .sensorElementList: e.sensorElementList = try p.sensorElements(key)
            case .ilmd: e.ilmd = try p.ilmd(key)
            }
        }
        guard isObject else { return nil }
        settlePendingPrefixes(in: &e, contextChanged: contextChanged)
        if contextChanged { context = savedContext }
        guard seen & JSONEventField.type.bit != 0 else {
            missing("type", in: "an event")
            return nil
        }
        guard let type else { return nil }
        e.type = type
        checkShape(of: e, seen: seen)
        return errorCount == errorsBefore ? e : nil
    }

    /// `an ObjectEvent`, `a TransactionEvent`.
    static func withArticle(_ type: EventType) -> String {
        switch type {
        case .objectEvent, .aggregationEvent, .associationEvent: "an \(type.rawValue)"
        case .transactionEvent, .transformationEvent: "a \(type.rawValue)"
        }
    }

    /// The rules of the schema that look at the event as a whole: fields the type does not allow, required
    /// fields, and the "what" each type must name.
    private mutating func checkShape(of e: EPCISEvent, seen: UInt64) {
        let type = e.type
        var aName: String { Self.withArticle(type) }
        let disallowed = seen & ~JSONEventField.allowedMask(for: type)
        if disallowed != 0 {
            for field in JSONEventField.allCases where disallowed & field.bit != 0 {
                report(at: pointer(field.rawValue), "'\(field.rawValue)' is not allowed in \(aName)")
            }
        }
        func has(_ field: JSONEventField) -> Bool { seen & field.bit != 0 }
        if has(.persistentDisposition), !JSONEventField.isInJSONSchema(.persistentDisposition, for: type) {
            report(
                at: pointer("persistentDisposition"),
                "'persistentDisposition' in \(aName) is allowed by the EPCIS 2.0 XSD but not listed by "
                    + "EPCIS-JSON-Schema.json; read, but a receiver that validates against that schema refuses it",
                .warning)
        }
        if !has(.eventTime) { missing("eventTime", in: aName) }
        if !has(.eventTimeZoneOffset) { missing("eventTimeZoneOffset", in: aName) }
        if type != .transformationEvent, !has(.action) { missing("action", in: aName) }
        if type == .associationEvent, !has(.parentID) { missing("parentID", in: "an AssociationEvent") }
        if type == .transactionEvent {
            if !has(.bizTransactionList) {
                missing("bizTransactionList", in: "a TransactionEvent")
            } else if e.bizTransactionList.isEmpty {
                report(
                    at: pointer("bizTransactionList"), "'bizTransactionList' of a TransactionEvent must not be empty")
            }
        }
        if type == .objectEvent, Self.hasDuplicates(e.epcList) {
            report(at: pointer("epcList"), "'epcList' must not list the same identifier twice")
        }
        let deleting = e.action == .delete
        switch type {
        case .objectEvent:
            if !has(.epcList), e.quantityList.isEmpty, e.sensorElementList.isEmpty || e.readPoint == nil {
                report(
                    at: pointer(),
                    "an ObjectEvent needs 'epcList', a non-empty 'quantityList', "
                        + "or 'sensorElementList' with 'readPoint'"
                )
            }
        case .aggregationEvent, .associationEvent:
            if e.childEPCs.isEmpty, e.childQuantityList.isEmpty, !deleting {
                report(
                    at: pointer(),
                    "\(aName) needs a non-empty 'childEPCs' or 'childQuantityList' unless its action is DELETE")
            }
        case .transactionEvent:
            if !has(.epcList), e.quantityList.isEmpty, !deleting {
                report(
                    at: pointer(),
                    "a TransactionEvent needs 'epcList' or a non-empty 'quantityList' unless its action is DELETE")
            }
        case .transformationEvent:
            let inputs = !e.inputEPCList.isEmpty || !e.inputQuantityList.isEmpty
            let outputs = !e.outputEPCList.isEmpty || !e.outputQuantityList.isEmpty
            if !(inputs && outputs), !((inputs || outputs) && e.transformationID != nil) {
                report(
                    at: pointer(),
                    "a TransformationEvent needs inputs and outputs, or either of them with 'transformationID'")
            }
        }
    }
}
