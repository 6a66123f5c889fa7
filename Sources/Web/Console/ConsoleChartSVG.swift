internal import Foundation

/// Draws the dashboard's charts: bars per day or week, stacked by series, as an inline SVG with no script nor
/// stylesheet. The SVG has a `<title>` (read by screen readers, `role="img"`), every bar a `<title>` of its own
/// (a tooltip), and a `viewBox`, so that it scales to its container's width.
public enum ConsoleChartSVG {
    /// One part of a bar: a value of one series.
    public struct Segment: Hashable, Sendable {
        public var value: Int
        /// The series' fill colour (`#1565c0`).
        public var color: String
        /// The tooltip (`3/1: 12 events`).
        public var title: String

        /// Makes a segment.
        public init(value: Int, color: String, title: String) {
            self.value = value
            self.color = color
            self.title = title
        }
    }

    /// One bar: a label under it and its stacked segments.
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var segments: [Segment]

        /// Makes a bar.
        public init(label: String, segments: [Segment]) {
            self.label = label
            self.segments = segments
        }

        /// The height of the whole bar.
        public var total: Int { segments.reduce(0) { $0 + $1.value } }
    }

    /// The drawing's width and height in its own units.
    static let width = 640.0
    static let height = 220.0
    private static let left = 40.0
    private static let right = 8.0
    private static let top = 12.0
    private static let bottom = 28.0

    /// Draws bars.
    /// - Parameters:
    ///   - id: the SVG element's ID (its title is `<id>-title`).
    ///   - title: what the chart shows, with its figures, for people who cannot see it.
    ///   - bars: the bars, left to right.
    /// - Returns: an `<svg>` element, to put in an HTML page as it is.
    public static func render(id: String, title: String, bars: [Bar]) -> String {
        let maximum = niceMaximum(bars.map(\.total).max() ?? 0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let slot = plotWidth / Double(max(bars.count, 1))
        let barWidth = max(slot * 0.7, 1)
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" id="\##(HTML.escape(id))" class="chart" role="img" "##
            + ##"aria-labelledby="\##(HTML.escape(id))-title" viewBox="0 0 \##(Int(width)) \##(Int(height))" "##
            + ##"width="100%" style="max-width:\##(Int(width * 1.25))px;height:auto" "##
            + ##"font-family="system-ui,'Noto Sans CJK SC',sans-serif" font-size="13">"##
        svg += ##"<title id="\##(HTML.escape(id))-title">\##(HTML.escape(title))</title>"##
        // Grid lines at a quarter, half, three quarters and the top, with their values.
        for step in 0...4 {
            let value = maximum * step / 4
            let y = top + plotHeight - plotHeight * Double(step) / 4
            svg += ##"<line x1="\##(format(left))" y1="\##(format(y))" x2="\##(format(width - right))" "##
                + ##"y2="\##(format(y))" stroke="\##(step == 0 ? "#90a4ae" : "#e3e7eb")" stroke-width="1"/>"##
            svg += ##"<text x="\##(format(left - 4))" y="\##(format(y + 4))" text-anchor="end" fill="#5b6673">"##
                + "\(value)</text>"
        }
        let labelEvery = max(1, Int((Double(bars.count) / 14).rounded(.up)))
        for (index, bar) in bars.enumerated() {
            let x = left + slot * Double(index) + (slot - barWidth) / 2
            var base = top + plotHeight
            svg += ##"<g class="bar" data-total="\##(bar.total)">"##
            for segment in bar.segments where segment.value > 0 {
                let height = plotHeight * Double(segment.value) / Double(maximum)
                base -= height
                svg += ##"<rect x="\##(format(x))" y="\##(format(base))" width="\##(format(barWidth))" "##
                    + ##"height="\##(format(height))" fill="\##(HTML.escape(segment.color))" "##
                    + ##"data-value="\##(segment.value)"><title>\##(HTML.escape(segment.title))</title></rect>"##
            }
            svg += "</g>"
            if index % labelEvery == 0 {
                svg += ##"<text x="\##(format(x + barWidth / 2))" y="\##(format(height - bottom + 16))" "##
                    + ##"text-anchor="middle" fill="#5b6673">\##(HTML.escape(bar.label))</text>"##
            }
        }
        return svg + "</svg>"
    }

    /// The top of the scale: the maximum rounded up to 4, 8, 20, 40, 80, 200 … so that quarters are whole numbers.
    static func niceMaximum(_ value: Int) -> Int {
        guard value > 4 else { return 4 }
        var unit = 1
        while true {
            for multiple in [4, 8, 20] where value <= multiple * unit { return multiple * unit }
            unit *= 10
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
