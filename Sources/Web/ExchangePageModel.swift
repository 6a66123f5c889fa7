/// The console's spreadsheet page (template `exchange-import`): an upload form for a filled template, the outcome of
/// the last upload (what was stored, or every refused row by row, column and rule), each template with its header
/// and example rows and its CSV and XLSX downloads, and a form that downloads a regulator's record.
public struct ExchangePageModel: PageModel {
    public static let template = "exchange-import"

    /// One kind of record the upload form offers.
    public struct Kind: Sendable, Hashable {
        /// The `as=` value (`harvest`).
        public var value: String
        /// Its name in the page's language.
        public var label: String
        /// Whether the form shows it chosen.
        public var selected: Bool

        /// Makes a choice.
        public init(value: String, label: String, selected: Bool) {
            self.value = value
            self.label = label
            self.selected = selected
        }
    }

    /// One template as the page shows it.
    public struct Template: Sendable, Hashable {
        /// The kind (`harvest`), for the download links.
        public var kind: String
        /// Its name in the page's language.
        public var label: String
        /// The header row.
        public var header: [String]
        /// The example rows.
        public var examples: [Row]

        /// Makes a template's view.
        public init(kind: String, label: String, header: [String], examples: [[String]]) {
            self.kind = kind
            self.label = label
            self.header = header
            self.examples = examples.map(Row.init)
        }
    }

    /// A table row.
    public struct Row: Sendable, Hashable {
        /// Its cells.
        public var cells: [String]

        /// Makes a row.
        public init(cells: [String]) { self.cells = cells }
    }

    /// A refused row's problem.
    public struct Problem: Sendable, Hashable {
        /// Where: `row 3, column 数量 / quantity`.
        public var place: String
        /// The rule it breaks.
        public var rule: String

        /// Makes a problem.
        public init(place: String, rule: String) {
            self.place = place
            self.rule = rule
        }
    }

    /// What the last upload did.
    public struct Outcome: Sendable, Hashable {
        /// Whether the file was taken.
        public var stored: Bool
        /// The summary in the page's language.
        public var summary: String
        /// Each refused row's problem (empty when taken).
        public var problems: [Problem]
        /// Whether there are problems to list (templates see stored properties only).
        var hasProblems: Bool

        /// Makes an outcome.
        public init(stored: Bool, summary: String, problems: [Problem] = []) {
            self.stored = stored
            self.summary = summary
            self.problems = problems
            hasProblems = !problems.isEmpty
        }
    }

    public let language: PageLanguage
    let console: ConsoleFrame
    let kinds: [Kind]
    let templates: [Template]
    let outcome: Outcome?
    let exports: [Kind]

    /// The page in a language.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - kinds: the kinds of record the upload takes (the chosen one selected).
    ///   - templates: each kind's template.
    ///   - outcome: the last upload's outcome, if this page answers one.
    ///   - exports: the regulators' records the export form offers.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, kinds: [Kind], templates: [Template], outcome: Outcome? = nil, exports: [Kind],
        user: String, renderer: PageRenderer = .shared
    ) {
        self.language = language
        console = ConsoleFrame(
            language: language, title: renderer.catalog(language).text("exchange.title"), user: user,
            section: "import", renderer: renderer)
        self.kinds = kinds
        self.templates = templates
        self.outcome = outcome
        self.exports = exports
    }
}

/// The download links of one regulator's record on a console page (a lot's, a recall's, a party's), as
/// `exchange-downloads.mustache` shows them.
public struct ExchangeExportLink: Sendable, Hashable {
    /// The export (`fsma204`).
    let kind: String
    /// Its name in the page's language.
    let label: String
    /// `GET /exports/{kind}` with the key, as XLSX and as CSV.
    let xlsx: String
    let csv: String

    /// The records of a lot or shipment: FSMA 204, EU 178/2002, DSCSA.
    static func forLot(_ key: String, _ catalog: MessageCatalog) -> [ExchangeExportLink] {
        links(["fsma204", "eu178", "dscsa"], ("lot", key), catalog)
    }

    /// The records of a party: FSMA 204 and GB/T 38156.
    static func forParty(_ key: String, _ catalog: MessageCatalog) -> [ExchangeExportLink] {
        links(["fsma204", "gbt38156"], ("party", key), catalog)
    }

    private static func links(
        _ kinds: [String], _ parameter: (String, String), _ catalog: MessageCatalog
    ) -> [ExchangeExportLink] {
        kinds.map { kind in
            func href(_ format: String) -> String {
                "/exports/\(kind)?" + ConsoleText.query([parameter, ("format", format)])
            }
            return ExchangeExportLink(
                kind: kind, label: catalog.text("exchange.exports.\(kind)"), xlsx: href("xlsx"), csv: href("csv"))
        }
    }
}
