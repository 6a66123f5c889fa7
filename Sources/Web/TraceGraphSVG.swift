internal import Foundation
public import TraceEngine

/// Draws a trace as a graph: an inline SVG of lots, items, containers, parties and locations, laid out left to
/// right the way the goods went (the origins on the left of a backward trace, the root on the left of a forward
/// one), with the links between them as labelled arrows.
///
/// The SVG needs no script nor stylesheet: it has a `viewBox` and scales to the width of its container, so it
/// reads on a phone; each node and edge has a `<title>` (a tooltip) with the full identifiers and event IDs.
/// Every text from the trace is escaped with ``HTML/escape(_:)``. Large traces stay readable: items and
/// containers of one product on one layer are drawn as one node with a count, the drawing is capped at
/// ``Options/maxNodes``, and notes under the graph say what was collapsed or left out.
public enum TraceGraphSVG {
    /// How to draw.
    public struct Options: Hashable, Sendable {
        /// The most nodes to draw, after collapsing; those nearest the root are kept.
        public var maxNodes: Int
        /// How many items or containers of one product on one layer are drawn as one node.
        public var collapseThreshold: Int
        /// A fixed width in pixels; nil to fill the container's width (up to the drawing's natural width).
        public var width: Int?
        /// Display names by identifier (a party's name from master data), shown instead of the identifier.
        public var names: [String: String]
        /// The language of the drawing's own words (kinds, notes, title), from the catalog's `graph` messages;
        /// English when nil.
        public var language: PageLanguage?

        /// Makes options.
        /// - Parameters:
        ///   - maxNodes: the most nodes to draw; 60 by default.
        ///   - collapseThreshold: the smallest group drawn as one node; 4 by default.
        ///   - width: a fixed width in pixels, or nil to scale.
        ///   - names: display names by identifier.
        ///   - language: the language of the drawing's own words; English when nil.
        public init(
            maxNodes: Int = 60, collapseThreshold: Int = 4, width: Int? = nil, names: [String: String] = [:],
            language: PageLanguage? = nil
        ) {
            self.language = language
            self.maxNodes = max(maxNodes, 1)
            self.collapseThreshold = max(collapseThreshold, 2)
            self.width = width
            self.names = names
        }
    }

    /// Renders a trace's graph.
    ///
    /// Without a fixed width the SVG fills its container's width, from three quarters of its natural width (so
    /// that labels stay legible) up to the natural width; on a phone, put it in a container that scrolls
    /// sideways, such as `<div style="overflow-x:auto">`.
    /// - Parameters:
    ///   - trace: the trace, with its ``TraceEngine/TraceResult/nodes`` and ``TraceEngine/TraceResult/edges``.
    ///   - options: how to draw.
    /// - Returns: an `<svg>` element, to put in an HTML page as it is.
    public static func render(_ trace: TraceResult, options: Options = Options()) -> String {
        let model = TraceGraphModel(trace, options: options)
        let layout = TraceGraphLayout(model)
        let footerLines = 1 + model.notes.count
        let width = max(layout.width, 560)
        let height = layout.height + 8 + Double(footerLines) * 16
        let size: String
        if let fixed = options.width {
            size = #"width="\#(fixed)" height="\#(Int((Double(fixed) * height / width).rounded()))""#
        } else {
            // Scales down to three quarters at most, so that labels stay legible on a phone: a narrow page puts the
            // graph in a container that scrolls sideways (`overflow-x:auto`).
            size = #"width="100%" style="max-width:\#(Int(width))px;min-width:\#(Int(width * 0.75))px;height:auto""#
        }
        let summary = model.words.summary(trace)
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="trace-graph" "#
            + #"viewBox="0 0 \#(n(width)) \#(n(height))" "#
            + #"\#(size) role="img" font-family="system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif">"#
        out += "<title>\(HTML.escape(summary))</title>"
        out += markers()
        for (index, edge) in model.edges.enumerated() {
            out += draw(edge, route: layout.routes[index], words: model.words)
        }
        for node in model.nodes {
            guard let anchor = layout.anchors[node.id] else { continue }
            out += draw(node, at: anchor, names: options.names, words: model.words)
        }
        out += footer(notes: model.notes, top: layout.height + 8, width: width, words: model.words)
        return out + "</svg>"
    }

    private static func markers() -> String {
        var out = "<defs>"
        for kind in TraceEdgeKind.allCases {
            out += #"<marker id="trace-arrow-\#(kind.rawValue)" viewBox="0 0 10 10" refX="10" refY="5" "#
                + #"markerWidth="7" markerHeight="7" orient="auto-start-reverse">"#
                + #"<path d="M0 0L10 5L0 10z" fill="\#(TraceGraphStyle.colour(kind))"/></marker>"#
        }
        return out + "</defs>"
    }

    private static func draw(
        _ edge: TraceGraphModel.Edge, route: [TraceGraphLayout.Point], words: TraceGraphWords
    ) -> String {
        guard let first = route.first, route.count > 1 else { return "" }
        var path = "M\(n(first.x)) \(n(first.y))"
        for (a, b) in zip(route, route.dropFirst()) {
            if a.y == b.y && b.x > a.x {
                path += "L\(n(b.x)) \(n(b.y))"
            } else {
                let pull = max(abs(b.x - a.x) / 2, 48)
                path += "C\(n(a.x + pull)) \(n(a.y)) \(n(b.x - pull)) \(n(b.y)) \(n(b.x)) \(n(b.y))"
            }
        }
        let colour = TraceGraphStyle.colour(edge.kind)
        let label = (x: (route[0].x + route[1].x) / 2, y: (route[0].y + route[1].y) / 2 - 4)
        let title = TraceGraphStyle.edgeTitle(edge, word: words.edge(edge.kind))
        return #"<g class="edge" data-kind="\#(edge.kind.rawValue)" data-from="\#(HTML.escape(edge.from))" "#
            + #"data-to="\#(HTML.escape(edge.to))"><title>\#(HTML.escape(title))</title>"#
            + #"<path d="\#(path)" fill="none" stroke="\#(colour)" stroke-width="1.6" "#
            + #"marker-end="url(#trace-arrow-\#(edge.kind.rawValue))"/>"#
            + #"<text x="\#(n(label.x))" y="\#(n(label.y))" font-size="10" text-anchor="middle" fill="\#(colour)" "#
            + #"stroke="\#(white)" stroke-width="3" paint-order="stroke">"#
            + "\(HTML.escape(TraceGraphStyle.edgeLabel(edge, word: words.edge(edge.kind))))</text></g>"
    }

    private static func draw(
        _ node: TraceGraphModel.Node, at anchor: TraceGraphLayout.Point, names: [String: String],
        words: TraceGraphWords
    ) -> String {
        let (w, h) = (TraceGraphLayout.nodeWidth, TraceGraphLayout.nodeHeight)
        let (fill, stroke) = TraceGraphStyle.colours(node.kind)
        let top = anchor.y - h / 2
        var word = words.tag(node.kind)
        let label: String
        if node.isCollapsed {
            word += " ×\(node.members.count)"
            label = TraceGraphStyle.shortLabel(node.group ?? node.id, names: [:])
        } else {
            label = TraceGraphStyle.shortLabel(node.id, names: names)
        }
        if node.isRoot { word += " · " + words.root }
        let border = node.isRoot
            ? #"stroke-width="3""# : node.isCollapsed ? #"stroke-width="1.5" stroke-dasharray="5 3""# : #"stroke-width="1.5""#
        return #"<g class="node" data-kind="\#(node.kind.rawValue)" data-id="\#(HTML.escape(node.id))" "#
            + #"data-count="\#(node.members.count)"><title>"#
            + #"\#(HTML.escape(TraceGraphStyle.nodeTitle(node, names: names)))</title><rect x="\#(n(anchor.x))" y="\#(n(top))" width="\#(n(w))" height="\#(n(h))" rx="8" "#
            + #"fill="\#(fill)" stroke="\#(stroke)" \#(border)/>"#
            + #"<text x="\#(n(anchor.x + 10))" y="\#(n(top + 16))" font-size="9.5" font-weight="600" "#
            + #"letter-spacing=".04em" fill="\#(stroke)">\#(HTML.escape(word))</text>"#
            + #"<text x="\#(n(anchor.x + 10))" y="\#(n(top + 34))" font-size="12.5" fill="\#(ink)">"#
            + "\(HTML.escape(label))</text></g>"
    }

    /// The legend (a swatch per node kind, a colour per edge kind) and the notes.
    private static func footer(notes: [String], top: Double, width: Double, words: TraceGraphWords) -> String {
        var out = #"<g class="legend" font-size="10.5" fill="\#(ink)">"#
        var x = TraceGraphLayout.margin
        for kind in TraceNodeKind.allCases {
            let (fill, stroke) = TraceGraphStyle.colours(kind)
            out += #"<rect x="\#(n(x))" y="\#(n(top))" width="12" height="12" rx="3" "#
                + #"fill="\#(fill)" stroke="\#(stroke)"/>"#
                + #"<text x="\#(n(x + 16))" y="\#(n(top + 10))">\#(HTML.escape(words.kind(kind)))</text>"#
            x += 24 + TraceGraphWords.width(words.kind(kind))
        }
        for kind in TraceEdgeKind.allCases {
            let colour = TraceGraphStyle.colour(kind)
            out += #"<path d="M\#(n(x)) \#(n(top + 6))h16" stroke="\#(colour)" stroke-width="2"/>"#
                + #"<text x="\#(n(x + 20))" y="\#(n(top + 10))" fill="\#(colour)">"#
                + "\(HTML.escape(words.edge(kind)))</text>"
            x += 28 + TraceGraphWords.width(words.edge(kind))
        }
        out += "</g>"
        for (index, note) in notes.enumerated() {
            let line = TraceGraphStyle.cut(note, to: Int((width - 24) / 6), keepingEnd: false)
            out += #"<text class="note" x="\#(n(TraceGraphLayout.margin))" y="\#(n(top + 28 + Double(index) * 16))" "#
                + #"font-size="11" fill="\#(grey)"><title>\#(HTML.escape(note))</title>\#(HTML.escape(line))</text>"#
        }
        return out
    }

    private static let white = "#ffffff"
    private static let ink = "#1b1f23"
    private static let grey = "#5c6670"

    /// A coordinate with at most one decimal.
    private static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
