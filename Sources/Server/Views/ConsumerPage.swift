import Foundation
import Storage
import Web

/// The page a consumer sees after scanning a code: the product, its lot and dates, the maker, the origin, the test
/// results, the journey, and a red banner when the lot is recalled or an amber one when the code looks copied.
/// Server-rendered, no script, one column on a phone.
struct ConsumerPage {
    struct Recall: Sendable {
        var id: String
        var reason: String
        var issuedAt: Date
    }

    var story: ConsumerStory
    var recalls: [Recall]
    var scans: ScanSummary
    var cloneFindings: Int
    var linksetURL: String
    var qrURL: String

    /// The page around its scan line: everything before it and everything after it. They depend on the scans only
    /// through whether the code was scanned from three networks or more (a warning), so a cached story keeps both
    /// variants and a scan only writes its own line between them.
    struct Pieces: Sendable {
        var head: String
        var tail: String
    }

    /// The warnings about a copied or resold code, worst first.
    var warnings: [String] { warnings(manyNetworks: scans.origins.count >= 3) }

    func warnings(manyNetworks: Bool) -> [String] {
        var lines: [String] = []
        if cloneFindings > 0 {
            lines.append("This code was sold or seen in two places at once: it may be a copy. Do not buy or use it.")
        }
        if story.serial != nil, let sold = story.sold {
            lines.append(
                "This item was already \(sold.what) on \(Self.day(sold.time))\(sold.place.map { " at \($0)" } ?? ""). "
                    + "If you bought it then, this is expected; if it is being sold to you now, it may be a copy.")
        }
        if story.serial != nil, manyNetworks {
            lines.append("This code has been scanned from three or more different networks.")
        }
        return lines
    }

    /// The whole page.
    func render() -> String {
        let pieces = pieces(manyNetworks: scans.origins.count >= 3)
        return pieces.head + Self.scanLine(scans) + pieces.tail
    }

    /// What a scan adds between the pieces: the count, and the first scan's day.
    static func scanLine(_ scans: ScanSummary) -> String {
        var line = "<p class=\"scans\" id=\"scans\">This code has been scanned \(scans.count) time"
        if scans.count != 1 { line += "s" }
        if let first = scans.first, scans.count > 1 { line += ", first on \(day(first))" }
        return line + ".</p>"
    }

    /// The page before and after its scan line.
    func pieces(manyNetworks: Bool) -> Pieces {
        let warnings = warnings(manyNetworks: manyNetworks)
        let title = story.productName ?? "Product \(story.gtin ?? story.key)"
        var body = "<main>"
        body += "<p class=\"brand\">Suyuan 溯源 · verified traceability</p>"
        body += "<h1 id=\"product\">\(HTML.escape(title))</h1>"
        if !recalls.isEmpty {
            body += "<section class=\"banner recalled\" id=\"recall\" role=\"alert\"><strong>RECALLED</strong> "
            body += recalls.map {
                "\(HTML.escape($0.reason)) (since \(Self.day($0.issuedAt)), recall \(HTML.escape($0.id)))"
            }.joined(separator: "; ")
            body += ". Do not eat or use this product; return it where you bought it.</section>"
        } else if !story.isKnown {
            body += "<section class=\"banner unknown\" id=\"unknown\" role=\"alert\"><strong>UNKNOWN CODE</strong> "
            body += "No producer has recorded this code. It may be mistyped, or the product may not be genuine.</section>"
        } else if warnings.isEmpty {
            body += "<section class=\"banner ok\" id=\"verified\"><strong>RECORDED</strong> Every step below was "
            body += "recorded by the party that did it, and the record is sealed in a tamper-evident ledger.</section>"
        }
        for warning in warnings {
            body += "<section class=\"banner warning\" role=\"alert\"><strong>WARNING</strong> \(HTML.escape(warning))</section>"
        }
        body += "<dl class=\"facts\">"
        body += fact("Product", story.productName)
        body += fact("Category", story.category)
        body += fact("GTIN", story.gtin)
        body += fact("Lot", story.lot)
        body += fact("Serial", story.serial)
        body += fact("Manufacturer", story.manufacturer)
        body += fact("Produced", story.productionDate.map(Self.day))
        body += fact("Best before / expiry", story.expiry)
        body += fact("Origin", story.origins.isEmpty ? nil : story.origins.joined(separator: "; "))
        body += "</dl>"
        if !story.tests.isEmpty || !story.certificates.isEmpty {
            body += "<h2>Test results</h2><ul class=\"tests\" id=\"tests\">"
            body += story.tests.map { "<li>\(HTML.escape($0.name)): <strong>\(HTML.escape($0.value))</strong></li>" }
                .joined()
            body += story.certificates.map { certificate in
                let authority = URL(string: certificate)?.host ?? certificate
                return "<li>Certificate from \(HTML.escape(authority)): <a href=\"\(HTML.escape(certificate))\">"
                    + "\(HTML.escape(certificate))</a></li>"
            }.joined()
            body += "</ul>"
        }
        if story.isKnown {
            body += "<h2>Journey</h2><ol class=\"journey\" id=\"journey\">"
            for step in story.journey {
                body += "<li><time>\(Self.minute(step.time))</time> <strong>\(HTML.escape(step.what))</strong>"
                if let party = step.party { body += " · \(HTML.escape(party))" }
                if let place = step.place, place != step.party { body += " <span class=\"place\">\(HTML.escape(place))</span>" }
                body += "</li>"
            }
            body += "</ol>"
        }
        let head = body
        body = "<p class=\"links\"><a href=\"\(HTML.escape(qrURL))\">QR code</a> · "
        body += "<a href=\"\(HTML.escape(linksetURL))\">Links (GS1 Digital Link linkset)</a></p>"
        body += "<p class=\"key\"><code>\(HTML.escape(story.key))</code></p></main>"
        // The document around a marker body; the body comes after the title, so the last marker is the body's.
        let marker = "\u{0}body\u{0}"
        let skeleton = HTML.document(title: title, stylesheet: HTML.baseStylesheet + Self.stylesheet, body: marker)
        let split = skeleton.range(of: marker, options: .backwards)!
        return Pieces(
            head: skeleton[..<split.lowerBound] + head, tail: body + skeleton[split.upperBound...])
    }

    private func fact(_ name: String, _ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        return "<div><dt>\(HTML.escape(name))</dt><dd>\(HTML.escape(value))</dd></div>"
    }

    /// `2025-01-01 13:10 UTC`.
    static func minute(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// `2025-01-01` (UTC).
    static func day(_ date: Date) -> String { HTML.utcDay(date) }

    static let stylesheet = """
        .brand{color:#5b6673;font-size:.85rem;margin:0}.banner{border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0;\
        font-size:1.05rem}.recalled{background:#c62828;color:#fff}.warning{background:#ffb300;color:#1b1f23}\
        .ok{background:#e6f4ea;color:#1e4620}.unknown{background:#eceff1;color:#37474f}\
        .facts{display:grid;grid-template-columns:1fr;gap:.25rem;margin:1rem 0}.facts div{display:flex;\
        justify-content:space-between;border-bottom:1px solid #dde1e6;padding:.3rem 0}.facts dt{color:#5b6673}\
        .facts dd{margin:0;font-weight:600;text-align:right}.journey{padding-left:1.25rem}.journey li{margin:.4rem 0}\
        .journey time{font-variant-numeric:tabular-nums;color:#5b6673}.place{color:#5b6673;font-size:.9em}\
        .scans{color:#37474f}.key code{color:#5b6673}
        """
}
