import EPCIS
import Foundation
import Hummingbird
import Storage
import TraceEngine
import Web

extension ConsoleViews {
    /// A product's, lot's, item's or container's page: current state, balances per party, recalls, its events, and
    /// the backward and forward trace drawn as graphs; with the form that starts a recall.
    static func identifierPage<Store: PlatformStore>(
        key: String, principal: Principal, platform: Platform<Store>
    ) async throws -> Response {
        let store = platform.store
        let names = try await platform.names.names()
        let engine = TraceEngine(source: store)
        let budget = TraceBudget(maxDepth: 32, maxNodes: 5_000)
        let back = try await engine.back(from: key, budget: budget)
        let forward = try await engine.forward(from: key, budget: budget)
        let state = try await store.identifierState(key)
        let balances = try await store.lotBalances(key)
        let recallIDs = try await store.recallIDs(reaching: key)
        let isClass = DigitalLinkKey(key).value("10") != nil && DigitalLinkKey(key).value("21") == nil
        let query = try EPCISQuery(parameters: [(isClass ? "MATCH_anyEPCClass" : "MATCH_anyEPC", key),
                                                ("orderBy", "eventTime"), ("orderDirection", "ASC")])
        let events = try await store.events(matching: query, page: PageRequest(size: 200, token: nil)).events

        var body = "<h1><code>\(HTML.escape(back.root))</code></h1>"
        if let gtin = DigitalLinkKey(key).value("01"), let product = names.products[gtin] {
            body += "<p>\(HTML.escape(product.name))\(product.category.map { " · " + HTML.escape($0) } ?? "")</p>"
        }
        for id in recallIDs {
            body += "<p class=\"banner recalled\">Recalled: \(ConsolePage.link("/console/recalls/\(id)", id))</p>"
        }
        if let state {
            body += "<h2>Current state</h2><dl id=\"state\"><dt>Status</dt><dd>\(HTML.escape(state.status))</dd>"
            if let location = state.location { body += "<dt>Location</dt><dd>\(HTML.escape(names.location(location)))</dd>" }
            if let owner = state.owner { body += "<dt>Owner</dt><dd>\(HTML.escape(names.party(owner)))</dd>" }
            if let disposition = state.disposition { body += "<dt>Disposition</dt><dd>\(HTML.escape(disposition))</dd>" }
            if let parent = state.parent {
                body += "<dt>Inside</dt><dd>"
                body += ConsolePage.link("/console/trace?" + ConsolePage.query([("id", parent)]), parent) + "</dd>"
            }
            body += "</dl>"
        }
        if !balances.isEmpty {
            body += "<h2>Balances</h2>" + ConsolePage.table(
                ["Party", "Received", "Produced", "Consumed", "Shipped", "Destroyed", "On hand"],
                balances.map { balance in
                    [HTML.escape(names.party(balance.party))] + [balance.received, balance.produced, balance.consumed,
                        balance.shipped, balance.destroyed, balance.onHand].map {
                            "\(String(format: "%.3f", $0)) \(HTML.escape(balance.uom))"
                        }
                }, id: "balances")
        }
        body += "<h2>Recall</h2><form class=\"inline\" method=\"post\" action=\"/console/recalls\" id=\"recall-form\">"
        body += "<input type=\"hidden\" name=\"id\" value=\"\(HTML.escape(key))\">"
        body += "<input name=\"reason\" placeholder=\"reason, e.g. melamine 3.1 mg/kg\" required size=\"40\">"
        body += "<button>Recall and notify holders</button></form>"
        body += "<h2>Holders now</h2>" + ConsolePage.table(
            ["Party", "Location", "What", "Quantity"],
            forward.holders.map {
                [HTML.escape($0.party.map { names.party($0) } ?? "?"), HTML.escape(names.location($0.location)),
                 "<code>\(HTML.escape($0.identifier))</code>", "\(String(format: "%.3f", $0.quantity)) \(HTML.escape($0.uom))"]
            }, id: "holders")
        body += "<h2>Backward trace</h2>" + graph(back, names: names)
        body += "<h2>Forward trace</h2>" + graph(forward, names: names)
        body += "<h2>Events</h2>" + ConsolePage.table(
            ["Time", "Type", "Step", "Disposition", "Where", "Event"],
            events.map { stored in
                let event = stored.event
                return [
                    HTML.escape(event.eventTime.text), event.type.rawValue,
                    HTML.escape(event.bizStep?.standardTerm ?? event.bizStep?.uri ?? ""),
                    HTML.escape(event.disposition?.standardTerm ?? event.disposition?.uri ?? ""),
                    HTML.escape(event.bizLocation.map { names.location($0.id.canonicalKey) } ?? ""),
                    ConsolePage.link("/events/" + PathEncoding.segment(stored.id), String(stored.id.suffix(24))),
                ]
            }, id: "events")
        return Responses.html(ConsolePage.render(title: back.root, principal: principal, body: body))
    }

    static func graph(_ trace: TraceResult, names: Names) -> String {
        // Nodes carry the spelling they were captured with; names are kept by canonical key.
        var labels: [String: String] = [:]
        for node in trace.nodes {
            let key = IdentifierURI(node.id).canonicalKey
            if let name = names.parties[key] ?? names.locations[key] { labels[node.id] = name }
        }
        let summary = "\(trace.identifiers.count) identifiers, \(trace.parties.count) parties, \(trace.events.count) "
            + "events, depth \(trace.depth), \(String(format: "%.1f", trace.elapsedMilliseconds)) ms"
            + (trace.truncated ? " — cut short by the budget" : "")
        return "<p class=\"empty\">\(HTML.escape(summary))</p><div class=\"graph\" style=\"overflow-x:auto\" id=\"graph-\(trace.direction.rawValue)\">"
            + TraceGraphSVG.render(trace, options: .init(names: labels)) + "</div>"
    }
}
