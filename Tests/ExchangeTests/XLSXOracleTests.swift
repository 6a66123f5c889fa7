import TestSupport
import EPCIS
import Exchange
import Foundation
import Testing

/// openpyxl (PyPI, pinned in scripts/lib.sh `ensure_oracles`) as an independent XLSX implementation: it opens what
/// we write, and writes what we read. `scripts/test` sets SUYUAN_ORACLE_PYTHON.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SUYUAN_ORACLE_PYTHON"] != nil))
struct XLSXOracleTests {
    static func python(_ script: String, _ arguments: [String]) async throws -> String {
        try await offThePool { () throws -> String in
            let data = try runOraclePython(["-c", script] + arguments)
            return String(decoding: data, as: UTF8.self)
        }
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-\(UUID().uuidString)-\(name)")
    }

    @Test("openpyxl opens the FSMA 204 XLSX export: sheets, header, numbers as numbers, Chinese text")
    func openpyxlReadsOurExport() async throws {
        // Given the FSMA export of the cabbage lot as XLSX
        let store = try await Chain.store()
        let workbook = try await Exporter(store: store).workbook(.fsma204, ExportRequest(lot: Chain.lot))
        let file = Self.temporary("fsma.xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try workbook.xlsx().write(to: file)
        // When openpyxl reads it
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book.worksheets[0]
            rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
            print(json.dumps({"sheets": book.sheetnames, "rows": rows}, ensure_ascii=False, default=str))
            """
        enum Value: Decodable, Equatable {
            case text(String)
            case number(Double)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }
        struct Answer: Decodable {
            var sheets: [String]
            var rows: [[Value?]]
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(try await Self.python(script, [file.path]).utf8))
        // Then it sees our sheets, our header and our rows; quantities are numbers
        #expect(answer.sheets == ["FSMA 204 records", "Glossary"])
        #expect(answer.rows.first?.compactMap { $0 } == FSMA204Export.columns.map(Value.text))
        #expect(answer.rows.count == 6)
        let quantity = try #require(FSMA204Export.columns.firstIndex(of: "Quantity"))
        #expect(
            answer.rows.dropFirst().map { $0[quantity] } == [
                .number(1000), .number(800), .number(798), .number(500),
                .number(450),
            ])
        let field = try #require(FSMA204Export.columns.firstIndex(of: "Field or Growing Area Name"))
        #expect(answer.rows[1][field] == .text("东三号地块"))
    }

    @Test("a workbook openpyxl writes (shared strings, numbers, Chinese headers) imports")
    func weReadOpenpyxlWorkbooks() async throws {
        // Given a harvest sheet written by openpyxl, GLN and GTIN as text, the quantity as a number
        let file = Self.temporary("harvest.xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys, openpyxl
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(["日期时间", "时区", "地点GLN", "商品GTIN", "批号", "数量", "单位", "地块"])
            farm, cabbage = "6901234000016", "06901234100013"
            sheet.append(["2026-10-01 07:00", "+08:00", farm, cabbage, "C2611", 1000, "KGM", "东三号地块"])
            sheet.append(["2026-10-01 07:30", "+08:00", farm, cabbage, "C2612", 250.5, "KGM", "西一号"])
            book.save(sys.argv[1])
            """
        _ = try await Self.python(script, [file.path])
        // When we import it
        let result = try SpreadsheetImporter(kind: .harvest).read(try Data(contentsOf: file))
        // Then both rows are events with their quantities
        #expect(result.document.events.map { $0.quantityList.first?.quantity } == [1000, 250.5])
        #expect(result.rows == [[2], [3]])
    }
}
