extension JSONDocumentWriter {
    /// Writes an event's members (inside an object the caller opened), in the schema's order for its type.
    mutating func writeEventMembers(_ e: EPCISEvent) {
        for field in JSONEventField.common + JSONEventField.specific(to: e.type) {
            writeField(field, of: e)
        }
        writeExtensions(e.extensions)
    }

    private mutating func writeField(_ field: JSONEventField, of e: EPCISEvent) {
        switch field {
        case .context: break
        case .type: out.member("type", e.type.rawValue)
        case .eventTime: out.member("eventTime", e.eventTime.text)
        case .recordTime: if let time = e.recordTime { out.member("recordTime", time.text) }
        case .eventTimeZoneOffset: out.member("eventTimeZoneOffset", e.eventTimeZoneOffset)
        case .eventID: if let id = e.eventID { out.member("eventID", id) }
        case .certificationInfo:
            if e.certificationInfo.count == 1 {
                out.member("certificationInfo", e.certificationInfo[0])
            } else if !e.certificationInfo.isEmpty {
                out.key("certificationInfo")
                out.beginArray()
                e.certificationInfo.forEach { out.string($0) }
                out.endArray()
            }
        case .errorDeclaration: if let declaration = e.errorDeclaration { writeErrorDeclaration(declaration) }
        case .epcList:
            // The schema wants epcList in an ObjectEvent (and a TransactionEvent without quantities) even if empty.
            let required = e.type == .objectEvent || (e.type == .transactionEvent && e.quantityList.isEmpty)
            writeIdentifiers("epcList", e.epcList, evenIfEmpty: required)
        case .parentID: if let parent = e.parentID { out.member("parentID", identifier(parent)) }
        case .childEPCs: writeIdentifiers("childEPCs", e.childEPCs)
        case .childQuantityList: writeQuantities("childQuantityList", e.childQuantityList)
        case .inputEPCList: writeIdentifiers("inputEPCList", e.inputEPCList)
        case .inputQuantityList: writeQuantities("inputQuantityList", e.inputQuantityList)
        case .outputEPCList: writeIdentifiers("outputEPCList", e.outputEPCList)
        case .outputQuantityList: writeQuantities("outputQuantityList", e.outputQuantityList)
        case .transformationID: if let id = e.transformationID { out.member("transformationID", id) }
        case .quantityList: writeQuantities("quantityList", e.quantityList)
        case .action: if let action = e.action { out.member("action", action.rawValue) }
        case .bizStep: if let value = e.bizStep { out.member("bizStep", value.jsonValue) }
        case .disposition: if let value = e.disposition { out.member("disposition", value.jsonValue) }
        case .persistentDisposition:
            guard let value = e.persistentDisposition else { return }
            out.key("persistentDisposition")
            out.beginObject()
            for (name, list) in [("set", value.set), ("unset", value.unset)] where !list.isEmpty {
                out.key(name)
                out.beginArray()
                list.forEach { out.string($0.jsonValue) }
                out.endArray()
            }
            out.endObject()
        case .readPoint: if let location = e.readPoint { writeLocation("readPoint", location) }
        case .bizLocation: if let location = e.bizLocation { writeLocation("bizLocation", location) }
        case .bizTransactionList:
            guard !e.bizTransactionList.isEmpty else { return }
            out.key("bizTransactionList")
            out.beginArray()
            for transaction in e.bizTransactionList {
                out.beginObject()
                if let type = transaction.type { out.member("type", type.jsonValue) }
                out.member("bizTransaction", identifier(transaction.id))
                out.endObject()
            }
            out.endArray()
        case .sourceList: writeSourceDestinations("sourceList", role: "source", e.sourceList)
        case .destinationList: writeSourceDestinations("destinationList", role: "destination", e.destinationList)
        case .sensorElementList: writeSensorElements(e.sensorElementList)
        case .ilmd:
            guard let ilmd = e.ilmd else { return }
            out.key("ilmd")
            out.beginObject()
            writeExtensions(ilmd)
            out.endObject()
        }
    }

    private mutating func writeErrorDeclaration(_ declaration: ErrorDeclaration) {
        out.key("errorDeclaration")
        out.beginObject()
        out.member("declarationTime", declaration.declarationTime.text)
        if let reason = declaration.reason { out.member("reason", reason.jsonValue) }
        if !declaration.correctiveEventIDs.isEmpty {
            out.key("correctiveEventIDs")
            out.beginArray()
            declaration.correctiveEventIDs.forEach { out.string($0) }
            out.endArray()
        }
        writeExtensions(declaration.extensions)
        out.endObject()
    }

    private mutating func writeIdentifiers(_ key: String, _ list: [IdentifierURI], evenIfEmpty: Bool = false) {
        guard evenIfEmpty || !list.isEmpty else { return }
        out.key(key)
        out.beginArray()
        for uri in list { out.string(identifier(uri)) }
        out.endArray()
    }

    private mutating func writeQuantities(_ key: String, _ list: [QuantityElement]) {
        guard !list.isEmpty else { return }
        out.key(key)
        out.beginArray()
        for element in list {
            out.beginObject()
            out.member("epcClass", identifier(element.epcClass))
            if let quantity = element.quantity {
                out.key("quantity")
                out.number(quantity)
            }
            if let uom = element.uom { out.member("uom", uom) }
            out.endObject()
        }
        out.endArray()
    }

    private mutating func writeLocation(_ key: String, _ location: LocationReference) {
        out.key(key)
        out.beginObject()
        out.member("id", identifier(location.id))
        writeExtensions(location.extensions)
        out.endObject()
    }

    private mutating func writeSourceDestinations(_ key: String, role: String, _ list: [SourceDestination]) {
        guard !list.isEmpty else { return }
        out.key(key)
        out.beginArray()
        for entry in list {
            out.beginObject()
            out.member("type", entry.type.jsonValue)
            out.member(role, identifier(entry.id))
            out.endObject()
        }
        out.endArray()
    }
}
