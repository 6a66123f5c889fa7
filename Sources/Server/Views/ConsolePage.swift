import Foundation
import Web

/// The frame of the regulator console's pages: a header with navigation and search, then the page's content.
enum ConsolePage {
    static func render(title: String, principal: Principal, body: String, refreshSeconds: Int? = nil) -> String {
        var head = "<header class=\"bar\"><a class=\"home\" href=\"/console\">Suyuan console</a>"
        head += "<nav><a href=\"/console/recalls\">Recalls</a><a href=\"/console/findings\">Findings</a>"
        head += "<a href=\"/console/parties\">Registry</a></nav>"
        head += "<form class=\"search\" action=\"/console/search\" method=\"get\"><input name=\"q\" id=\"q\" "
        head += "placeholder=\"Any code: GTIN+lot, SSCC, EPC URN, Digital Link, RFID hex\" aria-label=\"Search a code\">"
        head += "<button>Search</button></form>"
        head += "<form action=\"/console/logout\" method=\"post\"><button class=\"link\">\(HTML.escape(principal.name)) · "
        head += "sign out</button></form></header>"
        let refresh = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        return HTML.document(
            title: title + " · Suyuan console", stylesheet: HTML.baseStylesheet + stylesheet,
            body: refresh + head + "<main>" + body + "</main>")
    }

    static func table(_ header: [String], _ rows: [[String]], id: String? = nil) -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">None.</p>" }
        var html = "<div class=\"scroll\"><table\(id.map { " id=\"\(HTML.escape($0))\"" } ?? "")><thead><tr>"
        html += header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        html += rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined()
        return html + "</tbody></table></div>"
    }

    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
    }

    static func query(_ items: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.percentEncodedQuery ?? ""
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).dateTimeSeparator(.space))
    }

    static let stylesheet = """
        .bar{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;background:#12344d;color:#fff;\
        padding:.6rem 1rem}.bar a{color:#fff;text-decoration:none;margin-right:.75rem}.home{font-weight:700}\
        .search{display:flex;flex:1;min-width:16rem;gap:.4rem}.search input{flex:1;padding:.35rem .5rem}\
        button{padding:.35rem .75rem;cursor:pointer}.link{background:none;border:0;color:#fff;text-decoration:underline}\
        .scroll{overflow-x:auto}.pill{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.85em}\
        .bad{background:#fdecea;color:#b71c1c}.good{background:#e6f4ea;color:#1e4620}.wait{background:#fff8e1;\
        color:#8d6e00}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem}\
        .card{background:#fff;border:1px solid #dde1e6;border-radius:.5rem;padding:.75rem}.card b{font-size:1.6rem;\
        display:block}form.inline{display:inline-flex;gap:.3rem;flex-wrap:wrap}.graph{background:#fff;\
        border:1px solid #dde1e6;border-radius:.5rem;padding:.5rem;overflow-x:auto}.empty{color:#5b6673}\
        .banner{border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}.recalled{background:#c62828;color:#fff}
        """
}
