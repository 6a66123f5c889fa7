import Foundation

/// The columns of one kind's template, which of them a row must fill, and an example row.
public struct ImportTemplate: Hashable, Sendable {
    /// The kind of record.
    public let kind: ImportKind
    /// The columns in template order.
    public let columns: [ImportColumn]
    /// The columns every row must fill.
    public let required: Set<ImportColumn>

    /// The template for a kind.
    /// - Parameter kind: the kind of record.
    public init(_ kind: ImportKind) {
        self.kind = kind
        let common: [ImportColumn] = [.dateTime, .timeZone, .location, .gtin, .lot, .quantity, .unit]
        let documents: [ImportColumn] = [.documentType, .documentNumber]
        switch kind {
        case .harvest:
            columns = common + [.productionDate, .expiryDate, .fieldName] + documents
            required = [.dateTime, .location, .gtin, .lot, .quantity, .unit]
        case .shipping:
            columns = common + [.shipTo, .shipToParty, .shipFromParty] + documents
            required = [.dateTime, .location, .gtin, .lot, .quantity, .unit, .shipTo]
        case .receiving:
            columns = common + [.shipFrom, .shipFromParty, .shipToParty] + documents
            required = [.dateTime, .location, .gtin, .lot, .quantity, .unit, .shipFrom]
        case .transformation:
            columns = [.batchID, .role] + common + [.productionDate, .expiryDate] + documents
            required = [.batchID, .role, .dateTime, .location, .gtin, .lot, .quantity, .unit]
        case .treatment:
            columns = common + [
                .inputProduct, .registrationNumber, .dose, .doseUnit, .withholdingDays, .operatorName,
            ] + documents
            required = [.dateTime, .location, .gtin, .lot, .inputProduct]
        case .inspection:
            columns = common + [.testItem, .testValue, .testUnit, .result, .certificate, .laboratory] + documents
            required = [.dateTime, .location, .gtin, .lot, .testItem, .result]
        case .sale:
            columns = common + documents
            required = [.dateTime, .location, .gtin, .lot, .quantity, .unit]
        }
    }

    /// The header row: `日期时间 / date time`, `批号 / lot`, …
    public var headerRow: [String] { columns.map(\.header) }

    /// The example rows (two for a transformation: an input and an output).
    public var exampleRows: [[String]] {
        examples.map { example in columns.map { example[$0] ?? "" } }
    }

    private var examples: [[ImportColumn: String]] {
        var base: [ImportColumn: String] = [
            .dateTime: "2026-11-20 08:30", .timeZone: "+08:00", .location: "6901234000016", .gtin: "06901234100013",
            .lot: "L20261120", .quantity: "1200", .unit: "KGM",
        ]
        switch kind {
        case .harvest:
            base[.productionDate] = "2026-11-20"
            base[.expiryDate] = "2026-12-05"
            base[.fieldName] = "东三号地块"
            return [base]
        case .shipping:
            base[.shipTo] = "6901234000023"
            base[.shipToParty] = "6901234000023"
            base[.documentType] = "desadv"
            base[.documentNumber] = "FH-20261120-01"
            return [base]
        case .receiving:
            base[.location] = "6901234000023"
            base[.shipFrom] = "6901234000016"
            base[.shipFromParty] = "6901234000016"
            base[.documentType] = "desadv"
            base[.documentNumber] = "FH-20261120-01"
            return [base]
        case .transformation:
            var input = base
            input[.batchID] = "JG-20261121-01"
            input[.role] = "投入"
            input[.dateTime] = "2026-11-21 10:00"
            input[.quantity] = "1000"
            var output = input
            output[.role] = "产出"
            output[.gtin] = "06901234100020"
            output[.lot] = "P20261121"
            output[.quantity] = "950"
            output[.productionDate] = "2026-11-21"
            output[.expiryDate] = "2027-05-21"
            return [input, output]
        case .treatment:
            base[.quantity] = ""
            base[.unit] = ""
            base[.inputProduct] = "吡虫啉10%可湿性粉剂"
            base[.registrationNumber] = "PD20080001"
            base[.dose] = "20"
            base[.doseUnit] = "GRM"
            base[.withholdingDays] = "7"
            base[.operatorName] = "王师傅"
            return [base]
        case .inspection:
            base[.quantity] = ""
            base[.unit] = ""
            base[.testItem] = "农药残留"
            base[.testValue] = "0.02"
            base[.testUnit] = "mg/kg"
            base[.result] = "合格"
            base[.certificate] = "https://lab.example.cn/reports/2026-1120-001"
            base[.laboratory] = "县农产品质量检测站"
            base[.documentType] = "testres"
            base[.documentNumber] = "JC-2026-1120-001"
            return [base]
        case .sale:
            base[.quantity] = "35.5"
            return [base]
        }
    }
}

extension ImportTemplate {
    /// The template as a workbook: the header and the example rows, then a sheet that says which columns are
    /// required (the CSV form holds the first sheet only).
    public var workbook: ExportWorkbook {
        let main = ExportSheet(
            name: "\(kind.chineseName) \(kind.rawValue)", header: headerRow,
            rows: exampleRows.map { $0.map(ExportCell.text) })
        let notes = ExportSheet(
            name: "说明 notes", header: ["列 / column", "必填 / required"],
            rows: columns.map { [.text($0.header), .text(required.contains($0) ? "是 / yes" : "否 / no")] })
        return ExportWorkbook(sheets: [main, notes])
    }
}
