public import Foundation

extension LabelSheet {
    /// Every page of the sheet as one PDF 1.4 document, drawn in points from the same millimetre layout as
    /// ``svg(page:)``: each QR Code as filled rectangles (one per run of dark modules), the text in the standard
    /// Helvetica font.
    ///
    /// Helvetica has no Chinese glyphs and embedding a CJK font would add a dependency, so a text line with
    /// characters outside ASCII is left out of the PDF (the SVG sheet prints it); the GTIN, lot and serial lines are
    /// ASCII.
    /// - Returns: the PDF's bytes.
    /// - Throws: ``QRCode/EncodingError`` when a link is too long for a QR Code.
    public func pdf() throws -> Data {
        let points = 72 / 25.4
        var objects: [Data] = []
        func add(_ text: String) -> Int {
            objects.append(Data(text.utf8))
            return objects.count
        }
        func addStream(_ content: String) -> Int {
            let bytes = Data(content.utf8)
            objects.append(Data("<< /Length \(bytes.count) >>\nstream\n".utf8) + bytes + Data("\nendstream".utf8))
            return objects.count
        }
        let catalog = add("")
        let pages = add("")
        let font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var pageIDs: [Int] = []
        let width = Self.pdfNumber(paper.width * points)
        let height = Self.pdfNumber(paper.height * points)
        for page in 0..<pageCount {
            var content = "0 g\n"
            let slice = labels.dropFirst(page * paper.perSheet).prefix(paper.perSheet)
            for (index, label) in slice.enumerated() {
                let x = paper.left + Double(index % paper.columns) * paper.labelWidth
                let top = paper.top + Double(index / paper.columns) * paper.labelHeight
                content += try Self.pdfLabel(label, x: x, top: top, paper: paper, points: points)
            }
            let stream = addStream(content)
            pageIDs.append(add(
                "<< /Type /Page /Parent \(pages) 0 R /MediaBox [0 0 \(width) \(height)] "
                    + "/Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(stream) 0 R >>"))
        }
        objects[catalog - 1] = Data("<< /Type /Catalog /Pages \(pages) 0 R >>".utf8)
        objects[pages - 1] = Data(
            "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageIDs.count) >>"
                .utf8)
        var pdf = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf += Data("\(index + 1) 0 obj\n".utf8) + object + Data("\nendobj\n".utf8)
        }
        let xref = pdf.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return pdf + Data(table.utf8)
    }

    /// One label's drawing operators: the white quiet zone is the paper; dark module runs as rectangles.
    static func pdfLabel(_ label: Label, x: Double, top: Double, paper: Paper, points: Double) throws -> String {
        let code = try QRCode(label.link, correction: .medium)
        let quiet = 4
        let side = Double(code.size + 2 * quiet)
        let qrSize = paper.labelHeight - 2
        let module = qrSize / side * points
        let originX = (x + 1) * points
        let originTop = (paper.height - top - 1) * points
        var content = ""
        for run in code.darkRuns() {
            let left = originX + Double(run.column + quiet) * module
            let bottom = originTop - Double(run.row + quiet + 1) * module
            content += "\(pdfNumber(left)) \(pdfNumber(bottom)) \(pdfNumber(Double(run.length) * module)) "
                + "\(pdfNumber(module)) re\n"
        }
        content += "f\n"
        let textX = (x + qrSize + 2) * points
        var line = 0
        for text in label.lines where text.allSatisfy({ $0.isASCII }) {
            let size = line == 0 ? 9.5 : 8
            let baseline = (paper.height - top - 7 - Double(line) * 5.2) * points
            let escaped = String(text.prefix(30)).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            content += "BT /F1 \(pdfNumber(size)) Tf \(pdfNumber(textX)) \(pdfNumber(baseline)) Td (\(escaped)) Tj ET\n"
            line += 1
        }
        return content
    }

    /// A PDF number with at most three decimals.
    static func pdfNumber(_ value: Double) -> String {
        let rounded = (value * 1_000).rounded() / 1_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
