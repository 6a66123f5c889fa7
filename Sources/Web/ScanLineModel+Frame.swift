/// Every consumer scan writes its own scan line into a cached page, so the line is the one render on the busiest
/// path of the server. It still comes from its template: the template is rendered once per language and per shape
/// (with or without the day of the first scan) with markers in place of the two texts, and each scan fills the
/// markers with its texts, escaped as the template engine escapes them (the Web tests compare the two for every
/// shape, with texts that need escaping).
extension ScanLineModel {
    /// The line's HTML: what `PageRenderer.shared.render(self)` gives, without a template render per scan.
    public var html: String {
        let frame = Self.frames[language.frameIndex * 2 + (first == nil ? 0 : 1)]
        var out = ""
        out.reserveCapacity(frame.size + text.utf8.count + (first?.utf8.count ?? 0))
        for piece in frame.pieces {
            switch piece {
            case .literal(let literal): out += literal
            case .text: out += HTML.escape(text)
            case .first: out += HTML.escape(first ?? "")
            }
        }
        return out
    }

    /// One rendered shape of the template, cut at its markers.
    struct Frame: Sendable {
        enum Piece: Sendable {
            case literal(String)
            case text
            case first
        }

        var pieces: [Piece] = []
        var size = 0

        init(language: PageLanguage, withFirst: Bool, renderer: PageRenderer) {
            let model = ScanLineModel(
                language: language, text: Frame.textMarker, first: withFirst ? Frame.firstMarker : nil)
            let rendered = renderer.render(model)
            size = rendered.utf8.count
            var rest = Substring(rendered)
            while let marker = rest.firstRange(of: Frame.delimiter) {
                let literal = rest[..<marker.lowerBound]
                if !literal.isEmpty { pieces.append(.literal(String(literal))) }
                let after = rest[marker.upperBound...]
                if after.hasPrefix(Frame.textName) {
                    pieces.append(.text)
                    rest = after.dropFirst(Frame.textName.count + Frame.delimiter.count)
                } else {
                    pieces.append(.first)
                    rest = after.dropFirst(Frame.firstName.count + Frame.delimiter.count)
                }
            }
            if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        }

        /// Control characters no catalog text holds, and which the engine's escaping leaves alone.
        static let delimiter = "\u{1}"
        static let textName = "text"
        static let firstName = "first"
        static let textMarker = delimiter + textName + delimiter
        static let firstMarker = delimiter + firstName + delimiter
    }

    /// The frames of the bundled template: by language, without and with the first scan's day.
    static let frames: [Frame] = PageLanguage.allCases.flatMap { language in
        [false, true].map { Frame(language: language, withFirst: $0, renderer: .shared) }
    }
}

extension PageLanguage {
    /// The position of the language in `allCases`.
    var frameIndex: Int { PageLanguage.allCases.firstIndex(of: self) ?? 0 }
}
