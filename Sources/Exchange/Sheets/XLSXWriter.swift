import Foundation
import ZIPFoundation

/// Writes a workbook as XLSX: the minimal SpreadsheetML parts (content types, relationships, workbook, styles, one
/// worksheet per sheet) zipped with ZIPFoundation. Text goes in inline strings, numbers as numbers, so that a
/// regulator can sort and filter; the header row is bold and frozen.
enum XLSXWriter {
    static func write(_ sheets: [ExportSheet]) throws(ExchangeError) -> Data {
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes(sheets.count).utf8)),
            ("_rels/.rels", Data(rootRelationships.utf8)),
            ("xl/workbook.xml", Data(workbook(sheets).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRelationships(sheets.count).utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Data(worksheet(sheet).utf8)))
        }
        do {
            let archive = try Archive(accessMode: .create)
            for (path, data) in parts {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: Date(timeIntervalSince1970: 1_767_225_600), compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw ExchangeError(.unreadable, "the XLSX archive is empty") }
            return data
        } catch let error as ExchangeError {
            throw error
        } catch {
            throw ExchangeError(.unreadable, "the XLSX file cannot be written", underlying: error)
        }
    }

    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    private static func contentTypes(_ count: Int) -> String {
        let sheets = (1...max(count, 1)).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0).xml" "#
                + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        return header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" "#
            + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" "#
            + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets + "</Types>"
    }

    private static var rootRelationships: String {
        header + #"<Relationships xmlns="\#(packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
    }

    private static func workbook(_ sheets: [ExportSheet]) -> String {
        var used: Set<String> = []
        let entries = sheets.enumerated().map { index, sheet in
            var name = sheetName(sheet.name, index: index)
            while !used.insert(name.lowercased()).inserted { name = String(name.prefix(28)) + " \(index + 1)" }
            return #"<sheet name="\#(escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        return header + #"<workbook xmlns="\#(main)" xmlns:r="\#(officeRelationships)"><sheets>"#
            + entries + "</sheets></workbook>"
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
    private static func sheetName(_ name: String, index: Int) -> String {
        let cleaned = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "Sheet\(index + 1)" : cleaned
    }

    private static func workbookRelationships(_ count: Int) -> String {
        let sheets = (1...max(count, 1)).map {
            #"<Relationship Id="rId\#($0)" Type="\#(officeRelationships)/worksheet" "#
                + #"Target="worksheets/sheet\#($0).xml"/>"#
        }.joined()
        return header + #"<Relationships xmlns="\#(packageRelationships)">"# + sheets
            + #"<Relationship Id="rId\#(count + 1)" Type="\#(officeRelationships)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    private static var styles: String {
        header + #"<styleSheet xmlns="\#(main)">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
            + #"<fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }

    private static func worksheet(_ sheet: ExportSheet) -> String {
        var xml = header + #"<worksheet xmlns="\#(main)" xmlns:r="\#(officeRelationships)">"#
        xml += #"<sheetViews><sheetView workbookViewId="0">"#
            + #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            + "</sheetView></sheetViews>"
        let columnCount = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        if columnCount > 0 {
            xml += "<cols>"
            for column in 0..<columnCount {
                let widest = ([sheet.header[safe: column] ?? ""] + sheet.rows.prefix(200).map {
                    $0[safe: column]?.text ?? ""
                }).map(\.count).max() ?? 8
                let width = min(60, max(10, widest + 2))
                xml += #"<col min="\#(column + 1)" max="\#(column + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml.reserveCapacity(sheet.rows.count * columnCount * 40)
        xml += row(1, sheet.header.map(ExportCell.text), style: 1)
        for (index, cells) in sheet.rows.enumerated() { xml += row(index + 2, cells, style: 0) }
        xml += "</sheetData></worksheet>"
        return xml
    }

    private static func row(_ number: Int, _ cells: [ExportCell], style: Int) -> String {
        var xml = #"<row r="\#(number)">"#
        let styleAttribute = style == 0 ? "" : #" s="\#(style)""#
        for (index, cell) in cells.enumerated() {
            let reference = columnName(index) + String(number)
            switch cell {
            case .number(let value):
                xml += #"<c r="\#(reference)"\#(styleAttribute)><v>\#(ExportCell.format(value))</v></c>"#
            case .text(let text):
                guard !text.isEmpty else { continue }
                xml += #"<c r="\#(reference)"\#(styleAttribute) t="inlineStr"><is><t xml:space="preserve">"#
                    + escape(text) + "</t></is></c>"
            }
        }
        return xml + "</row>"
    }

    /// `A`, `B`, … `Z`, `AA`, …
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// XML text: the five special characters escaped, characters XML 1.0 forbids (most controls) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
