public import Foundation

/// The console's findings (template `console-findings`): a filter form and the findings it keeps, kinds named by
/// the catalog, parties by their master data names.
public struct ConsoleFindingsModel: PageModel {
    public static let template = "console-findings"
    /// The most findings one page lists.
    public static let listed = 1_000

    /// The filter as the reader set it.
    public struct Filter: Sendable, Hashable {
        public var kind: String?
        public var party: String?
        public var product: String?
        public var since: String?

        /// Makes a filter.
        public init(kind: String? = nil, party: String? = nil, product: String? = nil, since: String? = nil) {
            self.kind = kind
            self.party = party
            self.product = product
            self.since = since
        }

        /// Its query parameters, for the language switch.
        var query: [String] {
            [("kind", kind), ("party", party), ("product", product), ("since", since)].compactMap { name, value in
                value.map { ConsoleText.query([(name, $0)]) }
            }
        }
    }

    struct KindOption: Hashable { var value: String, label: String, selected: Bool }
    struct Row: Hashable {
        var kind: String, kindLabel: String, identifier: String, href: String, from: String, to: String
        var expected: String, actual: String, events: [Evidence], note: String?, time: String?
    }
    struct Evidence: Hashable { var id: String, short: String }

    public let language: PageLanguage
    let console: ConsoleFrame
    let kinds: [KindOption]
    let filter: Filter
    let summary: String
    let rows: [Row]
    let hasRows: Bool

    /// Findings in a language.
    /// - Parameters:
    ///   - shown: the findings the filter kept.
    ///   - total: how many findings there are in all.
    ///   - events: how many events the reconciliation read.
    ///   - at: when it ran.
    ///   - kinds: every finding kind (raw values), for the filter.
    ///   - filter: the filter.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(
        shown: [ConsoleFacts.Finding], total: Int, events: Int, at: Date, kinds: [String], filter: Filter,
        language: PageLanguage, user: String, renderer: PageRenderer = .shared
    ) {
        let catalog = renderer.catalog(language)
        self.language = language
        console = ConsoleFrame(
            language: language, title: catalog.text("console.findings.title"), user: user, section: "findings",
            query: filter.query, renderer: renderer)
        self.kinds = kinds.map {
            KindOption(value: $0, label: ConsoleText.kind($0, catalog), selected: $0 == filter.kind)
        }
        self.filter = filter
        summary = catalog.format("console.findings.shown", [
            "shown": String(shown.count), "total": String(total), "events": String(events),
            "time": ConsoleText.time(at, catalog),
        ])
        rows = shown.prefix(Self.listed).map { finding in
            Row(
                kind: finding.kind, kindLabel: ConsoleText.kind(finding.kind, catalog),
                identifier: finding.subject?.name.text(catalog) ?? finding.identifier,
                href: ConsoleText.traceHref(finding.key), from: ConsoleText.name(finding.from?.name, catalog),
                to: ConsoleText.name(finding.to?.name, catalog),
                expected: finding.expected.map { Self.figure($0, finding.uom) } ?? "",
                actual: finding.actual.map { Self.figure($0, finding.uom) } ?? "",
                events: finding.events.map { Evidence(id: $0, short: String($0.suffix(20))) }, note: finding.note,
                time: finding.at.map { ConsoleText.time($0, catalog) })
        }
        hasRows = !rows.isEmpty
    }

    private static func figure(_ value: Double, _ uom: String?) -> String {
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return text + (uom.map { " " + $0 } ?? "")
    }
}
