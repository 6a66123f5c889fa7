import EPCIS
import Foundation

/// The EU General Food Law Art. 18 record for a lot, one step back and one step forward, with the data elements of
/// Implementing Regulation (EU) 931/2011 Art. 3(1)(a)–(h) for each consignment.
///
/// A consignment is a shipping event and the receiving event with the same business document (or either alone):
/// "one step back" when the lot came in to a business from a supplier, "one step forward" when it went out from
/// it, as seen from the business named in the request (from every business of the chain when none is named).
public enum EU178Export {
    /// The columns: 931/2011 Art. 3(1) letters in the headers.
    public static let columns = [
        "Direction", "(a) Description of the food", "(b) Volume or quantity", "Unit",
        "(c) Name of the FBO dispatching", "(c) Address of the FBO dispatching",
        "(d) Consignor (owner), if different", "(e) Name of the FBO receiving", "(e) Address of the FBO receiving",
        "(f) Consignee (owner), if different", "(g) Lot, batch or consignment reference", "(h) Date of dispatch",
        "Date received", "Quantity received", "Business document", "Event IDs",
    ]

    /// Builds the record.
    /// - Parameters:
    ///   - input: the lot's events and master data.
    ///   - lot: the lot.
    ///   - party: the business the record is kept by, if any.
    public static func workbook(_ input: ExportInput, lot: String, party: String? = nil) -> ExportWorkbook {
        let directory = input.directory
        let lotKey = IdentifierURI(lot).canonicalKey
        let partyKey = party.map { IdentifierURI($0).canonicalKey }
        let own = party.map { directory.locations(of: $0) } ?? []
        struct Consignment {
            var shipping: EPCISEvent?
            var receiving: EPCISEvent?
        }
        var order: [String] = []
        var consignments: [String: Consignment] = [:]
        for event in input.events where ["shipping", "receiving"].contains(event.stepTerm) {
            let key =
                event.bizTransactionList.first?.id.text
                ?? "\(event.sourceLocation ?? "")>\(event.destinationLocation ?? "")@\(event.eventID ?? "")"
            if consignments[key] == nil { order.append(key) }
            if event.stepTerm == "shipping" {
                consignments[key, default: Consignment()].shipping = event
            } else {
                consignments[key, default: Consignment()].receiving = event
            }
        }
        var rows: [[ExportCell]] = []
        for key in order {
            guard let consignment = consignments[key], let any = consignment.shipping ?? consignment.receiving else {
                continue
            }
            let sender = any.sourceParty ?? any.sourceLocation.flatMap { directory.place($0)?.owner }
            let receiver = any.destinationParty ?? any.destinationLocation.flatMap { directory.place($0)?.owner }
            let senderPlace = any.sourceLocation ?? consignment.shipping?.place
            let receiverPlace = any.destinationLocation ?? consignment.receiving?.place
            func isOwn(_ partyID: String?, _ place: String?) -> Bool {
                (partyID.map { IdentifierURI($0).canonicalKey } == partyKey && partyKey != nil)
                    || place.map { own.contains(IdentifierURI($0).canonicalKey) } == true
            }
            let direction: String
            if party == nil {
                direction = "one step back and forward"
            } else if isOwn(receiver, receiverPlace) {
                direction = "one step back (supplier)"
            } else if isOwn(sender, senderPlace) {
                direction = "one step forward (customer)"
            } else {
                continue
            }
            let shipped = consignment.shipping.flatMap { quantity(of: lotKey, in: $0) }
            let received = consignment.receiving.flatMap { quantity(of: lotKey, in: $0) }
            let amount = shipped ?? received
            let item = ItemKey(IdentifierURI(lot))
            rows.append([
                .text(direction), .text(directory.product(gtin: item.gtin)),
                amount?.quantity.map(ExportCell.number) ?? .text(""), .text(amount?.uom ?? ""),
                .text(directory.name(sender ?? senderPlace)), .text(address(directory, senderPlace ?? sender)),
                .text(possessor(any.sourceList, owner: sender, directory)),
                .text(directory.name(receiver ?? receiverPlace)),
                .text(address(directory, receiverPlace ?? receiver)),
                .text(possessor(any.destinationList, owner: receiver, directory)),
                .text(FSMA204Export.tlc(item, IdentifierURI(lot))),
                .text(consignment.shipping.map(RecordTime.localDate) ?? ""),
                .text(consignment.receiving.map(RecordTime.localDate) ?? ""),
                received?.quantity.map(ExportCell.number) ?? .text(""),
                .text(any.reference.map { "\($0.type) \($0.number)" } ?? ""),
                .text(
                    [consignment.shipping?.eventID, consignment.receiving?.eventID].compactMap { $0 }.joined(
                        separator: " ")),
            ])
        }
        return ExportWorkbook(sheets: [ExportSheet(name: "EU 178-2002 Art 18", header: columns, rows: rows)])
    }

    static func quantity(of key: String, in event: EPCISEvent) -> QuantityElement? {
        event.quantityList.first { $0.epcClass.canonicalKey == key }
    }

    static func address(_ directory: MasterDataDirectory, _ id: String?) -> String {
        guard let place = directory.place(id) else { return id.map(MasterDataDirectory.plainKey) ?? "" }
        return place.address
    }

    /// A possessing party that differs from the owner (931/2011 (d), (f)).
    static func possessor(_ list: [SourceDestination], owner: String?, _ directory: MasterDataDirectory) -> String {
        guard let possessing = list.first(where: { $0.type.standardTerm == "possessing_party" })?.id.text,
            possessing != owner
        else { return "" }
        return directory.describe(possessing)
    }
}
