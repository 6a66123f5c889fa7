import Foundation

/// A sheet of QR Code labels, each a GS1 Digital Link with its human-readable lines, laid out for label paper
/// (A4 with 3 × 8 labels of 70 × 37 mm by default) as one SVG drawn in millimetres, so that it prints at size.
///
/// What a consumer scans later is what the party printed: each label's QR Code holds exactly its ``Label/link``.
public struct LabelSheet: Sendable {
    /// One label.
    public struct Label: Sendable, Hashable {
        /// The GS1 Digital Link the QR Code holds (`https://id.gs1.org/01/…/10/…` or `…/21/…`).
        public var link: String
        /// Lines printed beside the code (product, lot, expiry, serial), plain text.
        public var lines: [String]

        /// Makes a label.
        public init(link: String, lines: [String]) {
            self.link = link
            self.lines = lines
        }
    }

    /// A label paper: the page, the grid and the labels' size, in millimetres.
    public struct Paper: Sendable, Hashable {
        /// Page width and height.
        public var width, height: Double
        /// Labels across and down.
        public var columns, rows: Int
        /// One label's width and height.
        public var labelWidth, labelHeight: Double
        /// The page's margin left and top (the grid is centred when they are nil).
        public var left, top: Double

        /// A4 with 3 × 8 labels of 70 × 37 mm, edge to edge across (Avery 3474-like, common in China as A4 24-up).
        public static let a4ThreeByEight = Paper(
            width: 210, height: 297, columns: 3, rows: 8, labelWidth: 70, labelHeight: 37, left: 0, top: 0.5)

        /// Labels per sheet.
        public var perSheet: Int { columns * rows }
    }

    /// The labels, in order (across, then down); a sheet holds ``Paper/perSheet`` of them.
    public let labels: [Label]
    /// The paper.
    public let paper: Paper

    /// Makes a sheet.
    /// - Parameters:
    ///   - labels: the labels; at most one sheet's worth is drawn by ``svg(page:)`` per page.
    ///   - paper: the label paper.
    public init(labels: [Label], paper: Paper = .a4ThreeByEight) {
        self.labels = labels
        self.paper = paper
    }

    /// How many pages the labels fill.
    public var pageCount: Int { max(1, (labels.count + paper.perSheet - 1) / paper.perSheet) }

    /// One page of the sheet as SVG, sized in millimetres.
    /// - Parameter page: the page, from 0.
    /// - Returns: the SVG document.
    /// - Throws: ``QRCode/EncodingError`` when a link is too long for a QR Code.
    public func svg(page: Int = 0) throws -> String {
        let slice = labels.dropFirst(page * paper.perSheet).prefix(paper.perSheet)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(paper.width))mm" \
            height="\(Self.number(paper.height))mm" viewBox="0 0 \(Self.number(paper.width)) \
            \(Self.number(paper.height))" font-family="DejaVu Sans, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif">
            <rect width="\(Self.number(paper.width))" height="\(Self.number(paper.height))" fill="#fff"/>
            """
        for (index, label) in slice.enumerated() {
            let x = paper.left + Double(index % paper.columns) * paper.labelWidth
            let y = paper.top + Double(index / paper.columns) * paper.labelHeight
            svg += try Self.label(label, x: x, y: y, paper: paper)
        }
        return svg + "</svg>"
    }

    /// One label: the QR Code on the left, filling the label's height, and the text lines on the right.
    static func label(_ label: Label, x: Double, y: Double, paper: Paper) throws -> String {
        let code = try QRCode(label.link, correction: .medium)
        let quiet = 4
        let side = code.size + 2 * quiet
        let qrSize = paper.labelHeight - 2
        let path = code.svgPath(quietZone: quiet)
        var text = ""
        let textX = x + qrSize + 2
        for (line, content) in label.lines.prefix(5).enumerated() {
            let size = line == 0 ? 3.4 : 2.8
            text += "<text x=\"\(number(textX))\" y=\"\(number(y + 7 + Double(line) * 5.2))\" "
                + "font-size=\"\(number(size))\"\(line == 0 ? " font-weight=\"bold\"" : "")>"
                + "\(HTML.escape(String(content.prefix(30))))</text>"
        }
        return "<g class=\"label\"><svg x=\"\(number(x + 1))\" y=\"\(number(y + 1))\" width=\"\(number(qrSize))\" "
            + "height=\"\(number(qrSize))\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\">"
            + "<title>\(HTML.escape(label.link))</title>"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
            + text + "</g>"
    }

    /// A length in millimetres with at most two decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
