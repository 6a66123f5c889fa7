import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// The console's pages, one function each; values are escaped where they enter the HTML.
enum ConsoleViews {
    static func login(error: String?) -> String {
        var body = "<main><h1>Suyuan console</h1><p>Sign in with a regulator's or admin's API key "
        body += "(<code>suyuan key create --role regulator</code>).</p>"
        if let error { body += "<p class=\"banner recalled\" role=\"alert\">\(HTML.escape(error))</p>" }
        body += "<form method=\"post\" action=\"/console/login\"><label>API key <input type=\"password\" name=\"key\" "
        body += "id=\"key\" autocomplete=\"off\" size=\"50\"></label> <button>Sign in</button></form></main>"
        return HTML.document(title: "Sign in · Suyuan console", stylesheet: HTML.baseStylesheet + ConsolePage.stylesheet,
                             body: body)
    }

    static func dashboard(recalls: [RecallRecord], snapshot: FindingsCache.Snapshot, principal: Principal) -> String {
        var counts: [FindingKind: Int] = [:]
        for finding in snapshot.findings { counts[finding.kind, default: 0] += 1 }
        var body = "<h1>Overview</h1><div class=\"cards\" id=\"finding-counts\">"
        for kind in FindingKind.allCases {
            body += "<a class=\"card\" href=\"/console/findings?kind=\(kind.rawValue)\"><b>\(counts[kind] ?? 0)</b>"
            body += "\(HTML.escape(kind.rawValue))</a>"
        }
        body += "</div><p class=\"empty\">Reconciled \(snapshot.events) events at \(ConsolePage.time(snapshot.at)) UTC "
        body += "in \(Int(snapshot.elapsedMilliseconds)) ms.</p>"
        body += "<h2>Latest recalls</h2>" + recallTable(recalls)
        return ConsolePage.render(title: "Overview", principal: principal, body: body)
    }

    static func recallTable(_ recalls: [RecallRecord]) -> String {
        ConsolePage.table(
            ["Recall", "Root", "Reason", "Issued", "Holders", "Pending"],
            recalls.map {
                [ConsolePage.link("/console/recalls/\($0.id)", $0.id), "<code>\(HTML.escape($0.root))</code>",
                 HTML.escape($0.reason), ConsolePage.time($0.issuedAt), String($0.holders.count),
                 $0.pendingCount == 0 ? "<span class=\"pill good\">0</span>"
                     : "<span class=\"pill wait\">\($0.pendingCount)</span>"]
            }, id: "recalls")
    }

    static func recalls(_ recalls: [RecallRecord], principal: Principal) -> String {
        ConsolePage.render(title: "Recalls", principal: principal, body: "<h1>Recalls</h1>" + recallTable(recalls))
    }

    static func recall(_ recall: RecallRecord, names: Names, principal: Principal) -> String {
        var body = "<h1>Recall <code>\(HTML.escape(recall.id))</code></h1>"
        body += "<p class=\"banner recalled\">\(HTML.escape(recall.reason))</p><dl>"
        body += "<dt>Recalled</dt><dd><code>\(HTML.escape(recall.root))</code> · "
        body += ConsolePage.link("/console/trace?" + ConsolePage.query([("id", IdentifierKeys.canonical(recall.root))]),
                                 "trace") + "</dd>"
        body += "<dt>Issued</dt><dd>\(ConsolePage.time(recall.issuedAt)) UTC by \(HTML.escape(recall.initiatedBy))</dd>"
        body += "<dt>Reach</dt><dd>\(recall.identifiers.count) identifiers, \(recall.parties.count) parties, "
        body += "\(recall.eventCount) events\(recall.truncated ? " — <strong>cut short by the budget</strong>" : "")</dd></dl>"
        let acknowledged = recall.holders.count - recall.pendingCount
        body += "<h2>Holders: <span id=\"ack-count\">\(acknowledged) of \(recall.holders.count)</span> acknowledged</h2>"
        if let origin = recall.origin {
            body += "<p class=\"empty\">Issued on platform <strong>\(HTML.escape(origin))</strong>; these are the holders "
            body += "homed here, whose acknowledgements go back to it.</p>"
        }
        body += "<p class=\"empty\">Each holder was notified by a recall event (disposition recalled) at its location, "
        body += "delivered through its subscriptions (holders on other platforms by their own platform, which relays "
        body += "their acknowledgements back); this page refreshes every 5 seconds.</p>"
        body += ConsolePage.table(
            ["Platform", "Party", "Location", "What", "Quantity", "Acknowledged"],
            recall.holders.map { holder in
                [HTML.escape(holder.platform ?? "here")
                    + (holder.platform != nil && recall.origin == nil
                        ? (holder.relayedAt == nil ? " <span class=\"pill wait\">relaying</span>" : " <span class=\"pill good\">relayed</span>")
                        : ""),
                 HTML.escape(holder.party.map { names.party(IdentifierKeys.canonical($0)) } ?? "?"),
                 HTML.escape(names.location(IdentifierKeys.canonical(holder.location))),
                 "<code>\(HTML.escape(holder.identifier))</code>",
                 "\(String(format: "%.3f", holder.quantity)) \(HTML.escape(holder.uom))",
                 holder.acknowledgement.map {
                     "<span class=\"pill good\">\(HTML.escape($0.by)) · \(ConsolePage.time($0.at))</span>"
                         + ($0.note.map { " " + HTML.escape($0) } ?? "")
                 } ?? "<span class=\"pill wait\">pending</span>"]
            }, id: "holders")
        return ConsolePage.render(title: "Recall", principal: principal, body: body, refreshSeconds: 5)
    }

    static func findings(
        _ snapshot: FindingsCache.Snapshot, filter: FindingFilter, names: Names, principal: Principal
    ) -> String {
        let shown = filter.apply(snapshot.findings)
        var body = "<h1>Reconciliation findings</h1><form class=\"inline\" method=\"get\" action=\"/console/findings\">"
        body += "<select name=\"kind\" aria-label=\"kind\"><option value=\"\">every kind</option>"
        for kind in FindingKind.allCases {
            body += "<option\(filter.kind == kind ? " selected" : "")>\(kind.rawValue)</option>"
        }
        body += "</select><input name=\"party\" placeholder=\"party (PGLN)\" value=\"\(HTML.escape(filter.party ?? ""))\">"
        body += "<input name=\"product\" placeholder=\"product (GTIN)\" value=\"\(HTML.escape(filter.product ?? ""))\">"
        body += "<input name=\"since\" placeholder=\"since 2026-01-01T00:00:00Z\" "
        body += "value=\"\(HTML.escape(filter.since.map { EPCISDateTime($0).utcMillisecondText } ?? ""))\">"
        body += "<button>Filter</button></form>"
        body += "<p class=\"empty\">\(shown.count) of \(snapshot.findings.count) findings over \(snapshot.events) events, "
        body += "as of \(ConsolePage.time(snapshot.at)) UTC.</p>"
        body += ConsolePage.table(
            ["Kind", "Identifier", "From", "To", "Expected", "Actual", "Evidence"],
            shown.prefix(1_000).map { finding in
                [HTML.escape(finding.kind.rawValue),
                 ConsolePage.link("/console/trace?" + ConsolePage.query([("id", finding.key)]), finding.identifier),
                 HTML.escape(finding.from.map { names.party(IdentifierKeys.canonical($0)) } ?? ""),
                 HTML.escape(finding.to.map { names.party(IdentifierKeys.canonical($0)) } ?? ""),
                 finding.expected.map { "\($0) \(HTML.escape(finding.uom ?? ""))" } ?? "",
                 finding.actual.map { "\($0) \(HTML.escape(finding.uom ?? ""))" } ?? "",
                 (finding.events.map {
                     "<code title=\"\(HTML.escape($0))\">\(HTML.escape(String($0.suffix(20))))</code>"
                 }
                     + [finding.note.map { "<span class=\"note\">\(HTML.escape($0))</span>" }].compactMap { $0 })
                     .joined(separator: "<br>")]
            }, id: "findings")
        return ConsolePage.render(title: "Findings", principal: principal, body: body)
    }

    static func parties(_ parties: [PartyRegistryView.PartyDTO], changes: [PartyChange], principal: Principal) -> String {
        var body = "<h1>Party registry</h1>"
        body += ConsolePage.table(
            ["Party", "Role", "Licence", "Status", "Blacklisted", "Change"],
            parties.map { party in
                let status = party.licensed ? "<span class=\"pill good\">\(HTML.escape(party.licenceStatus))</span>"
                    : "<span class=\"pill bad\">\(HTML.escape(party.licenceStatus))</span>"
                var form = "<form class=\"inline\" method=\"post\" action=\"/console/parties\">"
                form += "<input type=\"hidden\" name=\"party\" value=\"\(HTML.escape(party.id))\">"
                form += "<select name=\"licenceStatus\" aria-label=\"licence status\"><option value=\"\">status…</option>"
                form += PartyRegistryView.statuses.map { "<option>\($0)</option>" }.joined() + "</select>"
                form += "<select name=\"blacklisted\" aria-label=\"blacklist\"><option value=\"\">blacklist…</option>"
                form += "<option value=\"true\">blacklist</option><option value=\"false\">clear</option></select>"
                form += "<input name=\"reason\" placeholder=\"reason\" required><button>Record</button></form>"
                return ["\(HTML.escape(party.name ?? party.id))<br><code>\(HTML.escape(party.id))</code>",
                        HTML.escape(party.role ?? ""), HTML.escape(party.licenceNumber ?? ""), status,
                        party.blacklisted ? "<span class=\"pill bad\">yes</span>" : "no", form]
            }, id: "parties")
        body += "<h2>Changes</h2>"
        body += ConsolePage.table(
            ["When", "Party", "Attribute", "From", "To", "By", "Why"],
            changes.map {
                [ConsolePage.time($0.changedAt), "<code>\(HTML.escape($0.party))</code>",
                 HTML.escape($0.attribute.split(separator: "#").last.map(String.init) ?? $0.attribute),
                 HTML.escape($0.oldValue ?? ""), HTML.escape($0.newValue ?? ""), HTML.escape($0.changedBy),
                 HTML.escape($0.reason ?? "")]
            }, id: "changes")
        return ConsolePage.render(title: "Registry", principal: principal, body: body)
    }
}
