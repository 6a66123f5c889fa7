import EPCIS
import Foundation
import Identifiers

/// What the regulators' records read off an event, in their terms.
extension EPCISEvent {
    /// The business step's bare CBV term (`shipping`), or its URI.
    var stepTerm: String { bizStep.map { $0.standardTerm ?? $0.uri } ?? "" }

    /// Where it happened: the business location, else the read point.
    var place: String? { (bizLocation ?? readPoint)?.id.text }

    func first(_ list: [SourceDestination], _ types: [String]) -> String? {
        for type in types {
            if let match = list.first(where: { $0.type.standardTerm == type }) { return match.id.text }
        }
        return nil
    }

    var sourceParty: String? { first(sourceList, ["owning_party", "possessing_party"]) }
    var sourceLocation: String? { first(sourceList, ["location"]) }
    var destinationParty: String? { first(destinationList, ["owning_party", "possessing_party"]) }
    var destinationLocation: String? { first(destinationList, ["location"]) }

    /// The first business document: its type's term and its number (the part after the issuer in a CBV
    /// `urn:epcglobal:cbv:bt:{GLN}:{number}`).
    var reference: (type: String, number: String)? {
        guard let transaction = bizTransactionList.first else { return nil }
        return (transaction.type.map { $0.standardTerm ?? $0.uri } ?? "", Self.documentNumber(transaction.id.text))
    }

    static func documentNumber(_ id: String) -> String {
        let prefix = "urn:epcglobal:cbv:bt:"
        guard id.hasPrefix(prefix) else { return id }
        let rest = id.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return String(rest) }
        let number = String(rest[rest.index(after: colon)...])
        return number.removingPercentEncoding ?? number
    }

    /// A user extension's text, by local name in the project's namespace, at the top level or in the ILMD.
    func extensionText(_ name: String) -> String? {
        for element in extensions + (ilmd ?? []) where element.name.localName == name {
            switch element.value {
            case .string(let text), .number(let text): return text
            case .bool(let value): return value ? "true" : "false"
            default: continue
            }
        }
        return nil
    }
}

/// GTIN and lot of a class or instance identifier.
struct ItemKey {
    let gtin: String?
    let lot: String?
    let serial: String?
    let kind: EPCIdentifier.Kind?

    init(_ uri: IdentifierURI) {
        let parsed = (try? EPCIdentifier.parse(uri.text)) ?? nil
        gtin = parsed?.value(of: "01")
        lot = parsed?.value(of: "10")
        serial = parsed?.value(of: "21")
        kind = parsed?.kind
    }
}

/// Time as records print it.
enum RecordTime {
    /// `2026-11-20T00:30:00Z`: UTC, to the second, sortable as text.
    static func utc(_ time: EPCISDateTime) -> String {
        String(time.utcMillisecondText.prefix(19)) + "Z"
    }

    /// The local date and time as captured, with its offset: `2026-11-20 08:30 +08:00`.
    static func local(_ event: EPCISEvent) -> String {
        let minutes = event.eventTime.utcOffsetMinutes
        let shifted = EPCISDateTime(
            Date(timeIntervalSince1970: Double(event.eventTime.epochSeconds + Int64(minutes * 60))))
        let text = shifted.utcMillisecondText
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " " + event.eventTimeZoneOffset
    }

    /// The local date: `2026-11-20`.
    static func localDate(_ event: EPCISEvent) -> String { String(local(event).prefix(10)) }

    /// The local month: `2026-11`.
    static func localMonth(_ event: EPCISEvent) -> String { String(local(event).prefix(7)) }
}
