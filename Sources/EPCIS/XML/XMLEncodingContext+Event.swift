/// Events in EPCIS 2.0 schema order.
extension XMLEncodingContext {
    mutating func write(_ event: EPCISEvent) {
        let type = event.type.rawValue
        writer.open(type)
        writer.leaf("eventTime", event.eventTime.text)
        if let recordTime = event.recordTime { writer.leaf("recordTime", recordTime.text) }
        writer.leaf("eventTimeZoneOffset", event.eventTimeZoneOffset)
        if let eventID = event.eventID { writer.leaf("eventID", eventID) }
        if let declaration = event.errorDeclaration { write(declaration) }
        for certificate in event.certificationInfo { writer.leaf("certificationInfo", certificate) }
        for name in XMLNames.typeSequence(event.type) { writeField(name, of: event) }
        for element in event.extensions where !element.name.namespace.isEmpty { write(element) }
        writer.close(type)
    }

    private mutating func writeField(_ name: String, of event: EPCISEvent) {
        switch name {
        case "epcList":
            if event.type == .objectEvent || !event.epcList.isEmpty { writeEPCs(name, event.epcList) }
        case "childEPCs": if !event.childEPCs.isEmpty { writeEPCs(name, event.childEPCs) }
        case "inputEPCList": if !event.inputEPCList.isEmpty { writeEPCs(name, event.inputEPCList) }
        case "outputEPCList": if !event.outputEPCList.isEmpty { writeEPCs(name, event.outputEPCList) }
        case "quantityList": writeQuantities(name, event.quantityList)
        case "childQuantityList": writeQuantities(name, event.childQuantityList)
        case "inputQuantityList": writeQuantities(name, event.inputQuantityList)
        case "outputQuantityList": writeQuantities(name, event.outputQuantityList)
        case "parentID": if let parentID = event.parentID { writer.leaf(name, identifier(parentID)) }
        case "transformationID": if let id = event.transformationID { writer.leaf(name, id) }
        case "action": if let action = event.action { writer.leaf(name, action.rawValue) }
        case "bizStep": if let value = event.bizStep { writer.leaf(name, value.xmlValue) }
        case "disposition": if let value = event.disposition { writer.leaf(name, value.xmlValue) }
        case "readPoint": if let location = event.readPoint { writeLocation(name, location) }
        case "bizLocation": if let location = event.bizLocation { writeLocation(name, location) }
        case "bizTransactionList":
            guard !event.bizTransactionList.isEmpty else { return }
            writer.open(name)
            for transaction in event.bizTransactionList {
                writer.leaf("bizTransaction", identifier(transaction.id),
                            transaction.type.map { [("type", $0.xmlValue)] } ?? [])
            }
            writer.close(name)
        case "sourceList": writeSourceDestinations(name, "source", event.sourceList)
        case "destinationList": writeSourceDestinations(name, "destination", event.destinationList)
        case "sensorElementList": writeSensorElements(event.sensorElementList)
        case "persistentDisposition":
            guard let disposition = event.persistentDisposition, !(disposition.set.isEmpty && disposition.unset.isEmpty)
            else { return }
            writer.open(name)
            for value in disposition.unset { writer.leaf("unset", value.xmlValue) }
            for value in disposition.set { writer.leaf("set", value.xmlValue) }
            writer.close(name)
        case "ilmd":
            guard let ilmd = event.ilmd else { return }
            writer.open(name)
            for element in ilmd { write(element) }
            writer.close(name)
        case "extension":
            // Unqualified user elements (from EPCIS 1.2 documents) can only sit in the extension element; the
            // others are written after the standard elements.
            let unqualified = event.extensions.filter { $0.name.namespace.isEmpty }
            guard !unqualified.isEmpty else { return }
            writer.open(name)
            for element in unqualified { write(element) }
            writer.close(name)
        default: return
        }
    }

    private mutating func writeEPCs(_ name: String, _ epcs: [IdentifierURI]) {
        if epcs.isEmpty {
            writer.leaf(name, "")
            return
        }
        writer.open(name)
        for epc in epcs { writer.leaf("epc", identifier(epc)) }
        writer.close(name)
    }

    private mutating func writeQuantities(_ name: String, _ quantities: [QuantityElement]) {
        guard !quantities.isEmpty else { return }
        writer.open(name)
        for element in quantities {
            writer.open("quantityElement")
            writer.leaf("epcClass", identifier(element.epcClass))
            if let quantity = element.quantity {
                writer.leaf("quantity", Self.lexical(quantity))
                if let uom = element.uom { writer.leaf("uom", uom) }
            }
            writer.close("quantityElement")
        }
        writer.close(name)
    }

    private mutating func writeLocation(_ name: String, _ location: LocationReference) {
        writer.open(name)
        writer.leaf("id", identifier(location.id))
        for element in location.extensions { write(element) }
        writer.close(name)
    }

    private mutating func writeSourceDestinations(_ name: String, _ element: String, _ list: [SourceDestination]) {
        guard !list.isEmpty else { return }
        writer.open(name)
        for entry in list { writer.leaf(element, identifier(entry.id), [("type", entry.type.xmlValue)]) }
        writer.close(name)
    }

    private mutating func write(_ declaration: ErrorDeclaration) {
        writer.open("errorDeclaration")
        writer.leaf("declarationTime", declaration.declarationTime.text)
        if let reason = declaration.reason { writer.leaf("reason", reason.xmlValue) }
        if !declaration.correctiveEventIDs.isEmpty {
            writer.open("correctiveEventIDs")
            for id in declaration.correctiveEventIDs { writer.leaf("correctiveEventID", id) }
            writer.close("correctiveEventIDs")
        }
        for element in declaration.extensions { write(element) }
        writer.close("errorDeclaration")
    }
}
