import EPCIS
public import Foundation

/// China GB/T 38156-2019 (重要产品追溯 交易记录总体要求) transaction records of one party for a period: each record
/// holds the transaction party information (交易主体信息), the product information (交易产品信息) and the transaction
/// act information (交易行为信息); and the monthly flow report (月度流向报表) of what came in, went out and is held,
/// per product, that rare earth and hazardous chemical regulators ask for.
public enum GBT38156Export {
    /// The transaction record columns, grouped as the standard groups them.
    public static let columns = [
        "交易主体名称 / party name", "交易主体代码 / party code", "交易对方名称 / counterparty name",
        "交易对方代码 / counterparty code", "产品名称 / product name", "商品代码 / GTIN", "批号 / lot",
        "数量 / quantity", "单位 / unit", "交易类型 / transaction type", "交易时间 / time", "交易地点 / place",
        "单据类型 / document type", "单据号 / document number", "事件编号 / event ID",
    ]

    /// The monthly flow report columns.
    public static let flowColumns = [
        "月份 / month", "主体名称 / party name", "主体代码 / party code", "产品名称 / product name",
        "商品代码 / GTIN", "单位 / unit", "期初库存 / opening stock", "购进 / in", "销出 / out",
        "期末库存 / closing stock",
    ]

    enum Direction: String {
        case purchase = "购进 / purchase"
        case sale = "销售 / sale"
        case retail = "零售 / retail sale"
        case production = "生产 / production"
        case consumption = "投料 / used in production"
    }

    /// Builds the records and the flow report.
    /// - Parameters:
    ///   - input: every event of the party up to the period's end (earlier ones make the opening stock).
    ///   - party: the party.
    ///   - from: the period's start.
    public static func workbook(_ input: ExportInput, party: String, from: Date? = nil) -> ExportWorkbook {
        let directory = input.directory
        let partyKey = IdentifierURI(party).canonicalKey
        let own = directory.locations(of: party)
        func isOwn(_ id: String?) -> Bool {
            guard let id else { return false }
            let key = IdentifierURI(id).canonicalKey
            return key == partyKey || own.contains(key) || directory.place(id)?.owner == partyKey
        }
        var records: [[ExportCell]] = []
        struct Flow { var opening = 0.0, inflow = 0.0, outflow = 0.0 }
        var flows: [String: [String: Flow]] = [:]  // month → product|unit → flow
        var balance: [String: Double] = [:]
        var products: [String] = []
        var months: [String] = []
        for event in input.events {
            let movements = self.movements(event, isOwn: isOwn)
            guard !movements.isEmpty else { continue }
            let inPeriod = from.map { event.eventTime.date >= $0 } ?? true
            let month = RecordTime.localMonth(event)
            if inPeriod && !months.contains(month) {
                months.append(month)
                flows[month] = Dictionary(uniqueKeysWithValues: products.map { ($0, Flow(opening: balance[$0] ?? 0)) })
            }
            for (direction, element, counterparty) in movements {
                let item = ItemKey(element.epcClass)
                let product = (item.gtin ?? element.epcClass.text) + "|" + (element.uom ?? "")
                if !products.contains(product) {
                    products.append(product)
                    for open in months where flows[open]?[product] == nil { flows[open]?[product] = Flow() }
                }
                let amount = element.quantity ?? 0
                let incoming = direction == .purchase || direction == .production
                balance[product, default: 0] += incoming ? amount : -amount
                guard inPeriod else { continue }
                if incoming {
                    flows[month]?[product]?.inflow += amount
                } else {
                    flows[month]?[product]?.outflow += amount
                }
                let reference = event.reference
                records.append([
                    .text(directory.name(party)), .text(MasterDataDirectory.plainKey(party)),
                    .text(counterparty.map { directory.name($0) } ?? ""),
                    .text(counterparty.map(MasterDataDirectory.plainKey) ?? ""),
                    .text(directory.product(gtin: item.gtin)), .text(item.gtin ?? element.epcClass.text),
                    .text(item.lot ?? ""), element.quantity.map(ExportCell.number) ?? .text(""),
                    .text(element.uom ?? ""),
                    .text(direction.rawValue), .text(RecordTime.local(event)), .text(directory.describe(event.place)),
                    .text(FSMA204Export.documentType(reference?.type)), .text(reference?.number ?? ""),
                    .text(event.eventID ?? ""),
                ])
            }
        }
        var flowRows: [[ExportCell]] = []
        for month in months {
            for product in products {
                guard let flow = flows[month]?[product] else { continue }
                let parts = product.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                flowRows.append([
                    .text(month), .text(directory.name(party)), .text(MasterDataDirectory.plainKey(party)),
                    .text(directory.product(gtin: parts[0])), .text(parts[0]), .text(parts[1]),
                    .number(flow.opening), .number(flow.inflow), .number(flow.outflow),
                    .number(flow.opening + flow.inflow - flow.outflow),
                ])
            }
        }
        return ExportWorkbook(sheets: [
            ExportSheet(name: "交易记录 transactions", header: columns, rows: records),
            ExportSheet(name: "月度流向 monthly flow", header: flowColumns, rows: flowRows),
        ])
    }

    /// The party's movements in an event: goods received or made (in), shipped, sold or used (out).
    static func movements(
        _ event: EPCISEvent, isOwn: (String?) -> Bool
    ) -> [(Direction, QuantityElement, String?)] {
        let here = isOwn(event.place)
        switch event.stepTerm {
        case "shipping"
        where isOwn(event.sourceParty) || isOwn(event.sourceLocation) || (here && event.sourceList.isEmpty):
            return event.quantityList.map { (.sale, $0, event.destinationParty ?? event.destinationLocation) }
        case "receiving" where isOwn(event.destinationParty) || isOwn(event.destinationLocation) || here:
            return event.quantityList.map { (.purchase, $0, event.sourceParty ?? event.sourceLocation) }
        case "retail_selling" where here, "dispensing" where here:
            return event.quantityList.map { (.retail, $0, nil) }
        case "commissioning" where here && event.type == .objectEvent:
            return event.quantityList.map { (.production, $0, nil) }
        default:
            guard event.type == .transformationEvent, here else { return [] }
            return event.inputQuantityList.map { (.consumption, $0, nil) }
                + event.outputQuantityList.map { (.production, $0, nil) }
        }
    }
}
