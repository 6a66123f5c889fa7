import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// The console's facts read from what the stores keep: names by the master data (``Names``), keys canonical.
extension ConsoleFacts.Recall {
    init(_ record: RecallRecord, names: Names) {
        self.init(
            id: record.id, root: record.root, rootKey: IdentifierKeys.canonical(record.root), reason: record.reason,
            initiatedBy: record.initiatedBy, issuedAt: record.issuedAt, identifiers: record.identifiers.count,
            parties: record.parties.count, events: record.eventCount, truncated: record.truncated,
            origin: record.origin,
            holders: record.holders.map { holder in
                var facts = ConsoleFacts.Holder(
                    party: holder.party.map { names.partyName(IdentifierKeys.canonical($0)) },
                    location: names.locationName(IdentifierKeys.canonical(holder.location)),
                    identifier: holder.identifier, quantity: holder.quantity, uom: holder.uom)
                facts.platform = holder.platform
                facts.relayedAt = holder.relayedAt
                facts.acknowledgedBy = holder.acknowledgement?.by
                facts.acknowledgedAt = holder.acknowledgement?.at
                facts.note = holder.acknowledgement?.note
                return facts
            })
    }
}

extension ConsoleFacts.Finding {
    init(_ finding: Finding, names: Names) {
        self.init(
            kind: finding.kind.rawValue, identifier: finding.identifier, key: finding.key, events: finding.events,
            at: finding.at)
        func party(_ text: String?) -> ConsoleFacts.Party? {
            text.map { text in
                let key = IdentifierKeys.canonical(text)
                return ConsoleFacts.Party(key: key, name: names.partyName(key))
            }
        }
        from = party(finding.from)
        to = party(finding.to)
        if finding.kind == .unlicensedParty { subject = party(finding.key) }
        expected = finding.expected
        actual = finding.actual
        uom = finding.uom
        note = finding.note
    }
}

extension ConsoleFacts.RegistryParty {
    init(_ party: PartyRegistryView.PartyDTO, names: Names) {
        let name = names.partyName(party.key)
        self.init(
            id: party.id, key: party.key,
            name: name.name.isEmpty ? ConsumerStory.Name(LocalizedText(party.name ?? ""), key: party.key) : name,
            role: party.role, licenceNumber: party.licenceNumber, licenceStatus: party.licenceStatus,
            blacklisted: party.blacklisted)
    }
}

extension ConsoleFacts.RegistryChange {
    init(_ change: PartyChange, names: Names) {
        self.init(
            party: names.partyName(IdentifierKeys.canonical(change.party)),
            attribute: change.attribute.split(whereSeparator: { $0 == "#" || $0 == "/" }).last.map(String.init)
                ?? change.attribute,
            oldValue: change.oldValue, newValue: change.newValue, by: change.changedBy, at: change.changedAt,
            reason: change.reason)
    }
}

extension ConsoleFacts.Report {
    init(_ report: ConsumerReport, names: Names) {
        self.init(
            key: report.key, product: names.productName(report.key), problem: report.problem, text: report.text,
            phone: report.phone, at: report.reportedAt)
    }
}

extension Names {
    /// A code's product as the console names it: the lot's EPCClass, else the GTIN's; else its readable key.
    func productName(_ key: String) -> ConsumerStory.Name {
        let link = DigitalLinkKey(key)
        var candidates: [String] = []
        if let gtin = link.value("01") {
            if let lot = link.value("10") { candidates.append("https://id.gs1.org/01/\(gtin)/10/\(lot)") }
            candidates.append("https://id.gs1.org/01/\(gtin)")
        }
        for candidate in candidates {
            if let product = productClasses[candidate], !product.name.isEmpty {
                return ConsumerStory.Name(product.name, key: key)
            }
        }
        return ConsumerStory.Name(LocalizedText(), key: key)
    }
}
