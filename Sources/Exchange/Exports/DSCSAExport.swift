import EPCIS
import Foundation

/// The US DSCSA records of a drug shipment (FD&C Act section 581(26)–(27), 582): the transaction information of the
/// shipment, the transaction history back to the manufacturer (each earlier change of ownership of the same
/// products), and the transaction statement of each seller.
public enum DSCSAExport {
    /// The transaction information columns: the ten TI elements of section 581(26), then what ties a row to its
    /// events.
    public static let columns = [
        "Transaction", "Proprietary or Established Name", "Strength and Dosage Form", "National Drug Code (NDC/GTIN)",
        "Container Size", "Number of Containers", "Lot Number", "Transaction Date", "Shipment Date",
        "Seller Business Name", "Seller Business Address", "Buyer Business Name", "Buyer Business Address",
        "Expiration Date", "Shipped Identifiers", "Business Document", "Event ID",
    ]

    /// The attestations of a transaction statement (section 581(27)(A)–(G)).
    public static let statement: [String] = [
        "(A) is authorized as required under the Drug Supply Chain Security Act",
        "(B) received the product from a person that is authorized as required under the Drug Supply Chain "
            + "Security Act",
        "(C) received transaction information and a transaction statement from the prior owner of the product",
        "(D) did not knowingly ship a suspect or illegitimate product",
        "(E) had systems and processes in place to comply with verification requirements under section 582",
        "(F) did not knowingly provide false transaction information",
        "(G) did not knowingly alter the transaction history",
    ]

    /// Builds the records.
    /// - Parameters:
    ///   - input: the events around the shipment (its containers, contents and their history) and master data.
    ///   - shipment: the identifier the request named (SSCC, SGTIN or LGTIN).
    public static func workbook(_ input: ExportInput, shipment: String) -> ExportWorkbook {
        let directory = input.directory
        let key = IdentifierURI(shipment).canonicalKey
        // Contents of containers (ADD aggregations), and lots and expiry of items from their commissioning ILMD.
        var children: [String: [String]] = [:]
        var lots: [String: (lot: String, expiry: String)] = [:]
        for event in input.events {
            if event.type == .aggregationEvent, event.action == .add, let parent = event.parentID {
                children[parent.canonicalKey, default: []] += event.childEPCs.map(\.canonicalKey)
            }
            let made =
                event.type == .transformationEvent ? event.outputEPCList : (event.action == .add ? event.epcList : [])
            if let lot = event.extensionText("lotNumber") {
                for item in made { lots[item.canonicalKey] = (lot, event.extensionText("itemExpirationDate") ?? "") }
            }
        }
        func items(_ key: String, depth: Int = 0) -> [String] {
            guard let inside = children[key], depth < 8 else { return [key] }
            return inside.flatMap { items($0, depth: depth + 1) }
        }
        let shipments = input.events.filter { $0.stepTerm == "shipping" }
        let direct = shipments.filter { event in
            (event.epcList.map(\.canonicalKey) + event.quantityList.map(\.epcClass.canonicalKey)).contains(key)
                || items(key).contains { item in event.epcList.contains { items($0.canonicalKey).contains(item) } }
        }
        guard
            let requested = direct.last(where: { event in
                event.epcList.contains { $0.canonicalKey == key }
                    || event.quantityList.contains { $0.epcClass.canonicalKey == key }
            }) ?? direct.last
        else {
            return ExportWorkbook(sheets: [ExportSheet(name: "Transaction Information", header: columns)])
        }
        let shippedItems = Set(requested.epcList.flatMap { items($0.canonicalKey) })
        let history = shipments.filter { event in
            event.eventTime <= requested.eventTime
                && (event == requested
                    || event.epcList.contains { !shippedItems.isDisjoint(with: items($0.canonicalKey)) }
                    || !Set(event.quantityList.map(\.epcClass.canonicalKey))
                        .isDisjoint(with: requested.quantityList.map(\.epcClass.canonicalKey)))
        }
        func rows(_ event: EPCISEvent, label: String) -> [[ExportCell]] {
            var groups: [String: (count: Double, lot: String, expiry: String, uom: String)] = [:]
            var order: [String] = []
            for item in event.epcList.flatMap({ items($0.canonicalKey) }) {
                let parsed = ItemKey(IdentifierURI(item))
                let gtin = parsed.gtin ?? item
                let lot = lots[item] ?? (parsed.lot ?? "", "")
                let group = gtin + "|" + lot.lot
                if groups[group] == nil { order.append(group) }
                groups[group, default: (0, lot.lot, lot.expiry, "")].count += 1
            }
            for element in event.quantityList {
                let parsed = ItemKey(element.epcClass)
                let group = (parsed.gtin ?? element.epcClass.text) + "|" + (parsed.lot ?? "")
                if groups[group] == nil { order.append(group) }
                groups[group] = (element.quantity ?? 0, parsed.lot ?? "", "", element.uom ?? "")
            }
            let seller = event.sourceParty ?? event.sourceLocation.flatMap { directory.place($0)?.owner }
            let buyer = event.destinationParty ?? event.destinationLocation.flatMap { directory.place($0)?.owner }
            let sellerPlace = event.sourceLocation ?? event.place
            let buyerPlace = event.destinationLocation
            return order.compactMap { group in
                guard let value = groups[group] else { return nil }
                let gtin = String(group.split(separator: "|", omittingEmptySubsequences: false)[0])
                let details = directory.drugDetails[gtin]
                return [
                    .text(label), .text(directory.product(gtin: gtin)), .text(details?.strengthAndForm ?? ""),
                    .text(gtin), .text(details?.containerSize ?? value.uom), .number(value.count), .text(value.lot),
                    .text(RecordTime.localDate(event)), .text(RecordTime.localDate(event)),
                    .text(directory.name(seller ?? sellerPlace)),
                    .text(EU178Export.address(directory, sellerPlace ?? seller)),
                    .text(directory.name(buyer ?? buyerPlace)),
                    .text(EU178Export.address(directory, buyerPlace ?? buyer)),
                    .text(value.expiry), .text(event.epcList.map(\.text).joined(separator: " ")),
                    .text(event.reference.map { "\($0.type) \($0.number)" } ?? ""), .text(event.eventID ?? ""),
                ]
            }
        }
        let information = rows(requested, label: "This shipment")
        let past = history.filter { $0 != requested }.flatMap { rows($0, label: "Prior transaction") }
        var sellers: [String] = []
        for event in history {
            let seller = directory.name(event.sourceParty ?? event.sourceLocation)
            if !sellers.contains(seller) { sellers.append(seller) }
        }
        let statements = sellers.flatMap { seller in
            statement.map { [ExportCell.text(seller), .text("The seller " + $0)] }
        }
        return ExportWorkbook(sheets: [
            ExportSheet(name: "Transaction Information", header: columns, rows: information),
            ExportSheet(name: "Transaction History", header: columns, rows: past + information),
            ExportSheet(name: "Transaction Statement", header: ["Seller", "Attestation"], rows: statements),
        ])
    }
}
