import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an XLSX workbook: a ZIP archive (ZIPFoundation) of SpreadsheetML parts, read with
/// Foundation's XMLParser (ECMA-376 Part 1, section 18.3 worksheets, 18.4 shared strings).
enum XLSXReader {
    static func read(_ data: Data) throws(ExchangeError) -> SheetTable {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ExchangeError(
                .unreadable, "the file looks like XLSX but its archive cannot be opened", underlying: error)
        }
        let sheetPath = firstSheetPath(archive)
        guard let sheet = try entry(archive, sheetPath) else {
            throw ExchangeError(.unreadable, "the XLSX file has no worksheet (\(sheetPath))")
        }
        let strings = try entry(archive, "xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        return try WorksheetParser.parse(sheet, strings: strings)
    }

    /// The first sheet the workbook lists, through its relationships; `xl/worksheets/sheet1.xml` when they cannot
    /// be read.
    private static func firstSheetPath(_ archive: Archive) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try? entry(archive, "xl/workbook.xml"),
            let relations = try? entry(archive, "xl/_rels/workbook.xml.rels")
        else { return fallback }
        let first = AttributeCollector(element: "sheet", attribute: "r:id").collect(workbook).first
        let targets = RelationshipCollector.collect(relations)
        guard let id = first, let target = targets[id] else { return fallback }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    private static func entry(_ archive: Archive, _ path: String) throws(ExchangeError) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw ExchangeError(.unreadable, "the XLSX part \(path) cannot be extracted", underlying: error)
        }
        return data
    }
}

/// The `sharedStrings.xml` table: each `<si>`'s text, its runs joined, phonetic guides (`<rPh>`) left out.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    static func parse(_ data: Data) throws(ExchangeError) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw ExchangeError(.unreadable, "the XLSX shared strings cannot be read", underlying: parser.parserError)
        }
        return delegate.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }
}

/// A worksheet's cells: shared strings (`t="s"`), inline strings, booleans, and numbers and formula results as
/// written (a date is a number there: the importer reads a number in a date column as an Excel serial date).
private final class WorksheetParser: NSObject, XMLParserDelegate {
    private let strings: [String]
    private var rows: [SheetTable.Row] = []
    private var cells: [Int: String] = [:]
    private var rowNumber = 0
    private var nextColumn = 0
    private var cellColumn = 0
    private var cellType = ""
    private var text = ""
    private var capturing = false
    private var badIndex: String?

    private init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String]) throws(ExchangeError) -> SheetTable {
        let delegate = WorksheetParser(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw ExchangeError(.unreadable, "the XLSX worksheet cannot be read", underlying: parser.parserError)
        }
        if let bad = delegate.badIndex {
            throw ExchangeError(.unreadable, "the XLSX cell \(bad) names a shared string the file does not have")
        }
        return SheetTable(rows: delegate.rows)
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = [:]
            nextColumn = 0
        case "c":
            cellColumn = attributes["r"].flatMap(Self.column) ?? nextColumn
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            text = ""
        case "v", "t":
            capturing = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            capturing = false
        case "c":
            cells[cellColumn] = value()
        case "row":
            guard let last = cells.keys.max() else { return }
            let row = (0...last).map { cells[$0] ?? "" }
            if row.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                rows.append(SheetTable.Row(number: rowNumber, cells: row))
            }
        default:
            break
        }
    }

    private func value() -> String {
        switch cellType {
        case "s":
            guard let index = Int(text.trimmingCharacters(in: .whitespaces)), strings.indices.contains(index) else {
                badIndex = badIndex ?? "in row \(rowNumber)"
                return ""
            }
            return strings[index]
        case "b":
            return text == "1" ? "TRUE" : "FALSE"
        default:
            return text
        }
    }

    /// The zero-based column of a cell reference (`B7` → 1, `AA3` → 26).
    static func column(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            let ascii = scalar.value
            guard ascii >= 65, ascii <= 90 else { break }
            column = column * 26 + Int(ascii - 64)
            letters += 1
        }
        return letters == 0 ? nil : column - 1
    }
}

/// The values of one attribute on every element of one name, in document order.
private final class AttributeCollector: NSObject, XMLParserDelegate {
    private let element: String
    private let attribute: String
    private var values: [String] = []

    init(element: String, attribute: String) {
        self.element = element
        self.attribute = attribute
    }

    func collect(_ data: Data) -> [String] {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
        return values
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == element, let value = attributes[attribute] { values.append(value) }
    }
}

/// A relationships part: each `Relationship`'s Id to its Target.
private final class RelationshipCollector: NSObject, XMLParserDelegate {
    private var targets: [String: String] = [:]

    static func collect(_ data: Data) -> [String: String] {
        let collector = RelationshipCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.targets
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}
