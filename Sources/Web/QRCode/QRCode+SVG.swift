extension QRCode {
    /// The symbol as a standalone SVG image for print and screens: a white background over the quiet zone and
    /// one black path in which each horizontal run of dark modules is one rectangle.
    ///
    /// The view box counts modules, so the image scales without blur; `shape-rendering="crispEdges"` keeps
    /// adjacent rectangles from showing hairline seams when a renderer antialiases.
    /// - Parameters:
    ///   - moduleSize: the width and height of the image in pixels per module (at least 1).
    ///   - quietZone: light modules around the symbol; the standard asks for at least 4 (ISO/IEC 18004:2015, 6.3.8).
    ///   - title: an accessible name for the image (plain text; it is escaped), or `nil` for none.
    /// - Returns: the SVG document, without an XML declaration so that it can also be inlined in HTML.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let quiet = max(0, quietZone)
        let side = size + 2 * quiet
        let pixels = side * max(1, moduleSize)
        let path = svgPath(quietZone: quiet)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">
            """
        if let title { svg += "<title>\(HTML.escape(title))</title>" }
        svg += ##"<rect width="\##(side)" height="\##(side)" fill="#fff"/><path fill="#000" d="\##(path)"/></svg>"##
        return svg
    }

    /// One SVG path of the dark modules, a rectangle per horizontal run, in module units offset by the quiet zone.
    /// - Parameter quietZone: light modules before the first column and row.
    /// - Returns: the path data (`d`).
    public func svgPath(quietZone: Int) -> String {
        darkRuns().map { run in
            "M\(run.column + quietZone) \(run.row + quietZone)h\(run.length)v1h-\(run.length)z"
        }.joined()
    }

    /// The horizontal runs of dark modules, row by row, left to right: what a printer draws as rectangles.
    public func darkRuns() -> [(row: Int, column: Int, length: Int)] {
        var runs: [(row: Int, column: Int, length: Int)] = []
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                runs.append((row, start, column - start))
            }
        }
        return runs
    }
}
