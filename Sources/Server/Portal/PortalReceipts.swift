import EPCIS
import Foundation
import Storage
import Web

/// Shipments addressed to a party that it has not confirmed (the open shipment projection), and the receipt that
/// confirms one in full, in part (quantities received and a reason) or refuses it.
struct PortalShipment: Sendable {
    /// The shipping event's ID.
    let id: String
    /// The shipping event.
    let event: EPCISEvent
    /// The sending party's canonical key.
    let source: String

    /// The shipments addressed to the party (or one of its places) not yet received, oldest first.
    static func open<Store: PlatformStore>(for party: PortalParty, store: Store) async throws -> [PortalShipment] {
        var shipments: [PortalShipment] = []
        for open in try await store.openShipments() where party.keys.contains(open.destination) {
            guard let stored = try await store.events(withID: open.shippingEventID).first else { continue }
            shipments.append(PortalShipment(id: open.shippingEventID, event: stored.event, source: open.source))
        }
        return shipments
    }

    /// The delivery note numbers (the last part of each business transaction URI).
    var transactions: [String] {
        event.bizTransactionList.map { String($0.id.text.split(separator: ":").last ?? "") }
    }
}

extension PortalDraft {
    /// The receipt of a shipment. ObjectEvent OBSERVE, bizStep receiving, at one of the party's places, with the
    /// shipment's business transactions (which pair it with the shipment for the reconciliation), its source, and
    /// the party and its place as destination. In full: the shipped quantities. In part: the quantities received,
    /// with the reason.
    /// Refused: the lots without a quantity (nothing enters the party's stock; the reconciliation then reports the
    /// whole quantity as missing), with the reason.
    mutating func receive(_ shipment: PortalShipment) {
        fields.append(PortalFormModel.Field("shipment", kind: .hidden, label: "", value: shipment.id))
        let place = place()
        let outcome = value("outcome") ?? "full"
        fields.append(PortalFormModel.Field(
            "outcome", kind: .select, label: label("outcome"), value: outcome,
            options: ["full", "partial", "refused"].map {
                .init(value: $0, label: catalog.text("portal.outcome.\($0)"))
            }))
        if !["full", "partial", "refused"].contains(outcome) { refuse("outcome", "choose") }
        fields.append(PortalFormModel.Field(
            "reason", kind: .text, label: label("reason"), value: values["reason"] ?? ""))
        let reason = value("reason")
        var received: [[String: Any]] = []
        var lines: [String] = []
        var short = false
        for element in shipment.event.quantityList {
            let lot = element.epcClass.canonicalKey
            let uom = element.uom ?? ""
            let shipped = element.quantity ?? 0
            let name = "qty-" + PortalParty.shortHash(lot + "|" + uom)
            let lotName = party.lotName(lot)
            fields.append(PortalFormModel.Field(
                name, kind: .number, label: lotName, value: posted ? (values[name] ?? "") : PortalParty.format(shipped),
                hint: catalog.format("portal.form.shipped", ["quantity": amount(shipped, uom)])))
            var quantity = shipped
            if outcome == "refused" {
                quantity = 0
            } else if outcome == "partial" {
                guard let text = value(name), let number = Double(text), number.isFinite, number >= 0 else {
                    refuse(name, "positive", ["value": values[name] ?? ""], label: lotName)
                    continue
                }
                if number > shipped + 1e-9 {
                    refuse(name, "moreThanShipped", ["quantity": amount(shipped, uom)], label: lotName)
                    continue
                }
                quantity = number
            }
            if quantity < shipped - 1e-9 { short = true }
            received.append(Self.quantityElement(element.epcClass.text, quantity > 0 ? quantity : nil, uom: uom))
            lines.append(lotName + ": " + amount(quantity, uom) + " / " + amount(shipped, uom))
        }
        if outcome == "partial", !short, problems.isEmpty {
            refuse(fields.last?.name ?? "outcome", "notShort", label: label("outcome"))
        }
        if outcome != "full", reason == nil { refuse("reason", "reasonNeeded") }
        guard problems.isEmpty, let place else { return }
        var event = base("ObjectEvent", at: place)
        event["action"] = "OBSERVE"
        event["bizStep"] = "receiving"
        if outcome != "refused" { event["disposition"] = "in_progress" }
        event["quantityList"] = received
        event["bizTransactionList"] = shipment.event.bizTransactionList.map {
            var entry: [String: Any] = ["bizTransaction": $0.id.text]
            if let type = $0.type { entry["type"] = type.jsonValue }
            return entry
        }
        event["sourceList"] = shipment.event.sourceList.map { ["type": $0.type.jsonValue, "source": $0.id.text] }
        event["destinationList"] = [
            ["type": "owning_party", "destination": party.id], ["type": "location", "destination": place.id],
        ]
        if outcome != "full" {
            event["suyuan:receiptOutcome"] = outcome
            event["suyuan:reason"] = reason ?? ""
        }
        self.event = event
        summary = [catalog.format("portal.summary.receive.\(outcome)", [
            "party": party.names.partyName(shipment.source).text(catalog) ?? shipment.source,
            "reason": reason ?? "",
        ])] + lines
    }
}
