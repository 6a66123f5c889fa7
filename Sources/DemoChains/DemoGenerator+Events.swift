internal import EPCIS
internal import Foundation
internal import Identifiers

/// What an event moves: instances and class-level quantities.
struct DemoWhat {
    var epcs: [String] = []
    var quantities: [QuantityElement] = []

    static func lot(_ lgtin: String, _ quantity: Double, _ uom: String = "KGM") -> DemoWhat {
        DemoWhat(quantities: [QuantityElement(epcClass: IdentifierURI(lgtin), quantity: quantity, uom: uom)])
    }
}

extension DemoGenerator {
    static let cbv = "urn:epcglobal:cbv:"

    func bizStep(_ term: String) -> CBVValue? { CBVValue(Self.cbv + "bizstep:" + term, in: .bizStep) }
    func disposition(_ term: String) -> CBVValue? { CBVValue(Self.cbv + "disp:" + term, in: .disposition) }
    func sdt(_ term: String) -> CBVValue? { CBVValue(Self.cbv + "sdt:" + term, in: .sourceDestType) }

    /// A random version-4 UUID URN from the id generator, so event IDs are deterministic.
    mutating func newEventID() -> String {
        let high = idRNG.next()
        let low = idRNG.next()
        let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
        var chars = Array(hex)
        chars[12] = "4"
        chars[16] = ["8", "9", "a", "b"][Int(low >> 62)]
        let text = String(chars)
        func part(_ from: Int, _ to: Int) -> Substring { text.dropFirst(from).prefix(to - from) }
        return "urn:uuid:\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// A fresh number unique within the whole generation.
    mutating func nextSerial() -> Int {
        serial += 1
        return serial
    }

    /// An event of a type at a time `hours` after the run started.
    func event(_ type: EventType, _ hours: Double) -> EPCISEvent {
        EPCISEvent(type: type, eventTime: EPCISDateTime(runStart.addingTimeInterval(hours * 3_600)), eventTimeZoneOffset: "+08:00")
    }

    /// Gives the event an ID, queues it and returns the ID.
    @discardableResult
    mutating func emit(_ event: EPCISEvent) -> String {
        var event = event
        let id = newEventID()
        event.eventID = id
        if event.eventTime.date > latestEventTime { latestEventTime = event.eventTime.date }
        pending.append(event)
        return id
    }

    /// An ObjectEvent ADD commissioning instances or a lot at a party's site.
    @discardableResult
    mutating func commission(_ what: DemoWhat, at party: DemoParty, hours: Double, ilmd: [ExtensionElement]? = nil) -> String {
        var e = event(.objectEvent, hours)
        e.action = .add
        e.epcList = what.epcs.map { IdentifierURI($0) }
        e.quantityList = what.quantities
        e.bizStep = bizStep("commissioning")
        e.disposition = disposition("active")
        e.readPoint = LocationReference(id: IdentifierURI(party.location))
        e.bizLocation = LocationReference(id: IdentifierURI(party.location))
        e.ilmd = ilmd
        return emit(e)
    }

    /// A desadv business transaction id issued by the shipping party.
    mutating func desadv(from party: DemoParty) -> String {
        let gln = party.companyPrefix + "00001"
        let check = GS1CheckDigit.compute(gln).map(String.init) ?? "0"
        return "urn:epcglobal:cbv:bt:\(gln)\(check):DESADV-\(nextSerial())"
    }

    /// A shipping (OBSERVE, in_transit) or receiving (OBSERVE, in_progress) ObjectEvent between two parties.
    @discardableResult
    mutating func move(
        _ what: DemoWhat, from source: DemoParty, to destination: DemoParty, desadv: String, hours: Double, receiving: Bool
    ) -> String {
        var e = event(.objectEvent, hours)
        e.action = .observe
        e.epcList = what.epcs.map { IdentifierURI($0) }
        e.quantityList = what.quantities
        e.bizStep = bizStep(receiving ? "receiving" : "shipping")
        e.disposition = disposition(receiving ? "in_progress" : "in_transit")
        let site = receiving ? destination.location : source.location
        e.readPoint = LocationReference(id: IdentifierURI(site))
        if receiving { e.bizLocation = LocationReference(id: IdentifierURI(site)) }
        e.bizTransactionList = [BizTransaction(type: CBVValue(Self.cbv + "btt:desadv", in: .bizTransactionType), id: IdentifierURI(desadv))]
        e.sourceList = sdt("owning_party").map { [SourceDestination(type: $0, id: IdentifierURI(source.pgln))] } ?? []
        e.sourceList += sdt("location").map { [SourceDestination(type: $0, id: IdentifierURI(source.location))] } ?? []
        e.destinationList = sdt("owning_party").map { [SourceDestination(type: $0, id: IdentifierURI(destination.pgln))] } ?? []
        e.destinationList += sdt("location").map { [SourceDestination(type: $0, id: IdentifierURI(destination.location))] } ?? []
        return emit(e)
    }

    /// A TransformationEvent at a party's site.
    @discardableResult
    mutating func transform(
        inputs: DemoWhat, outputs: DemoWhat, at party: DemoParty, hours: Double, step: String,
        ilmd: [ExtensionElement]? = nil, certificationInfo: [String] = []
    ) -> String {
        var e = event(.transformationEvent, hours)
        e.inputEPCList = inputs.epcs.map { IdentifierURI($0) }
        e.inputQuantityList = inputs.quantities
        e.outputEPCList = outputs.epcs.map { IdentifierURI($0) }
        e.outputQuantityList = outputs.quantities
        e.bizStep = bizStep(step)
        e.disposition = disposition("active")
        e.readPoint = LocationReference(id: IdentifierURI(party.location))
        e.bizLocation = LocationReference(id: IdentifierURI(party.location))
        e.ilmd = ilmd
        e.certificationInfo = certificationInfo
        return emit(e)
    }

    /// An AggregationEvent packing (ADD) or unpacking (DELETE) children into or out of a parent.
    @discardableResult
    mutating func aggregate(parent: String, children: [String], at party: DemoParty, hours: Double, pack: Bool) -> String {
        var e = event(.aggregationEvent, hours)
        e.action = pack ? .add : .delete
        e.parentID = IdentifierURI(parent)
        e.childEPCs = children.map { IdentifierURI($0) }
        e.bizStep = bizStep(pack ? "packing" : "unpacking")
        e.disposition = disposition(pack ? "in_progress" : "in_progress")
        e.readPoint = LocationReference(id: IdentifierURI(party.location))
        e.bizLocation = LocationReference(id: IdentifierURI(party.location))
        return emit(e)
    }

    /// A retail sale or a dispensing: the goods leave the supply chain at a party's site.
    @discardableResult
    mutating func sell(_ what: DemoWhat, at party: DemoParty, hours: Double, dispensing: Bool = false) -> String {
        var e = event(.objectEvent, hours)
        e.action = .observe
        e.epcList = what.epcs.map { IdentifierURI($0) }
        e.quantityList = what.quantities
        e.bizStep = bizStep(dispensing ? "dispensing" : "retail_selling")
        e.disposition = disposition(dispensing ? "dispensed" : "retail_sold")
        e.readPoint = LocationReference(id: IdentifierURI(party.location))
        e.bizLocation = LocationReference(id: IdentifierURI(party.location))
        return emit(e)
    }

    /// An inspection (ObjectEvent OBSERVE, inspecting) of instances at a party's site: they are seen there.
    @discardableResult
    mutating func inspect(_ what: DemoWhat, at party: DemoParty, hours: Double) -> String {
        var e = event(.objectEvent, hours)
        e.action = .observe
        e.epcList = what.epcs.map { IdentifierURI($0) }
        e.bizStep = bizStep("inspecting")
        e.disposition = disposition("active")
        e.readPoint = LocationReference(id: IdentifierURI(party.location))
        e.bizLocation = LocationReference(id: IdentifierURI(party.location))
        return emit(e)
    }

    /// Destroys instances at a party's site (ObjectEvent DELETE, destroying, destroyed).
    @discardableResult
    mutating func destroy(_ what: DemoWhat, at party: DemoParty, hours: Double) -> String {
        var e = event(.objectEvent, hours)
        e.action = .delete
        e.epcList = what.epcs.map { IdentifierURI($0) }
        e.quantityList = what.quantities
        e.bizStep = bizStep("destroying")
        e.disposition = disposition("destroyed")
        e.readPoint = LocationReference(id: IdentifierURI(party.location))
        e.bizLocation = LocationReference(id: IdentifierURI(party.location))
        return emit(e)
    }

    /// An ilmd element in the project namespace, or in CBV master data (`cbvmda`).
    func ilmdElement(_ name: String, _ value: ExtensionValue, cbv: Bool = false) -> ExtensionElement {
        let name = cbv
            ? QualifiedName(namespace: "urn:epcglobal:cbv:mda:", localName: name, prefix: "cbvmda")
            : QualifiedName(namespace: DemoWorld.namespace, localName: name, prefix: "suyuan")
        return ExtensionElement(name: name, value: value)
    }

    /// A lot number `L` + run-unique digits.
    mutating func lotNumber() -> String { "L\(String(nextSerial()).leftPadded(7))" }

    /// Rounds a mass to 0.1 kg.
    func kg(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
