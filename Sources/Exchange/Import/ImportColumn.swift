import Foundation

/// One column a template may have: what it means, and its header in Chinese and in English. A file's header cell
/// may be either language or both (`批号 / lot`), in any case, with any spacing around the slash.
public enum ImportColumn: String, Hashable, Sendable, CaseIterable {
    case dateTime, timeZone, location, gtin, lot, quantity, unit
    case documentType, documentNumber
    case productionDate, expiryDate, fieldName
    case shipTo, shipToParty, shipFrom, shipFromParty
    case batchID, role
    case inputProduct, registrationNumber, dose, doseUnit, withholdingDays, operatorName
    case testItem, testValue, testUnit, result, certificate, laboratory

    /// The header in Chinese.
    public var chinese: String {
        switch self {
        case .dateTime: "日期时间"
        case .timeZone: "时区"
        case .location: "地点GLN"
        case .gtin: "商品GTIN"
        case .lot: "批号"
        case .quantity: "数量"
        case .unit: "单位"
        case .documentType: "单据类型"
        case .documentNumber: "单据号"
        case .productionDate: "生产日期"
        case .expiryDate: "保质期至"
        case .fieldName: "地块"
        case .shipTo: "收货地点GLN"
        case .shipToParty: "收货方GLN"
        case .shipFrom: "发货地点GLN"
        case .shipFromParty: "发货方GLN"
        case .batchID: "加工单号"
        case .role: "投入产出"
        case .inputProduct: "投入品名称"
        case .registrationNumber: "登记证号"
        case .dose: "用量"
        case .doseUnit: "用量单位"
        case .withholdingDays: "安全间隔期天数"
        case .operatorName: "操作人"
        case .testItem: "检测项目"
        case .testValue: "检测值"
        case .testUnit: "检测值单位"
        case .result: "结论"
        case .certificate: "证书链接"
        case .laboratory: "检测机构"
        }
    }

    /// The header in English.
    public var english: String {
        switch self {
        case .dateTime: "date time"
        case .timeZone: "time zone"
        case .location: "location GLN"
        case .gtin: "GTIN"
        case .lot: "lot"
        case .quantity: "quantity"
        case .unit: "unit"
        case .documentType: "document type"
        case .documentNumber: "document number"
        case .productionDate: "production date"
        case .expiryDate: "expiry date"
        case .fieldName: "field"
        case .shipTo: "ship to GLN"
        case .shipToParty: "ship to party GLN"
        case .shipFrom: "ship from GLN"
        case .shipFromParty: "ship from party GLN"
        case .batchID: "batch ID"
        case .role: "input or output"
        case .inputProduct: "input product"
        case .registrationNumber: "registration number"
        case .dose: "dose"
        case .doseUnit: "dose unit"
        case .withholdingDays: "withholding days"
        case .operatorName: "operator"
        case .testItem: "test item"
        case .testValue: "test value"
        case .testUnit: "test unit"
        case .result: "result"
        case .certificate: "certificate URL"
        case .laboratory: "laboratory"
        }
    }

    /// The header a template writes: `批号 / lot`.
    public var header: String { "\(chinese) / \(english)" }

    /// The column a header cell names, in either language or both; nil for a header no template has.
    /// - Parameter text: the header cell.
    public init?(header text: String) {
        let key = Self.normalised(text)
        guard let column = Self.byHeader[key] else { return nil }
        self = column
    }

    private static func normalised(_ text: String) -> String {
        text.lowercased().filter { !$0.isWhitespace && $0 != "\u{FEFF}" && $0 != "_" && $0 != "-" }
    }

    private static let byHeader: [String: ImportColumn] = {
        var map: [String: ImportColumn] = [:]
        for column in allCases {
            for spelling in [column.chinese, column.english, column.header, "\(column.chinese)/\(column.english)"] {
                map[normalised(spelling)] = column
            }
        }
        for (alias, column) in [
            ("datetime", ImportColumn.dateTime), ("时间", .dateTime), ("日期", .dateTime), ("timezone", .timeZone),
            ("gln", .location), ("地点", .location), ("lotnumber", .lot), ("batch", .lot), ("tlc", .lot),
            ("uom", .unit), ("qty", .quantity), ("expirydate", .expiryDate), ("保质期", .expiryDate),
            ("有效期至", .expiryDate), ("productiondate", .productionDate),
        ] {
            map[normalised(alias)] = column
        }
        return map
    }()
}
