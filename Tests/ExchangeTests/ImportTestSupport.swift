import EPCIS
import Exchange
import Foundation
import Storage

/// Hand-written chain: a vegetable farm (GLN 6901234000016, party the same number), a wholesale market
/// (6901234000023) and a supermarket (6901234000030); cabbage GTIN 06901234100013, packed salad 06901234100020.
enum Chain {
    static let farm = "6901234000016"
    static let market = "6901234000023"
    static let shop = "6901234000030"
    static let cabbage = "06901234100013"
    static let salad = "06901234100020"
    static let lot = "https://id.gs1.org/01/06901234100013/10/C2611"
    static let saladLot = "https://id.gs1.org/01/06901234100020/10/S2611"

    static func csv(_ rows: [[String]]) -> Data {
        Data(
            rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\r\n")
                .utf8)
    }

    static func xlsx(_ rows: [[String]]) throws -> Data {
        try ExportWorkbook(sheets: [
            ExportSheet(
                name: "data", header: rows[0],
                rows: rows.dropFirst().map {
                    $0.map(ExportCell.text)
                })
        ]).xlsx()
    }

    static let harvestHeader = [
        "日期时间 / date time", "时区 / time zone", "地点GLN / location GLN", "商品GTIN / GTIN",
        "批号 / lot", "数量 / quantity", "单位 / unit", "生产日期 / production date", "保质期至 / expiry date", "地块 / field",
    ]
    static let shippingHeader = [
        "date time", "time zone", "location GLN", "GTIN", "lot", "quantity", "unit",
        "ship to GLN", "ship to party GLN", "ship from party GLN", "document type", "document number",
    ]
    static let receivingHeader = [
        "日期时间", "时区", "地点GLN", "商品GTIN", "批号", "数量", "单位", "发货地点GLN",
        "发货方GLN", "收货方GLN", "单据类型", "单据号",
    ]
    static let transformationHeader = [
        "加工单号 / batch ID", "投入产出 / input or output", "日期时间 / date time",
        "时区 / time zone", "地点GLN / location GLN", "商品GTIN / GTIN", "批号 / lot", "数量 / quantity", "单位 / unit",
        "保质期至 / expiry date",
    ]

    /// The chain's files, in the order they are imported.
    static var files: [(ImportKind, Data)] {
        [
            (
                .harvest,
                csv([
                    harvestHeader,
                    [
                        "2026-10-01 07:00", "+08:00", farm, cabbage, "C2611", "1000", "KGM",
                        "2026-10-01", "2026-10-15", "东三号地块",
                    ],
                ])
            ),
            (
                .shipping,
                csv([
                    shippingHeader,
                    [
                        "2026-10-01 09:00", "+08:00", farm, cabbage, "C2611", "800", "kg", market,
                        market, farm, "desadv", "FH-001",
                    ],
                ])
            ),
            (
                .receiving,
                csv([
                    receivingHeader,
                    [
                        "2026-10-01 13:00", "+08:00", market, cabbage, "C2611", "798", "千克",
                        farm, farm, market, "发货单", "FH-001",
                    ],
                ])
            ),
            (
                .transformation,
                csv([
                    transformationHeader,
                    ["JG-01", "投入", "2026-10-02 10:00", "+08:00", market, cabbage, "C2611", "500", "KGM", ""],
                    ["JG-01", "产出", "2026-10-02 10:00", "+08:00", market, salad, "S2611", "450", "KGM", "2026-10-09"],
                ])
            ),
            (
                .shipping,
                csv([
                    shippingHeader,
                    [
                        "2026-10-03 06:00", "+08:00", market, salad, "S2611", "200", "KGM", shop,
                        shop, market, "desadv", "FH-002",
                    ],
                ])
            ),
        ]
    }

    /// Master data: names and addresses of the three businesses and the products.
    static var masterData: EPCISDocument {
        let mda = "urn:epcglobal:cbv:mda#"
        let own = "https://ns.suyuan.org/mda#"
        func attribute(_ id: String, _ value: String) -> VocabularyAttribute {
            VocabularyAttribute(id: id, value: .string(value))
        }
        let businesses = [
            (farm, "Green Field Co-operative", "Shouguang"), (market, "Xinfadi Wholesale Market", "Beijing"),
            (shop, "Harbour Supermarket", "Tianjin"),
        ]
        var document = EPCISDocument()
        document.masterData = [
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:Party",
                elements: businesses.map {
                    VocabularyElement(id: "https://id.gs1.org/417/\($0.0)", attributes: [attribute(mda + "name", $0.1)])
                }),
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:BusinessLocation",
                elements: businesses.map {
                    VocabularyElement(
                        id: "https://id.gs1.org/414/\($0.0)",
                        attributes: [
                            attribute(mda + "name", $0.1), attribute(mda + "streetAddressOne", "1 Market Road"),
                            attribute(mda + "city", $0.2), attribute(mda + "countryCode", "CN"),
                            attribute(own + "owner", "https://id.gs1.org/417/\($0.0)"),
                        ])
                }),
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:EPCClass",
                elements: [
                    VocabularyElement(
                        id: "https://id.gs1.org/01/\(cabbage)",
                        attributes: [
                            attribute(mda + "descriptionShort", "Chinese cabbage"), attribute(own + "gtin", cabbage),
                        ]),
                    VocabularyElement(
                        id: "https://id.gs1.org/01/\(salad)",
                        attributes: [
                            attribute(mda + "descriptionShort", "Cabbage salad, 250 g"), attribute(own + "gtin", salad),
                        ]),
                ]),
        ]
        return document
    }

    /// A store holding the master data and the whole chain, imported from its files.
    static func store() async throws -> InMemoryEventStore {
        let store = InMemoryEventStore()
        _ = try await store.capture(masterData, context: CaptureContext())
        for (kind, file) in files {
            _ = try await SpreadsheetImporter(kind: kind).read(file).capture(into: store)
        }
        return store
    }
}
