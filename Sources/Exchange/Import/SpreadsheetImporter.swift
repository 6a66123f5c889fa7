public import EPCIS
public import Foundation

/// Turns the rows of a template spreadsheet into EPCIS 2.0 events, or refuses the whole file with every problem of
/// every row (row number, column, rule).
///
/// Each event's ID is derived from its rows' cells (a name-based UUID over the kind and the trimmed cells, column by
/// column), so a file sent twice yields the same events: captured with `proceed`, a re-sent file stores nothing new
/// (docs/decisions/0018-spreadsheet-import-and-regulator-exports.md).
public struct SpreadsheetImporter: Sendable {
    /// The kind of record every row is.
    public let kind: ImportKind
    /// The checks every event must pass before anything is stored (the capture's own rules).
    public var validator: EPCISValidator

    /// The namespace of the extension elements the templates fill (treatment, test results, field name).
    public static let namespace = "https://ns.suyuan.org/mda#"

    /// Makes an importer.
    /// - Parameters:
    ///   - kind: the kind of record.
    ///   - validator: the EPCIS checks; the capture's defaults.
    public init(kind: ImportKind, validator: EPCISValidator = EPCISValidator()) {
        self.kind = kind
        self.validator = validator
    }

    /// Reads a CSV or XLSX file and converts its rows.
    /// - Parameter data: the file.
    /// - Returns: the events and the rows each came from.
    /// - Throws: ``ExchangeError`` `.unreadable`, or `.invalidRows` with every issue.
    public func read(_ data: Data) throws(ExchangeError) -> ImportResult {
        try convert(try SheetTable.read(data))
    }

    /// Converts a sheet's rows: the first row that holds anything is the header.
    /// - Parameter table: the sheet.
    /// - Returns: the events and the rows each came from.
    /// - Throws: ``ExchangeError`` `.invalidRows` with every issue of every row.
    public func convert(_ table: SheetTable) throws(ExchangeError) -> ImportResult {
        let template = ImportTemplate(kind)
        guard let header = table.rows.first else {
            throw ExchangeError(.unreadable, "the file is empty: it needs a header row and at least one row")
        }
        var issues: [ImportIssue] = []
        let columns = mapHeader(header, template: template, issues: &issues)
        let dataRows = table.rows.dropFirst()
        if dataRows.isEmpty {
            issues.append(ImportIssue(row: header.number, column: nil, rule: "the file has a header but no rows"))
        }
        guard issues.isEmpty else { throw refusal(issues, rows: dataRows.count) }
        let rows = dataRows.map { ImportRow($0, columns: columns, template: template, issues: &issues) }
        var builder = ImportEventBuilder(kind: kind, template: template)
        var result = ImportResult(kind: kind, rowCount: rows.count)
        for group in builder.groups(rows, issues: &issues) {
            guard let event = builder.event(for: group, issues: &issues) else { continue }
            result.document.events.append(event)
            result.rows.append(group.map(\.number))
        }
        var seen: [String: Int] = [:]
        // A row already refused by its cells is not checked again as EPCIS: its event holds what was left of it, and
        // the EPCIS rule it then breaks (a unit without the quantity that was refused) would only repeat the issue.
        let refusedRows = Set(issues.map(\.row))
        for (index, event) in result.document.events.enumerated()
        where refusedRows.isDisjoint(with: result.rows[index]) {
            let row = result.rows[index][0]
            if let id = event.eventID, let first = seen.updateValue(row, forKey: id) {
                seen[id] = first
                issues.append(ImportIssue(row: row, column: nil, rule: "repeats row \(first): the same record twice"))
            }
            for problem in validator.validate(event, at: EventLocation(pointer: "")) where problem.severity == .error {
                let place =
                    problem.location.isEmpty
                    ? "" : " (\(problem.location.split(separator: "/").joined(separator: ".")))"
                issues.append(ImportIssue(row: row, column: nil, rule: "EPCIS: \(problem.message)\(place)"))
            }
        }
        guard issues.isEmpty else { throw refusal(issues, rows: rows.count) }
        result.document.namespaces = [NamespaceDeclaration(prefix: "suyuan", namespace: Self.namespace)]
        result.document.creationDate = EPCISDateTime(Date())
        return result
    }

    private func refusal(_ issues: [ImportIssue], rows: Int) -> ExchangeError {
        let sorted = issues.enumerated().sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }
            .map(\.element)
        let rowCount = Set(sorted.map(\.row)).count
        return ExchangeError(
            .invalidRows,
            "\(sorted.count) problem(s) in \(rowCount) row(s) of \(rows) (\(kind.rawValue) template); "
                + "nothing was stored",
            issues: sorted)
    }

    /// Where each template column stands; the problems of the header (missing, unknown, repeated columns).
    private func mapHeader(
        _ header: SheetTable.Row, template: ImportTemplate, issues: inout [ImportIssue]
    ) -> [ImportColumn: Int] {
        var columns: [ImportColumn: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            let text = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            let lowered = text.lowercased()
            if text.hasPrefix("备注") || lowered.hasPrefix("note") || text.hasPrefix("#") { continue }
            guard let column = ImportColumn(header: text) else {
                issues.append(
                    ImportIssue(
                        row: header.number, column: text,
                        rule: "is not a column of the \(kind.rawValue) template (its columns: "
                            + template.columns.map(\.header).joined(separator: ", ") + ")"))
                continue
            }
            guard template.columns.contains(column) else {
                issues.append(
                    ImportIssue(
                        row: header.number, column: text,
                        rule: "belongs to another template, not \(kind.rawValue); is this the right kind of file?"))
                continue
            }
            if columns[column] != nil {
                issues.append(ImportIssue(row: header.number, column: text, rule: "stands twice in the header"))
                continue
            }
            columns[column] = index
        }
        let lotIsWhole = columns[.lot] != nil
        for column in template.columns where template.required.contains(column) && columns[column] == nil {
            if column == .gtin && lotIsWhole { continue }
            issues.append(ImportIssue(row: header.number, column: column.header, rule: "required column is missing"))
        }
        return columns
    }
}

/// What an import file became: a document of events, and the rows each event came from.
public struct ImportResult: Sendable {
    /// The kind of record.
    public var kind: ImportKind
    /// The events, in row order, each with its derived eventID.
    public var document = EPCISDocument()
    /// For each event, the row numbers it came from (one row; a transformation's input and output rows).
    public var rows: [[Int]] = []
    /// How many data rows the file had.
    public var rowCount: Int

    /// Makes an empty result.
    public init(kind: ImportKind, rowCount: Int) {
        self.kind = kind
        self.rowCount = rowCount
    }
}
