import EPCIS
import Exchange
import Foundation
import Storage
import Testing

@Suite struct SpreadsheetImportTests {
    static func goodRows(_ kind: ImportKind) -> [[String]] {
        let template = ImportTemplate(kind)
        return [template.headerRow] + template.exampleRows
    }

    @Test("every template's own example imports, as CSV and as XLSX", arguments: ImportKind.allCases)
    func templateExamplesImport(kind: ImportKind) throws {
        // Given the template with its example row(s)
        let template = ImportTemplate(kind)
        let csv = template.workbook.csv()
        let xlsx = try template.workbook.xlsx()
        // When both are read
        let fromCSV = try SpreadsheetImporter(kind: kind).read(csv)
        let fromXLSX = try SpreadsheetImporter(kind: kind).read(xlsx)
        // Then they make the same events, with the same derived IDs
        #expect(fromCSV.document.events.count == (kind == .transformation ? 1 : 1))
        #expect(fromCSV.document.events == fromXLSX.document.events)
        #expect(fromCSV.document.events.allSatisfy { $0.eventID?.hasPrefix("urn:uuid:") == true })
    }

    @Test(
        "each template with a good row and a bad one: Chinese headers in CSV, English in XLSX; the bad GTIN named",
        arguments: ImportKind.allCases)
    func eachTemplateGoodAndBad(kind: ImportKind) throws {
        // Given the template's example rows, then the same rows again with a GTIN whose check digit is wrong
        let template = ImportTemplate(kind)
        let gtin = try #require(template.columns.firstIndex(of: .gtin))
        let lot = try #require(template.columns.firstIndex(of: .lot))
        let good = template.exampleRows
        let bad = good.map { row in
            var row = row
            row[gtin] = String(row[gtin].dropLast()) + (row[gtin].last == "9" ? "0" : "9")
            row[lot] += "X"
            return row
        }
        for (header, asXLSX) in [(template.columns.map(\.chinese), false), (template.columns.map(\.english), true)] {
            let rows = [header] + good + bad
            let file = asXLSX ? try Chain.xlsx(rows) : Chain.csv(rows)
            // When it is read, then only the bad rows are named, by the GTIN column
            let error = #expect(throws: ExchangeError.self) { try SpreadsheetImporter(kind: kind).read(file) }
            let firstBad = 2 + good.count
            #expect(error?.issues.map(\.row) == Array(firstBad..<(firstBad + bad.count)))
            #expect(error?.issues.allSatisfy { $0.column == ImportColumn.gtin.header } == true)
            // And the good rows alone import
            let alone = asXLSX ? try Chain.xlsx([header] + good) : Chain.csv([header] + good)
            #expect(try SpreadsheetImporter(kind: kind).read(alone).document.events.count == 1)
        }
    }

    @Test("rows become CBV events: steps, dispositions, quantities, sources, documents, ILMD")
    func rowsBecomeEvents() throws {
        let result = try SpreadsheetImporter(kind: .shipping).read(Chain.files[1].1)
        let event = try #require(result.document.events.first)
        #expect(event.type == .objectEvent && event.action == .observe)
        #expect(event.bizStep?.standardTerm == "shipping" && event.disposition?.standardTerm == "in_transit")
        #expect(event.quantityList == [QuantityElement(epcClass: IdentifierURI(Chain.lot), quantity: 800, uom: "KGM")])
        #expect(event.eventTime == EPCISDateTime("2026-10-01T09:00:00+08:00"))
        #expect(event.eventTimeZoneOffset == "+08:00")
        #expect(event.readPoint?.id.text == "https://id.gs1.org/414/\(Chain.farm)")
        #expect(event.destinationList.map(\.id.text).contains("https://id.gs1.org/414/\(Chain.market)"))
        #expect(event.bizTransactionList.first?.id.text == "urn:epcglobal:cbv:bt:\(Chain.farm):FH-001")
        #expect(event.bizTransactionList.first?.type?.standardTerm == "desadv")

        let harvest = try #require(try SpreadsheetImporter(kind: .harvest).read(Chain.files[0].1).document.events.first)
        #expect(harvest.action == .add && harvest.bizStep?.standardTerm == "commissioning")
        let ilmd = (harvest.ilmd ?? []).map { "\($0.name.localName)=\($0.value)" }
        #expect(ilmd.contains("lotNumber=string(\"C2611\")"))
        #expect(ilmd.contains("itemExpirationDate=string(\"2026-10-15\")"))

        let receipt = try #require(
            try SpreadsheetImporter(kind: .receiving).read(Chain.files[2].1).document.events.first)
        // The receiving row names the shipper's document, so both sides carry the same transaction.
        #expect(receipt.bizTransactionList == event.bizTransactionList)
        #expect(receipt.quantityList.first?.uom == "KGM")

        let transformation = try #require(
            try SpreadsheetImporter(kind: .transformation).read(Chain.files[3].1).document.events.first)
        #expect(transformation.type == .transformationEvent)
        #expect(transformation.inputQuantityList.map(\.quantity) == [500])
        #expect(transformation.outputQuantityList.map(\.epcClass.text) == [Chain.saladLot])
    }

    @Test("inspection rows carry test results, conformance and the certificate")
    func inspectionCarriesResults() throws {
        let header = ImportTemplate(.inspection).headerRow
        let rows = [
            header,
            [
                "2026-11-02 10:00", "+08:00", Chain.market, Chain.cabbage, "C2611", "", "", "农药残留", "0.8",
                "mg/kg", "不合格", "https://lab.example.cn/r/1", "市检测站", "", "",
            ],
        ]
        let event = try #require(try SpreadsheetImporter(kind: .inspection).read(Chain.csv(rows)).document.events.first)
        #expect(event.bizStep?.standardTerm == "inspecting")
        #expect(event.disposition?.standardTerm == "non_conformant")
        #expect(event.certificationInfo == ["https://lab.example.cn/r/1"])
        #expect(event.extensions.contains { $0.name.localName == "testValue" && $0.value == .number("0.8") })
    }

    @Test("bad rows are refused all at once, each by row, column and rule", arguments: [false, true])
    func badRowsNamed(asXLSX: Bool) throws {
        // Given a shipping file with a good row and three bad ones
        let rows = [
            Chain.shippingHeader,
            [
                "2026-10-01 09:00", "+08:00", Chain.farm, Chain.cabbage, "C2611", "800", "KGM", Chain.market, "", "",
                "", "",
            ],
            ["2026-10-01 09:00", "", Chain.farm, Chain.cabbage, "C2611", "-5", "KGM", Chain.market, "", "", "", ""],
            ["yesterday", "+08:00", "6901234000017", Chain.cabbage, "C2611", "10", "KGM", "", "", "", "", ""],
            [
                "2026-10-01 09:00", "+08:00", Chain.farm, "06901234100014", "C2611", "10", "bags", Chain.market, "", "",
                "po", "",
            ],
        ]
        let file = asXLSX ? try Chain.xlsx(rows) : Chain.csv(rows)
        // When it is read
        let error = #expect(throws: ExchangeError.self) { try SpreadsheetImporter(kind: .shipping).read(file) }
        // Then every problem is named, rows 3, 4 and 5, none of row 2
        let found = Set((error?.issues ?? []).map { "\($0.row) \($0.column ?? "-")" })
        #expect(error?.code == .invalidRows)
        #expect(
            found == [
                "3 日期时间 / date time", "3 数量 / quantity", "4 日期时间 / date time", "4 地点GLN / location GLN",
                "4 收货地点GLN / ship to GLN", "5 商品GTIN / GTIN", "5 单位 / unit", "5 单据号 / document number",
            ])
        #expect(error?.description.contains("row 3, column 数量 / quantity: must be greater than 0") == true)
    }

    @Test("headers in Chinese only, English only or both; a wrong template's columns are named")
    func headerLanguages() throws {
        let english = ImportTemplate(.sale).columns.map(\.english)
        let chinese = ImportTemplate(.sale).columns.map(\.chinese)
        let row = ["2026-11-01 18:00", "Asia/Shanghai", Chain.shop, Chain.salad, "S2611", "3", "H87", "", ""]
        let a = try SpreadsheetImporter(kind: .sale).read(Chain.csv([english, row]))
        let b = try SpreadsheetImporter(kind: .sale).read(try Chain.xlsx([chinese, row]))
        #expect(a.document.events == b.document.events)
        #expect(a.document.events.first?.eventTimeZoneOffset == "+08:00")

        let error = #expect(throws: ExchangeError.self) {
            try SpreadsheetImporter(kind: .harvest).read(Chain.files[1].1)
        }
        #expect(error?.issues.contains { $0.row == 1 && $0.column == "ship to GLN" } == true)
    }

    @Test("a transformation's batch needs an input and an output, at one time and place")
    func transformationGroups() throws {
        let rows = [
            Chain.transformationHeader,
            ["JG-09", "投入", "2026-10-02 10:00", "+08:00", Chain.market, Chain.cabbage, "C2611", "5", "KGM", ""],
            ["JG-09", "产出", "2026-10-02 11:00", "+08:00", Chain.market, Chain.salad, "S2619", "4", "KGM", ""],
            ["JG-10", "投入", "2026-10-02 10:00", "+08:00", Chain.market, Chain.cabbage, "C2611", "5", "KGM", ""],
        ]
        let error = #expect(throws: ExchangeError.self) {
            try SpreadsheetImporter(kind: .transformation).read(Chain.csv(rows))
        }
        #expect(error?.issues.map(\.row) == [3, 4])
        #expect(error?.issues.first?.column == "日期时间 / date time")
    }

    @Test("a refused file stores nothing; a re-sent file stores nothing twice, from CSV or XLSX")
    func reimportStoresNothingTwice() async throws {
        // Given a store with the chain imported
        let store = try await Chain.store()
        let before = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1_000)).events.count
        #expect(before == 5)
        // When every file is sent again, and the shipping file once more as XLSX
        for (kind, file) in Chain.files {
            let receipt = try await SpreadsheetImporter(kind: kind).read(file).capture(into: store)
            #expect(receipt.stored == 0 && receipt.alreadyStored == receipt.events)
        }
        let sheet = try Chain.xlsx([
            Chain.shippingHeader,
            [
                "2026-10-01 09:00", "+08:00", Chain.farm, Chain.cabbage, "C2611",
                "800", "kg", Chain.market, Chain.market, Chain.farm, "desadv", "FH-001",
            ],
        ])
        let again = try await SpreadsheetImporter(kind: .shipping).read(sheet).capture(into: store)
        #expect(again.stored == 0)
        // And a file with one bad row is refused before anything is stored
        var rows = [
            Chain.harvestHeader,
            [
                "2026-11-01 07:00", "+08:00", Chain.farm, Chain.cabbage, "C2612", "10", "KGM", "",
                "", "",
            ],
        ]
        rows.append(["2026-11-01 07:00", "+08:00", Chain.farm, Chain.cabbage, "C2613", "x", "KGM", "", "", ""])
        #expect(throws: ExchangeError.self) { try SpreadsheetImporter(kind: .harvest).read(Chain.csv(rows)) }
        // Then the store holds the five events it had
        let after = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1_000)).events.count
        #expect(after == before)
    }

    @Test("a row repeated in one file is named as a repeat")
    func repeatedRow() throws {
        let row = ["2026-11-01 18:00", "+08:00", Chain.shop, Chain.salad, "S2611", "3", "H87", "", ""]
        let error = #expect(throws: ExchangeError.self) {
            try SpreadsheetImporter(kind: .sale).read(Chain.csv([ImportTemplate(.sale).headerRow, row, row]))
        }
        #expect(error?.issues.map(\.description) == ["row 3: repeats row 2: the same record twice"])
    }

    @Test("Excel serial dates, GB-style dates and UTF-8 with a byte order mark are read")
    func spreadsheetQuirks() throws {
        var file = Data([0xEF, 0xBB, 0xBF])
        file += Chain.csv([
            ImportTemplate(.sale).headerRow.map { String($0.split(separator: " ")[0]) },
            ["46327.75", "UTC+8", Chain.shop, Chain.salad, "S2611", "1,200", "件", "", ""],
            ["2026年11月01日 18时05分", "+0800", Chain.shop, Chain.salad, "S2611", "2", "H87", "", ""],
        ])
        let events = try SpreadsheetImporter(kind: .sale).read(file).document.events
        #expect(events.map(\.eventTime.text) == ["2026-11-01T18:00:00+08:00", "2026-11-01T18:05:00+08:00"])
        #expect(events.first?.quantityList.first?.quantity == 1_200)
        #expect(events.first?.quantityList.first?.uom == "H87")
    }
}
