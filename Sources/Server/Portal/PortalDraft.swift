import EPCIS
import Foundation
import Web

/// A form being filled: its fields (pre-filled, or as posted), the problems of the posted values each named by its
/// field, and once there are none the EPCIS event it writes (as JSON-LD) with a summary in words.
///
/// Building a draft reads nothing and stores nothing; ``PortalCapture`` checks and stores its event.
struct PortalDraft {
    let party: PortalParty
    /// The posted values; empty for a fresh form.
    let values: [String: String]
    /// Whether the values were posted (checked), or the form is shown fresh.
    let posted: Bool
    var fields: [PortalFormModel.Field] = []
    var problems: [PortalFormModel.Problem] = []
    var event: [String: Any]?
    var summary: [String] = []
    /// When the draft was made: the event's time.
    let now: Date

    init(party: PortalParty, values: [String: String], now: Date = Date()) {
        self.party = party
        self.values = values
        posted = values["step"] != nil
        self.now = now
    }

    var catalog: MessageCatalog { party.catalog }

    /// The posted value of a field, trimmed; nil when empty or not posted.
    func value(_ name: String) -> String? {
        guard let text = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }

    func label(_ name: String) -> String { catalog.text("portal.field.\(name)") }

    /// Records a problem of a field, with the rule's message.
    mutating func refuse(_ field: String, _ rule: String, _ values: [String: String] = [:], label: String? = nil) {
        guard posted else { return }
        problems.append(PortalFormModel.Problem(
            field: field, label: label ?? self.label(field), message: catalog.format("portal.rule.\(rule)", values)))
    }

    // MARK: Fields

    /// The place where it happens: one of the party's places (the first by default).
    mutating func place() -> PortalParty.Place? {
        let chosen = value("location") ?? party.places.first?.id ?? ""
        fields.append(PortalFormModel.Field(
            "location", kind: .select, label: label("location"), value: chosen,
            options: party.places.map { .init(value: $0.id, label: $0.name) }))
        guard let place = party.places.first(where: { $0.id == chosen }) else {
            refuse("location", party.places.isEmpty ? "noPlaces" : "notYours")
            return nil
        }
        return place
    }

    /// A required text, at most `limit` characters of `allowed`.
    mutating func text(_ name: String, default fallback: String = "", limit: Int = 20, code: Bool = true) -> String? {
        fields.append(PortalFormModel.Field(
            name, kind: .text, label: label(name), value: posted ? (values[name] ?? "") : fallback, required: true))
        guard let text = value(name) else {
            refuse(name, "required")
            return nil
        }
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._")
        if code, !text.unicodeScalars.allSatisfy(allowed.contains) || text.count > limit {
            refuse(name, "code", ["limit": String(limit)])
            return nil
        }
        if !code, text.count > limit {
            refuse(name, "tooLong", ["limit": String(limit)])
            return nil
        }
        return text
    }

    /// A positive quantity.
    mutating func quantity(_ name: String, default fallback: String = "", hint: String? = nil) -> Double? {
        fields.append(PortalFormModel.Field(
            name, kind: .number, label: label(name), value: posted ? (values[name] ?? "") : fallback, hint: hint))
        guard let text = value(name) else {
            refuse(name, "required")
            return nil
        }
        guard let number = Double(text), number.isFinite, number > 0 else {
            refuse(name, "positive", ["value": text])
            return nil
        }
        return number
    }

    /// A unit of measure: kilograms, litres or pieces (UN/ECE Recommendation 20: KGM, LTR, H87 shown as EA).
    mutating func unit(_ name: String = "unit") -> String {
        let chosen = value(name) ?? "KGM"
        fields.append(PortalFormModel.Field(
            name, kind: .select, label: label(name), value: chosen,
            options: ["KGM", "LTR", "EA"].map { .init(value: $0, label: party.unitName($0)) }))
        guard ["KGM", "LTR", "EA"].contains(chosen) else {
            refuse(name, "choose")
            return "KGM"
        }
        return chosen
    }

    /// A date (`yyyy-MM-dd`); a required one defaults to today.
    mutating func date(_ name: String, required: Bool) -> String? {
        let today = Self.day(now)
        fields.append(PortalFormModel.Field(
            name, kind: .date, label: label(name), value: posted ? (values[name] ?? "") : (required ? today : "")))
        guard let text = value(name) else {
            if required { refuse(name, "required") }
            return nil
        }
        guard Self.parseDay(text) != nil else {
            refuse(name, "date", ["value": text])
            return nil
        }
        return text
    }

    /// A product of the master data.
    mutating func product(_ name: String) -> String? {
        let products = party.products
        let chosen = value(name) ?? products.first?.gtin ?? ""
        fields.append(PortalFormModel.Field(
            name, kind: .select, label: label(name), value: chosen,
            options: products.map { .init(value: $0.gtin, label: $0.name) }))
        guard products.contains(where: { $0.gtin == chosen }) else {
            refuse(name, products.isEmpty ? "noProducts" : "choose")
            return nil
        }
        return chosen
    }

    /// One quantity field per lot on hand; returns the lots with a quantity given. At least one is required.
    mutating func stockLines(required: Bool = true) -> [(holding: PortalParty.Holding, quantity: Double)] {
        var chosen: [(PortalParty.Holding, Double)] = []
        for holding in party.holdings {
            let name = holding.fieldID
            let onHand = PortalParty.format(holding.onHand) + " " + party.unitName(holding.uom)
            fields.append(PortalFormModel.Field(
                name, kind: .number, label: party.lotName(holding.lot), value: values[name] ?? "",
                hint: catalog.format("portal.form.onHand", ["quantity": onHand])))
            guard let text = value(name) else { continue }
            guard let number = Double(text), number.isFinite, number >= 0 else {
                refuse(name, "positive", ["value": text], label: party.lotName(holding.lot))
                continue
            }
            if number > holding.onHand + 1e-9 {
                refuse(name, "moreThanOnHand", ["quantity": onHand], label: party.lotName(holding.lot))
                continue
            }
            if number > 0 { chosen.append((holding, number)) }
        }
        if required, chosen.isEmpty, problems.isEmpty {
            refuse(party.holdings.first?.fieldID ?? "stock", party.holdings.isEmpty ? "noStock" : "noneChosen",
                   label: catalog.text("portal.field.stock"))
        }
        return chosen
    }

    // MARK: Event parts

    /// The frame of every event: type, time (now, in China's zone), place, and who entered it.
    func base(_ type: String, at place: PortalParty.Place) -> [String: Any] {
        [
            "type": type, "eventTime": EPCISDateTime(now).utcMillisecondText, "eventTimeZoneOffset": "+08:00",
            "readPoint": ["id": place.id], "bizLocation": ["id": place.id],
            "suyuan:enteredBy": party.principal.name,
        ]
    }

    /// A quantity element; counts carry no unit.
    static func quantityElement(_ lot: String, _ quantity: Double?, uom: String) -> [String: Any] {
        var element: [String: Any] = ["epcClass": lot]
        if let quantity {
            element["quantity"] = quantity
            if !uom.isEmpty && uom != "EA" { element["uom"] = uom }
        }
        return element
    }

    /// A lot's Digital Link.
    static func lot(gtin: String, number: String) -> String { "https://id.gs1.org/01/\(gtin)/10/\(number)" }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func parseDay(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text) else { return nil }
        return date
    }

    /// A quantity with its unit, in words.
    func amount(_ quantity: Double, _ uom: String) -> String {
        PortalParty.format(quantity) + " " + party.unitName(uom)
    }
}
