import Foundation
import Testing

@testable import Web

@Suite("Label sheets")
struct LabelSheetTests {
    static func labels(_ count: Int) -> [LabelSheet.Label] {
        (1...count).map {
            LabelSheet.Label(link: "https://id.gs1.org/01/09506000134352/21/\($0)", lines: ["<Tea & 茶>", "SN \($0)"])
        }
    }

    @Test("an A4 page holds 3 × 8 labels; the 25th starts a second page at the top left")
    func pages() throws {
        let sheet = LabelSheet(labels: Self.labels(25))
        #expect(sheet.pageCount == 2)
        let first = try sheet.svg(page: 0)
        #expect(first.components(separatedBy: "<g class=\"label\">").count - 1 == 24)
        #expect(first.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\""))
        // The last label of the first page sits in the third column of the eighth row
        #expect(first.contains("<svg x=\"141\" y=\"260.5\" width=\"35\" height=\"35\""))
        let second = try sheet.svg(page: 1)
        #expect(second.components(separatedBy: "<g class=\"label\">").count - 1 == 1)
        #expect(second.contains("<svg x=\"1\" y=\"1.5\""))
        #expect(second.contains("/21/25</title>"))
    }

    @Test("text is escaped in SVG, and left out of the PDF when Helvetica cannot draw it")
    func text() throws {
        let sheet = LabelSheet(labels: Self.labels(2))
        let svg = try sheet.svg()
        #expect(svg.contains("&lt;Tea &amp; 茶&gt;"))
        #expect(!svg.contains("<Tea"))
        let pdf = String(decoding: try sheet.pdf(), as: UTF8.self)
        #expect(pdf.hasPrefix("%PDF-1.4"))
        #expect(pdf.contains("/Count 1"))
        #expect(pdf.contains("(SN 2) Tj"))
        #expect(!pdf.contains("Tea"))
        #expect(pdf.hasSuffix("%%EOF\n"))
    }

    @Test("the PDF's cross-reference table points at each object")
    func crossReference() throws {
        let data = try LabelSheet(labels: Self.labels(30)).pdf()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("/Count 2"))
        let xref = try #require(text.range(of: "\nxref\n"))
        let offsets = text[xref.upperBound...].split(separator: "\n").dropFirst(2).prefix { $0.hasSuffix(" n ") }
            .compactMap { Int($0.prefix(10)) }
        #expect(offsets.count == 7)
        let bytes = [UInt8](data)
        for (index, offset) in offsets.enumerated() {
            let head = String(decoding: bytes[offset..<min(offset + 12, bytes.count)], as: UTF8.self)
            #expect(head.hasPrefix("\(index + 1) 0 obj"))
        }
    }
}
