public import Foundation

/// The cells of a sheet as text, row by row, each with its row number as a spreadsheet program shows it.
public struct SheetTable: Hashable, Sendable {
    /// One row.
    public struct Row: Hashable, Sendable {
        /// The row number (1 for the first row of the sheet).
        public var number: Int
        /// The cells, from column A on; a missing cell is "".
        public var cells: [String]

        /// Makes a row.
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// The rows that hold anything, in order.
    public var rows: [Row]

    /// Makes a table.
    public init(rows: [Row]) { self.rows = rows }

    /// The format of a file.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        case csv, xlsx
    }

    /// The format a file's bytes show: XLSX is a ZIP archive (`PK\u{3}\u{4}`); anything else is read as CSV.
    /// - Parameter data: the file.
    public static func format(of data: Data) -> Format {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .xlsx : .csv
    }

    /// Reads a CSV or XLSX file (the format is read from its bytes).
    /// - Parameter data: the file.
    /// - Returns: the rows of its first sheet.
    /// - Throws: ``ExchangeError`` `.unreadable`.
    public static func read(_ data: Data) throws(ExchangeError) -> SheetTable {
        switch format(of: data) {
        case .xlsx: try XLSXReader.read(data)
        case .csv: try CSVTable.read(data)
        }
    }
}
