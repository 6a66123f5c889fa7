public import Foundation
import EPCIS

/// Building blocks of Suyuan's web pages: escaping and the page frame that the consumer scan pages and the
/// regulator console share.
///
/// Pages are rendered as strings on the server, with no script needed to read them: they load fast on a
/// phone, print, and work in any browser. Every value that comes from a capture or from a URL goes through
/// ``HTML/escape(_:)``.
public enum HTML {
    /// Escapes text for an HTML element or a double-quoted attribute value.
    /// - Parameter text: any text.
    /// - Returns: the text with `&`, `<`, `>`, `"` and `'` replaced by character references.
    public static func escape(_ text: String) -> String {
        // Most values (names, dates, codes) hold none of the five characters: return them as they are.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole HTML5 document: the shared frame (viewport for phones, the stylesheet) around a body.
    /// - Parameters:
    ///   - title: the page title (plain text; it is escaped).
    ///   - stylesheet: CSS for the page.
    ///   - body: the body's HTML (already escaped where needed).
    /// - Returns: the document.
    public static func document(title: String, stylesheet: String = HTML.baseStylesheet, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }

    /// `2025-01-01` (UTC), computed from the day number (``EPCIS/EPCISDateTime/civil(fromDays:)``), since a scan
    /// line needs it on every request and ICU date formatting costs more than the rest of the line.
    public static func utcDay(_ date: Date) -> String {
        let (year, month, day) = EPCISDateTime.civil(fromDays: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The stylesheet every page starts from: readable on a phone (one column, large type) and on a desk.
    public static let baseStylesheet = """
        *{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",\
        sans-serif;line-height:1.45;color:#1b1f23;background:#f6f7f9}main{max-width:60rem;margin:0 auto;\
        padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.25rem 0 .5rem}\
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px \
        solid #dde1e6;vertical-align:top}code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;\
        font-size:.9em;word-break:break-all}
        """
}
