public import Foundation

/// One cell of an export: text, or a number a spreadsheet can sort as a number.
public enum ExportCell: Hashable, Sendable {
    case text(String)
    case number(Double)

    /// The cell as text, as CSV writes it.
    public var text: String {
        switch self {
        case .text(let text): text
        case .number(let value): Self.format(value)
        }
    }

    /// A number without a trailing `.0` and without exponent for the quantities traceability deals in.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(format: "%.6f", value)
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}

/// One sheet of an export: a name, a header row and rows.
public struct ExportSheet: Hashable, Sendable {
    /// The sheet's name (a tab in XLSX).
    public var name: String
    /// The column names.
    public var header: [String]
    /// The rows.
    public var rows: [[ExportCell]]

    /// Makes a sheet.
    public init(name: String, header: [String], rows: [[ExportCell]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    /// The cells of one column, by its header.
    /// - Parameter column: the header.
    /// - Returns: each row's cell text ("" past the row's end); empty when no column has that header.
    public func column(_ column: String) -> [String] {
        guard let index = header.firstIndex(of: column) else { return [] }
        return rows.map { $0[safe: index]?.text ?? "" }
    }
}

/// What an export produces: its main sheet first (what the CSV holds), then any other sheets (a glossary, a
/// statement) that XLSX carries as tabs.
public struct ExportWorkbook: Hashable, Sendable {
    /// The sheets; the first is the record itself.
    public var sheets: [ExportSheet]

    /// Makes a workbook.
    public init(sheets: [ExportSheet]) { self.sheets = sheets }

    /// The main sheet as CSV (UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting).
    public func csv() -> Data {
        guard let main = sheets.first else { return Data() }
        return CSVTable.write([main.header] + main.rows.map { $0.map(\.text) })
    }

    /// Every sheet as one XLSX workbook.
    /// - Throws: ``ExchangeError`` when the archive cannot be written.
    public func xlsx() throws(ExchangeError) -> Data {
        try XLSXWriter.write(sheets)
    }

    /// The workbook in a format.
    /// - Parameter format: CSV or XLSX.
    /// - Throws: ``ExchangeError`` when the archive cannot be written.
    public func data(_ format: SheetTable.Format) throws(ExchangeError) -> Data {
        switch format {
        case .csv: csv()
        case .xlsx: try xlsx()
        }
    }
}
