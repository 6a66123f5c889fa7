import EPCIS
import Foundation

/// One data row read against its template: every value parsed, or the rule it broke recorded as an issue.
struct ImportRow {
    let number: Int
    /// The raw cells by column, trimmed.
    var raw: [ImportColumn: String] = [:]
    var time: EPCISDateTime?
    var offset = "+00:00"
    var location: IdentifierURI?
    var lotClass: IdentifierURI?
    var gtin = ""
    var lot = ""
    var quantity: Double?
    var unit: String?
    var documentType: CBVValue?
    var productionDate: String?
    var expiryDate: String?
    var shipTo: IdentifierURI?
    var shipToParty: IdentifierURI?
    var shipFrom: IdentifierURI?
    var shipFromParty: IdentifierURI?
    var isInput = true
    var dose: Double?
    var withholdingDays: Double?
    var testValue: Double?
    var conformant = true
    var certificate: String?

    /// Reads a row's cells.
    /// - Parameters:
    ///   - row: the row.
    ///   - columns: where each column stands in the file.
    ///   - template: the kind's template.
    ///   - issues: where problems go.
    init(_ row: SheetTable.Row, columns: [ImportColumn: Int], template: ImportTemplate, issues: inout [ImportIssue]) {
        number = row.number
        for (column, index) in columns where index < row.cells.count {
            let value = row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{3000}"]))
            if !value.isEmpty { raw[column] = value }
        }
        var found: [ImportIssue] = []
        func fail(_ column: ImportColumn?, _ rule: String) {
            found.append(ImportIssue(row: row.number, column: column?.header, rule: rule))
        }
        let lotIsWhole = (raw[.lot] ?? "").hasPrefix("urn:") || (raw[.lot] ?? "").hasPrefix("http")
        for column in template.columns where template.required.contains(column) && raw[column] == nil {
            if column == .gtin && lotIsWhole { continue }
            fail(column, "is required")
        }
        func parse<T>(_ column: ImportColumn, _ parser: (String) -> CellParsers.Outcome<T>) -> T? {
            guard let text = raw[column] else { return nil }
            switch parser(text) {
            case .value(let value): return value
            case .problem(let rule):
                fail(column, rule)
                return nil
            }
        }
        if let text = raw[.dateTime] {
            switch CellParsers.dateTime(text, zone: raw[.timeZone] ?? "") {
            case .value(let value): (time, offset) = (value.time, value.offset)
            case .problem(let rule): fail(rule.contains("is not a time zone") ? .timeZone : .dateTime, rule)
            }
        }
        location = parse(.location, CellParsers.location)
        if let lotText = raw[.lot] {
            switch CellParsers.lotClass(gtin: raw[.gtin] ?? "", lot: lotText) {
            case .value(let value): (lotClass, gtin, lot) = (value.uri, value.gtin, value.lot)
            case .problem(let rule): fail(raw[.gtin] == nil || lotIsWhole ? .lot : .gtin, rule)
            }
        }
        quantity = parse(.quantity, CellParsers.quantity)
        unit = parse(.unit, CellParsers.unit)
        if quantity != nil && raw[.unit] == nil && !template.required.contains(.unit) {
            fail(.unit, "is required when a quantity is given")
        }
        documentType = parse(.documentType, CellParsers.documentType)
        if raw[.documentType] != nil && raw[.documentNumber] == nil {
            fail(.documentNumber, "is required when a document type is given")
        }
        productionDate = parse(.productionDate, CellParsers.date)
        expiryDate = parse(.expiryDate, CellParsers.date)
        shipTo = parse(.shipTo, CellParsers.location)
        shipToParty = parse(.shipToParty, CellParsers.party)
        shipFrom = parse(.shipFrom, CellParsers.location)
        shipFromParty = parse(.shipFromParty, CellParsers.party)
        if let role = raw[.role] {
            switch role.lowercased() {
            case "投入", "input", "in", "原料": isInput = true
            case "产出", "output", "out", "产品": isInput = false
            default: fail(.role, "'\(role)' is neither 投入 / input nor 产出 / output")
            }
        }
        dose = parse(.dose, CellParsers.number)
        withholdingDays = parse(.withholdingDays, CellParsers.number)
        testValue = parse(.testValue, CellParsers.number)
        if let result = raw[.result] {
            switch result.lowercased() {
            case "合格", "pass", "passed", "ok", "conformant", "阴性", "negative": conformant = true
            case "不合格", "fail", "failed", "non_conformant", "nonconformant", "阳性", "positive": conformant = false
            default: fail(.result, "'\(result)' is neither 合格 / pass nor 不合格 / fail")
            }
        }
        if let url = raw[.certificate] {
            if let parsed = URL(string: url), parsed.scheme != nil, url.contains(":") {
                certificate = url
            } else {
                fail(.certificate, "'\(url)' is not a URL (https://…)")
            }
        }
        if let expiryDate, let produced = productionDate, expiryDate < produced {
            fail(.expiryDate, "\(expiryDate) is before the production date \(produced)")
        }
        issues += found
    }
}
