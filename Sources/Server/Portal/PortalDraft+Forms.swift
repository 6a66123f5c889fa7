import EPCIS
import Foundation
import Web

/// The forms that record what a party does with its goods, each mapped to one EPCIS 2.0 event
/// (docs/decisions/0021-party-portal.md).
extension PortalDraft {
    /// Fills the draft of a form: its fields and, when the posted values hold, its event.
    mutating func fill(_ kind: PortalFormKind) {
        switch kind {
        case .produce: produce()
        case .process: process()
        case .ship: ship()
        case .sell: sell()
        case .destroy: destroy()
        case .input: input()
        }
    }

    /// A harvest or production: a new lot. ObjectEvent ADD, bizStep commissioning, disposition active, with the lot
    /// number, production date and expiry as ILMD.
    mutating func produce() {
        let place = place()
        let gtin = product("product")
        let number = text("lot", default: "L" + Self.day(now).replacingOccurrences(of: "-", with: ""))
        let quantity = quantity("quantity")
        let uom = unit()
        let produced = date("productionDate", required: true)
        let expiry = date("expiryDate", required: false)
        if let produced, let expiry, expiry < produced { refuse("expiryDate", "expiryBeforeProduction") }
        guard problems.isEmpty, let place, let gtin, let number, let quantity, let produced else { return }
        var event = base("ObjectEvent", at: place)
        let lot = Self.lot(gtin: gtin, number: number)
        event["action"] = "ADD"
        event["bizStep"] = "commissioning"
        event["disposition"] = "active"
        event["quantityList"] = [Self.quantityElement(lot, quantity, uom: uom)]
        var ilmd: [String: Any] = ["cbvmda:lotNumber": number, "suyuan:productionDate": produced]
        if let expiry { ilmd["cbvmda:itemExpirationDate"] = expiry }
        event["ilmd"] = ilmd
        self.event = event
        summary = [
            catalog.format("portal.summary.produce", [
                "product": party.productName(gtin: gtin), "lot": number, "amount": amount(quantity, uom),
                "place": place.name,
            ]),
            catalog.format("portal.summary.dates", ["produced": produced, "expiry": expiry ?? "—"]),
        ]
    }

    /// Processing: lots on hand consumed, a new lot made. TransformationEvent, with the mass balance shown.
    mutating func process() {
        let place = place()
        let inputs = stockLines()
        let gtin = product("outputProduct")
        let number = text("outputLot", default: "P" + Self.day(now).replacingOccurrences(of: "-", with: ""))
        let output = quantity("outputQuantity")
        let uom = unit("outputUnit")
        let inputMass = inputs.filter { $0.holding.uom == "KGM" }.reduce(0) { $0 + $1.quantity }
        if let output, uom == "KGM", !inputs.isEmpty, inputs.allSatisfy({ $0.holding.uom == "KGM" }),
            output > inputMass + 1e-9
        {
            refuse("outputQuantity", "massGrows", ["input": amount(inputMass, "KGM"), "output": amount(output, uom)])
        }
        guard problems.isEmpty, let place, let gtin, let number, let output else { return }
        var event = base("TransformationEvent", at: place)
        let lot = Self.lot(gtin: gtin, number: number)
        event["bizStep"] = "commissioning"
        event["disposition"] = "active"
        event["inputQuantityList"] = inputs.map {
            Self.quantityElement($0.holding.lot, $0.quantity, uom: $0.holding.uom)
        }
        event["outputQuantityList"] = [Self.quantityElement(lot, output, uom: uom)]
        event["ilmd"] = ["cbvmda:lotNumber": number, "suyuan:productionDate": Self.day(now)]
        self.event = event
        summary = inputs.map {
            catalog.format("portal.summary.consume", ["lot": party.lotName($0.holding.lot),
                                                      "amount": amount($0.quantity, $0.holding.uom)])
        } + [catalog.format("portal.summary.make", [
            "product": party.productName(gtin: gtin), "lot": number, "amount": amount(output, uom),
        ])]
        if uom == "KGM", inputMass > 0 {
            let yield = PortalParty.format((output / inputMass * 1_000).rounded() / 10)
            summary.append(catalog.format("portal.summary.massBalance", [
                "input": amount(inputMass, "KGM"), "output": amount(output, uom), "yield": yield,
            ]))
        }
    }

    /// Shipping lots on hand to another party under a delivery note. ObjectEvent OBSERVE, bizStep shipping,
    /// disposition in_transit, source and destination owning parties, bizTransaction desadv.
    mutating func ship() {
        let place = place()
        let chosen = value("destination") ?? ""
        fields.append(PortalFormModel.Field(
            "destination", kind: .select, label: label("destination"), value: chosen,
            options: [.init(value: "", label: "—")] + party.others.map { .init(value: $0.id, label: $0.name) }))
        let destination = party.others.first { $0.id == chosen }
        if destination == nil { refuse("destination", "choose") }
        let number = text("transaction", default: "DN" + Self.minute(now))
        let lines = stockLines()
        guard problems.isEmpty, let place, let destination, let number else { return }
        var event = base("ObjectEvent", at: place)
        event["action"] = "OBSERVE"
        event["bizStep"] = "shipping"
        event["disposition"] = "in_transit"
        event["quantityList"] = lines.map { Self.quantityElement($0.holding.lot, $0.quantity, uom: $0.holding.uom) }
        event["bizTransactionList"] = [["type": "desadv", "bizTransaction": transactionURI(number)]]
        // The place beside the party tells a trace who holds what is there (CBV 2.0 source/destination types).
        event["sourceList"] = [["type": "owning_party", "source": party.id], ["type": "location", "source": place.id]]
        event["destinationList"] = [["type": "owning_party", "destination": destination.id]]
        self.event = event
        summary = [catalog.format("portal.summary.ship", ["party": destination.name, "transaction": number])]
            + lines.map { party.lotName($0.holding.lot) + ": " + amount($0.quantity, $0.holding.uom) }
    }

    /// Selling to consumers. ObjectEvent OBSERVE, bizStep retail_selling, disposition retail_sold.
    mutating func sell() {
        let place = place()
        let lines = stockLines()
        guard problems.isEmpty, let place else { return }
        var event = base("ObjectEvent", at: place)
        event["action"] = "OBSERVE"
        event["bizStep"] = "retail_selling"
        event["disposition"] = "retail_sold"
        event["quantityList"] = lines.map { Self.quantityElement($0.holding.lot, $0.quantity, uom: $0.holding.uom) }
        self.event = event
        summary = [catalog.text("portal.summary.sell")]
            + lines.map { party.lotName($0.holding.lot) + ": " + amount($0.quantity, $0.holding.uom) }
    }

    /// Destroying goods, with the reason. ObjectEvent DELETE, bizStep destroying, disposition destroyed.
    mutating func destroy() {
        let place = place()
        let reason = text("reason", limit: 200, code: false)
        let lines = stockLines()
        guard problems.isEmpty, let place, let reason else { return }
        var event = base("ObjectEvent", at: place)
        event["action"] = "DELETE"
        event["bizStep"] = "destroying"
        event["disposition"] = "destroyed"
        event["quantityList"] = lines.map { Self.quantityElement($0.holding.lot, $0.quantity, uom: $0.holding.uom) }
        event["suyuan:reason"] = reason
        self.event = event
        summary = [catalog.format("portal.summary.destroy", ["reason": reason])]
            + lines.map { party.lotName($0.holding.lot) + ": " + amount($0.quantity, $0.holding.uom) }
    }

    /// A farm input used at a place (a pesticide sprayed on a field, a veterinary drug given to a herd): ObjectEvent
    /// OBSERVE at the field or barn, bizStep `suyuan:applying_input`, with the input's lot and the quantity used, and
    /// the treated lot (when one is chosen) in the quantity list without a quantity, so that a trace reaches it.
    mutating func input() {
        let place = place()
        let kind = value("inputKind") ?? "pesticide"
        fields.append(PortalFormModel.Field(
            "inputKind", kind: .select, label: label("inputKind"), value: kind,
            options: ["pesticide", "veterinaryDrug"].map {
                .init(value: $0, label: catalog.text("portal.inputKind.\($0)"))
            }))
        if !["pesticide", "veterinaryDrug"].contains(kind) { refuse("inputKind", "choose") }
        let gtin = product("inputProduct")
        let number = text("inputLot")
        let used = quantity("quantity")
        let uom = unit()
        let treatedChoice = value("treated") ?? ""
        fields.append(PortalFormModel.Field(
            "treated", kind: .select, label: label("treated"), value: treatedChoice,
            options: [.init(value: "", label: catalog.text("portal.form.wholePlace"))]
                + party.holdings.map { .init(value: $0.lot, label: party.lotName($0.lot)) }))
        let treated = party.holdings.first { $0.lot == treatedChoice }?.lot
        if !treatedChoice.isEmpty, treated == nil { refuse("treated", "choose") }
        guard problems.isEmpty, let place, let gtin, let number, let used else { return }
        var event = base("ObjectEvent", at: place)
        let inputLot = Self.lot(gtin: gtin, number: number)
        event["action"] = "OBSERVE"
        event["bizStep"] = Self.applyingInput
        event["quantityList"] = [Self.quantityElement(inputLot, used, uom: uom)]
            + (treated.map { [Self.quantityElement($0, nil, uom: "")] } ?? [])
        event["suyuan:farmInput"] = [
            "suyuan:kind": kind, "suyuan:input": inputLot, "suyuan:treated": treated ?? place.id,
        ]
        self.event = event
        summary = [catalog.format("portal.summary.input", [
            "kind": catalog.text("portal.inputKind.\(kind)"), "product": party.productName(gtin: gtin), "lot": number,
            "amount": amount(used, uom), "treated": treated.map(party.lotName) ?? place.name,
        ])]
    }

    /// The business step of a farm input used (CBV 2.0 has none; an extension step is a URI).
    static let applyingInput = "https://ns.suyuan.org/cbv/bizstep/applying_input"

    /// A delivery note's URI (CBV 2.0 section 8.5: `urn:epcglobal:cbv:bt:<GLN>:<number>`).
    func transactionURI(_ number: String) -> String {
        "urn:epcglobal:cbv:bt:\(DigitalLinkKey(party.key).value("417") ?? "0000000000000"):\(number)"
    }

    static func minute(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)
        formatter.dateFormat = "yyyyMMddHHmm"
        return formatter.string(from: date)
    }
}
