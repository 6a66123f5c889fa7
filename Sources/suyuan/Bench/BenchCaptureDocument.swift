import EPCIS

/// A deterministic, valid EPCIS document for the capture benchmark: a repeating story of commissioning (with a lot
/// quantity), packing onto an SSCC, shipping between two parties under a purchase order, and a transformation of a
/// lot into serialised output, at 50 sites, each event with its own identifiers.
enum BenchCaptureDocument {
    static func make(events: Int) -> EPCISDocument {
        var document = EPCISDocument()
        document.creationDate = EPCISDateTime("2026-03-01T00:00:00Z")
        document.events.reserveCapacity(events)
        let farm = SourceDestination(type: term("owning_party", .sourceDestType), id: "urn:epc:id:pgln:0614141.00888")
        let plant = SourceDestination(type: term("owning_party", .sourceDestType), id: "urn:epc:id:pgln:0614141.00777")
        for i in 0..<events {
            let minute = i % (60 * 24 * 27)
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let day = "2026-02-\(two(1 + minute / 1440))"
            let text = "\(day)T\(two(minute / 60 % 24)):\(two(minute % 60)):\(two(i % 60)).\(i % 1000)+08:00"
            guard let time = EPCISDateTime(text) else { continue }
            let site = LocationReference(id: IdentifierURI("urn:epc:id:sgln:0614141.00888.\(i % 50)"))
            let lot = IdentifierURI("urn:epc:class:lgtin:0614141.107346.L\(i % 1000)")
            let sscc = IdentifierURI("urn:epc:id:sscc:0614141.\(String(1_000_000_000 + i))")
            func sgtin(_ serial: Int) -> IdentifierURI { IdentifierURI("urn:epc:id:sgtin:0614141.107346.\(serial)") }
            var event: EPCISEvent
            switch i % 4 {
            case 0:
                event = EPCISEvent(type: .objectEvent, eventTime: time, eventTimeZoneOffset: "+08:00")
                event.action = .add
                event.bizStep = CBVValue("commissioning", in: .bizStep)
                event.disposition = CBVValue("active", in: .disposition)
                event.epcList = [sgtin(i)]
                event.quantityList = [QuantityElement(epcClass: lot, quantity: 10, uom: "KGM")]
            case 1:
                event = EPCISEvent(type: .aggregationEvent, eventTime: time, eventTimeZoneOffset: "+08:00")
                event.action = .add
                event.bizStep = CBVValue("packing", in: .bizStep)
                event.parentID = sscc
                event.childEPCs = [sgtin(i), sgtin(i + 10_000_000)]
            case 2:
                event = EPCISEvent(type: .objectEvent, eventTime: time, eventTimeZoneOffset: "+08:00")
                event.action = .observe
                event.bizStep = CBVValue("shipping", in: .bizStep)
                event.disposition = CBVValue("in_transit", in: .disposition)
                event.epcList = [sscc]
                event.quantityList = [QuantityElement(epcClass: lot, quantity: 5, uom: "KGM")]
                event.bizTransactionList = [
                    BizTransaction(
                        type: CBVValue("po", in: .bizTransactionType),
                        id: IdentifierURI("urn:epcglobal:cbv:bt:0614141073467:\(i)"))
                ]
                event.sourceList = [farm]
                event.destinationList = [plant]
            default:
                event = EPCISEvent(type: .transformationEvent, eventTime: time, eventTimeZoneOffset: "+08:00")
                event.bizStep = CBVValue("commissioning", in: .bizStep)
                event.inputQuantityList = [QuantityElement(epcClass: lot, quantity: 2.5, uom: "KGM")]
                event.outputEPCList = [sgtin(i)]
                event.transformationID = "urn:uuid:00000000-0000-4000-8000-\(String(100_000_000_000 + i))"
            }
            event.readPoint = site
            event.bizLocation = site
            document.events.append(event)
        }
        return document
    }

    private static func term(_ word: String, _ vocabulary: CBVVocabulary) -> CBVValue {
        guard let value = CBVValue(word, in: vocabulary) else { preconditionFailure("\(word) is a CBV term") }
        return value
    }
}
