import Foundation
public import TraceEngine

/// A product's, lot's, item's or container's console page (template `console-identifier`): its state, balances per
/// party, recalls, holders, the backward and forward trace graphs and its events, with the form that starts a recall.
public struct ConsoleIdentifierModel: PageModel {
    public static let template = "console-identifier"

    /// Where the code is now.
    public struct State: Sendable, Hashable {
        public var status: String
        public var location: ConsumerStory.Name?
        public var owner: ConsumerStory.Name?
        /// The CBV disposition's bare term or URI.
        public var disposition: String?
        /// The container it is in, as a canonical key.
        public var parent: String?

        /// Makes a state.
        public init(status: String) { self.status = status }
    }

    /// A party's balance of the code.
    public struct Balance: Sendable, Hashable {
        public var party: ConsumerStory.Name
        /// Received, produced, consumed, shipped, destroyed, on hand.
        public var figures: [Double]
        public var uom: String

        /// Makes a balance.
        public init(party: ConsumerStory.Name, figures: [Double], uom: String) {
            self.party = party
            self.figures = figures
            self.uom = uom
        }
    }

    /// One recorded event of the code.
    public struct Event: Sendable, Hashable {
        public var time: LocalTime
        public var type: String
        public var bizStep: String?
        public var disposition: String?
        public var place: ConsumerStory.Name?
        public var id: String

        /// Makes an event's line.
        public init(time: LocalTime, type: String, bizStep: String?, disposition: String?, place: ConsumerStory.Name?,
                    id: String) {
            self.time = time
            self.type = type
            self.bizStep = bizStep
            self.disposition = disposition
            self.place = place
            self.id = id
        }
    }

    /// What the page shows.
    public struct Facts: Sendable {
        /// The code's canonical key, and its spelling as the trace's root.
        public var key: String
        public var root: String
        public var product: ConsumerStory.Name?
        public var category: String?
        public var recallIDs: [String] = []
        public var state: State?
        public var balances: [Balance] = []
        public var holders: [ConsoleFacts.Holder] = []
        public var back: TraceResult
        public var forward: TraceResult
        /// Names of the graphs' parties and places, by node ID.
        public var nodeNames: [String: ConsumerStory.Name] = [:]
        public var events: [Event] = []

        /// Makes the facts of a code's page.
        public init(key: String, root: String, back: TraceResult, forward: TraceResult) {
            self.key = key
            self.root = root
            self.back = back
            self.forward = forward
        }
    }

    struct Fact: Hashable { var label: String, value: String, href: String? }
    struct Link: Hashable { var id: String, href: String }
    struct BalanceRow: Hashable { var party: String, figures: [String] }
    struct HolderRow: Hashable { var party: String, location: String, identifier: String, quantity: String }
    struct Graph: Hashable { var id: String, title: String, summary: String, svg: String }
    struct EventRow: Hashable {
        var time: String, datetime: String, type: String, step: String, disposition: String, place: String
        var id: String, short: String, href: String
    }

    public let language: PageLanguage
    let console: ConsoleFrame
    let root: String
    let key: String
    /// The regulators' records of the code (FSMA 204, EU 178/2002, DSCSA).
    let exports: [ExchangeExportLink]
    let product: String?
    let recalls: [Link]
    let state: [Fact]
    let balances: [BalanceRow]
    let holders: [HolderRow]
    let graphs: [Graph]
    let events: [EventRow]
    let hasState: Bool
    let hasBalances: Bool
    let hasHolders: Bool
    let hasEvents: Bool

    /// A code's page in a language.
    /// - Parameters:
    ///   - facts: what it shows.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(_ facts: Facts, language: PageLanguage, user: String, renderer: PageRenderer = .shared) {
        let catalog = renderer.catalog(language)
        self.language = language
        console = ConsoleFrame(
            language: language, title: facts.root, user: user, section: nil,
            query: [ConsoleText.query([("id", facts.key)])], renderer: renderer)
        root = facts.root
        key = facts.key
        exports = ExchangeExportLink.forLot(facts.key, catalog)
        product = facts.product?.name.text(in: language).map { name in
            facts.category.map { name + catalog.text("list.dot") + $0 } ?? name
        }
        recalls = facts.recallIDs.map { Link(id: $0, href: "/console/recalls/\($0)") }
        var state: [Fact] = []
        if let current = facts.state {
            state.append(Fact(
                label: catalog.text("console.identifier.status"),
                value: catalog.message("console.identifier.statuses.\(current.status)") ?? current.status, href: nil))
            if let location = current.location?.text(catalog) {
                state.append(Fact(label: catalog.text("console.identifier.location"), value: location, href: nil))
            }
            if let owner = current.owner?.text(catalog) {
                state.append(Fact(label: catalog.text("console.identifier.owner"), value: owner, href: nil))
            }
            if let disposition = current.disposition {
                state.append(Fact(
                    label: catalog.text("console.identifier.disposition"),
                    value: catalog.message("disposition.\(disposition)") ?? disposition, href: nil))
            }
            if let parent = current.parent {
                state.append(Fact(
                    label: catalog.text("console.identifier.inside"), value: ReadableKey.text(parent, catalog: catalog),
                    href: ConsoleText.traceHref(parent)))
            }
        }
        self.state = state
        balances = facts.balances.map { balance in
            BalanceRow(
                party: ConsoleText.name(balance.party, catalog),
                figures: balance.figures.map { ConsoleText.quantity($0, balance.uom) })
        }
        holders = facts.holders.map { holder in
            HolderRow(
                party: ConsoleText.name(
                    holder.party, catalog, fallback: catalog.text("console.identifier.unknownParty")),
                location: ConsoleText.name(holder.location, catalog), identifier: holder.identifier,
                quantity: ConsoleText.quantity(holder.quantity, holder.uom))
        }
        let names = facts.nodeNames.compactMapValues { $0.name.text(in: language) }
        graphs = [("backward", facts.back), ("forward", facts.forward)].map { direction, trace in
            var summary = catalog.format("console.identifier.summary", [
                "identifiers": String(trace.identifiers.count), "parties": String(trace.parties.count),
                "events": String(trace.events.count), "depth": String(trace.depth),
                "ms": String(format: "%.1f", trace.elapsedMilliseconds),
            ])
            if trace.truncated {
                summary += catalog.text("list.separator") + catalog.text("console.identifier.cutShort")
            }
            return Graph(
                id: "graph-\(trace.direction.rawValue)", title: catalog.text("console.identifier.\(direction)"),
                summary: summary, svg: TraceGraphSVG.render(trace, options: .init(names: names, language: language)))
        }
        events = facts.events.map { event in
            EventRow(
                time: event.time.minute(catalog), datetime: event.time.isoText,
                type: catalog.message("console.identifier.eventTypes.\(event.type)") ?? event.type,
                step: event.bizStep.map { catalog.message("bizStep.\($0)") ?? $0 } ?? "",
                disposition: event.disposition.map { catalog.message("disposition.\($0)") ?? $0 } ?? "",
                place: ConsoleText.name(event.place, catalog), id: event.id, short: String(event.id.suffix(24)),
                href: "/events/" + (event.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? event.id))
        }
        hasState = !state.isEmpty
        hasBalances = !balances.isEmpty
        hasHolders = !holders.isEmpty
        hasEvents = !events.isEmpty
    }
}
