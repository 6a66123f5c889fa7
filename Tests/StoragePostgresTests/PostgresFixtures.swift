import EPCIS
import Storage

/// Varied valid events for the PostgreSQL tests (the SQLite tests' story, copied: test targets cannot share files): commissioning, aggregation, shipping and receiving with parties and
/// transactions, a transformation, a destruction.
enum PostgresFixtures {
    static let context = CaptureContext(recordTime: time("2026-03-01T12:00:00Z"))
    static let farm = "urn:epc:id:sgln:0614141.00888.0"
    static let shed = "urn:epc:id:sgln:0614141.00888.1"
    static let plant = "urn:epc:id:sgln:0614141.00777.0"
    static let farmParty = "urn:epc:id:pgln:0614141.00888"
    static let plantParty = "urn:epc:id:pgln:0614141.00777"
    static let pallet = "urn:epc:id:sscc:0614141.1234567890"
    static let lot = "urn:epc:class:lgtin:0614141.107346.L1"
    static let product = "urn:epc:class:lgtin:0614141.107347.P1"
    static let order = "urn:epcglobal:cbv:bt:0614141073467:1152"

    static func time(_ text: String) -> EPCISDateTime {
        guard let time = EPCISDateTime(text) else { preconditionFailure("bad fixture time \(text)") }
        return time
    }

    static func item(_ serial: Int) -> IdentifierURI {
        IdentifierURI("urn:epc:id:sgtin:0614141.107346.\(serial)")
    }

    static func event(_ type: EventType, _ minute: Int, _ action: Action?, _ step: String?, at place: String?)
        -> EPCISEvent
    {
        var event = EPCISEvent(
            type: type, eventTime: time("2026-03-01T10:\(minute < 10 ? "0" : "")\(minute):00+08:00"),
            eventTimeZoneOffset: "+08:00")
        event.action = action
        event.bizStep = step.flatMap { CBVValue($0, in: .bizStep) }
        event.bizLocation = place.map { LocationReference(id: IdentifierURI($0)) }
        event.readPoint = place.map { LocationReference(id: IdentifierURI($0)) }
        return event
    }

    /// The story: items 1–3 and 100 kg of lot L1 commissioned at the farm, items packed on a pallet, shipped to
    /// the plant under a purchase order, received, the lot turned into product, one item destroyed.
    static var story: [EPCISEvent] {
        var commission = event(.objectEvent, 1, .add, "commissioning", at: shed)
        commission.epcList = [item(1), item(2), item(3)]
        commission.quantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 100, uom: "KGM")]
        commission.disposition = CBVValue("active", in: .disposition)
        var pack = event(.aggregationEvent, 2, .add, "packing", at: shed)
        pack.parentID = IdentifierURI(pallet)
        pack.childEPCs = [item(1), item(2), item(3)]
        var ship = event(.objectEvent, 3, .observe, "shipping", at: farm)
        ship.epcList = [IdentifierURI(pallet)]
        ship.quantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 60, uom: "KGM")]
        ship.disposition = CBVValue("in_transit", in: .disposition)
        ship.bizTransactionList = [
            BizTransaction(type: CBVValue("po", in: .bizTransactionType), id: IdentifierURI(order))
        ]
        ship.sourceList = [party("owning_party", farmParty)]
        ship.destinationList = [party("owning_party", plantParty)]
        var receive = event(.objectEvent, 4, .observe, "receiving", at: plant)
        receive.epcList = [IdentifierURI(pallet)]
        receive.quantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 60, uom: "KGM")]
        receive.disposition = CBVValue("in_progress", in: .disposition)
        receive.bizTransactionList = ship.bizTransactionList
        receive.sourceList = ship.sourceList
        receive.destinationList = ship.destinationList
        var unpack = event(.aggregationEvent, 5, .delete, "unpacking", at: plant)
        unpack.parentID = IdentifierURI(pallet)
        var transform = event(.transformationEvent, 6, nil, "commissioning", at: plant)
        transform.inputQuantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 50, uom: "KGM")]
        transform.outputQuantityList = [QuantityElement(epcClass: IdentifierURI(product), quantity: 200)]
        transform.transformationID = "urn:uuid:7d3c6f3e-2b4f-4e3a-9c1d-1a2b3c4d5e6f"
        var destroy = event(.objectEvent, 7, .delete, "destroying", at: plant)
        destroy.epcList = [item(3)]
        destroy.disposition = CBVValue("destroyed", in: .disposition)
        return [commission, pack, ship, receive, unpack, transform, destroy]
    }

    static func party(_ type: String, _ id: String) -> SourceDestination {
        guard let value = CBVValue(type, in: .sourceDestType) else { preconditionFailure("bad fixture type") }
        return SourceDestination(type: value, id: IdentifierURI(id))
    }

    /// Master data: the shed is part of the farm, which has a name.
    static var masterData: [Vocabulary] {
        [
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:BusinessLocation",
                elements: [
                    VocabularyElement(
                        id: farm,
                        attributes: [VocabularyAttribute(id: "urn:epcglobal:cbv:mda#name", value: .string("Farm"))],
                        children: [shed])
                ])
        ]
    }

    static var document: EPCISDocument {
        var document = EPCISDocument(kind: .document, events: story)
        document.masterData = masterData
        return document
    }
}
