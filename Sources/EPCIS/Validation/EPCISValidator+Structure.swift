// Which fields each event type carries and requires (EPCIS 2.0 sections 7.4.2-7.4.6; the JSON Schema's
// per-type property lists and anyOf clauses). The model is one struct (docs/decisions/0001), so a field that
// a type may not carry is a diagnostic here rather than a shape a decoder would drop.

extension EPCISValidator {
    func checkStructure(_ event: EPCISEvent, _ report: inout ValidationReport) {
        checkFieldsAllowed(event, &report)
        checkAction(event, &report)
        checkParentID(event, &report)
        checkWhatPresent(event, &report)
        checkTransactionHasBizTransaction(event, &report)
        checkILMD(event, &report)
    }

    /// Fields that belong to other event types.
    func checkFieldsAllowed(_ event: EPCISEvent, _ report: inout ValidationReport) {
        let type = event.type
        let section = Self.section(of: type)
        func refuse(_ field: String, _ present: Bool, allowedIn: [EventType]) {
            guard present, !allowedIn.contains(type) else { return }
            let owners = allowedIn.map(\.rawValue).joined(separator: ", ")
            report.error(
                field,
                "field not allowed in \(type.rawValue): \(field) belongs to \(owners) only (EPCIS 2.0 \(section))"
            )
        }
        refuse("epcList", !event.epcList.isEmpty, allowedIn: [.objectEvent, .transactionEvent])
        refuse("quantityList", !event.quantityList.isEmpty, allowedIn: [.objectEvent, .transactionEvent])
        refuse(
            "parentID", event.parentID != nil,
            allowedIn: [.aggregationEvent, .transactionEvent, .associationEvent]
        )
        refuse("childEPCs", !event.childEPCs.isEmpty, allowedIn: [.aggregationEvent, .associationEvent])
        refuse(
            "childQuantityList", !event.childQuantityList.isEmpty, allowedIn: [.aggregationEvent, .associationEvent]
        )
        refuse("inputEPCList", !event.inputEPCList.isEmpty, allowedIn: [.transformationEvent])
        refuse("inputQuantityList", !event.inputQuantityList.isEmpty, allowedIn: [.transformationEvent])
        refuse("outputEPCList", !event.outputEPCList.isEmpty, allowedIn: [.transformationEvent])
        refuse("outputQuantityList", !event.outputQuantityList.isEmpty, allowedIn: [.transformationEvent])
        refuse("transformationID", event.transformationID != nil, allowedIn: [.transformationEvent])
        refuse("ilmd", event.ilmd != nil, allowedIn: [.objectEvent, .transformationEvent])
    }

    /// `action` is required for every type but TransformationEvent, which has none.
    func checkAction(_ event: EPCISEvent, _ report: inout ValidationReport) {
        let section = Self.section(of: event.type)
        if event.type == .transformationEvent {
            if event.action != nil {
                report.error("action", "action not allowed: a TransformationEvent has no action (EPCIS 2.0 \(section))")
            }
        } else if event.action == nil {
            report.error(
                "action",
                "action required: a \(event.type.rawValue) must say ADD, OBSERVE or DELETE (EPCIS 2.0 \(section))"
            )
        }
    }

    /// AggregationEvent ADD/DELETE need the parent; an AssociationEvent always names its parent.
    func checkParentID(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard event.parentID == nil else { return }
        switch event.type {
        case .aggregationEvent where event.action == .add || event.action == .delete:
            report.error(
                "parentID",
                "parentID required: an AggregationEvent with action \(event.action?.rawValue ?? "") must name the "
                    + "parent (EPCIS 2.0 section 7.4.3)"
            )
        case .associationEvent:
            report.error(
                "parentID", "parentID required: an AssociationEvent must name the parent (EPCIS 2.0 section 7.4.6)"
            )
        default:
            break
        }
    }

    /// Each type must say what it is about.
    func checkWhatPresent(_ event: EPCISEvent, _ report: inout ValidationReport) {
        switch event.type {
        case .objectEvent:
            // The schema allows an empty epcList, and a sensor-only event with a readPoint; the model cannot tell
            // an empty list from an absent one, so an event about nothing is only a warning.
            let sensorOnly = !event.sensorElementList.isEmpty && event.readPoint != nil
            if event.epcList.isEmpty && event.quantityList.isEmpty && !sensorOnly {
                report.warning(
                    "epcList",
                    "no objects: an ObjectEvent should list epcList or quantityList (EPCIS 2.0 section 7.4.2)"
                )
            }
        case .aggregationEvent, .associationEvent:
            if event.childEPCs.isEmpty && event.childQuantityList.isEmpty && event.action != .delete {
                report.error(
                    "childEPCs",
                    "children required: a \(event.type.rawValue) with action \(event.action?.rawValue ?? "none") "
                        + "must list childEPCs or childQuantityList (EPCIS 2.0 \(Self.section(of: event.type)))"
                )
            }
        case .transactionEvent:
            if event.epcList.isEmpty && event.quantityList.isEmpty && event.action != .delete {
                report.warning(
                    "epcList",
                    "no objects: a TransactionEvent should list epcList or quantityList (EPCIS 2.0 section 7.4.4)"
                )
            }
        case .transformationEvent:
            checkTransformationInputsOutputs(event, &report)
        }
    }

    /// Without a transformationID, a transformation needs at least one input and one output; with one, at least
    /// one of either.
    func checkTransformationInputsOutputs(_ event: EPCISEvent, _ report: inout ValidationReport) {
        let hasInput = !event.inputEPCList.isEmpty || !event.inputQuantityList.isEmpty
        let hasOutput = !event.outputEPCList.isEmpty || !event.outputQuantityList.isEmpty
        if event.transformationID != nil {
            if !hasInput && !hasOutput {
                report.error(
                    "inputEPCList",
                    "inputs or outputs required: a TransformationEvent with a transformationID must list at least "
                        + "one input or output (EPCIS 2.0 section 7.4.5)"
                )
            }
        } else {
            if !hasInput {
                report.error(
                    "inputEPCList",
                    "inputs required: a TransformationEvent without transformationID must list inputEPCList or "
                        + "inputQuantityList (EPCIS 2.0 section 7.4.5)"
                )
            }
            if !hasOutput {
                report.error(
                    "outputEPCList",
                    "outputs required: a TransformationEvent without transformationID must list outputEPCList or "
                        + "outputQuantityList (EPCIS 2.0 section 7.4.5)"
                )
            }
        }
    }

    /// A TransactionEvent names at least one business transaction.
    func checkTransactionHasBizTransaction(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard event.type == .transactionEvent, event.bizTransactionList.isEmpty else { return }
        report.error(
            "bizTransactionList",
            "bizTransactionList required: a TransactionEvent must name at least one business transaction "
                + "(EPCIS 2.0 section 7.4.4)"
        )
    }

    /// Instance/lot master data is given when objects are created: ObjectEvent ADD, TransformationEvent.
    func checkILMD(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard event.ilmd != nil, event.type == .objectEvent, event.action != .add else { return }
        report.error(
            "ilmd",
            "ilmd only with ADD: instance/lot master data belongs to an ObjectEvent with action ADD, not "
                + "\(event.action?.rawValue ?? "none") (EPCIS 2.0 section 7.4.2)"
        )
    }

    /// The section of EPCIS 2.0 that defines an event type.
    static func section(of type: EventType) -> String {
        switch type {
        case .objectEvent: "section 7.4.2"
        case .aggregationEvent: "section 7.4.3"
        case .transactionEvent: "section 7.4.4"
        case .transformationEvent: "section 7.4.5"
        case .associationEvent: "section 7.4.6"
        }
    }
}
