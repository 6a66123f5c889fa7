public import Foundation

/// The console's first page (template `console-dashboard`): events captured today and per day, open recalls with
/// the share of holders who acknowledged, findings by kind per week, the parties with the most findings and their
/// licences, and consumers' reports. Days are China time (``ConsoleText/offsetMinutes``).
public struct ConsoleDashboardModel: PageModel {
    public static let template = "console-dashboard"
    /// How many days the capture chart shows, today the last.
    public static let days = 14
    /// How many weeks the findings chart shows, the one ending today the last.
    public static let weeks = 12
    /// How many parties the ranking lists.
    public static let rankedParties = 10
    /// How many reports the page lists.
    public static let listedReports = 10

    /// What the dashboard is drawn from.
    public struct Facts: Sendable {
        /// Now: today is its day in China time.
        public var now: Date
        /// Events captured per day (``ConsoleText/day(of:)``), for the last ``days`` days at least.
        public var captured: [Int: Int]
        /// The latest reconciliation: how many events it covered, when, and how long it took.
        public var reconciledEvents: Int
        public var reconciledAt: Date
        public var elapsedMilliseconds: Double
        /// The latest recalls; the page shows those still waiting for acknowledgements.
        public var recalls: [ConsoleFacts.Recall]
        /// Every finding, consumers' reports among them.
        public var findings: [ConsoleFacts.Finding]
        /// The finding kinds in the order the chart stacks them (raw values).
        public var kinds: [String]
        /// The registry, for the parties' licences.
        public var registry: [ConsoleFacts.RegistryParty]
        /// The latest consumer reports, newest first.
        public var reports: [ConsoleFacts.Report]

        /// Makes the facts; the lists start empty.
        public init(
            now: Date, reconciledEvents: Int, reconciledAt: Date, elapsedMilliseconds: Double, kinds: [String]
        ) {
            self.now = now
            captured = [:]
            self.reconciledEvents = reconciledEvents
            self.reconciledAt = reconciledAt
            self.elapsedMilliseconds = elapsedMilliseconds
            recalls = []
            findings = []
            self.kinds = kinds
            registry = []
            reports = []
        }
    }

    struct Card: Hashable { var id: String, label: String, value: String, href: String? }
    struct LegendEntry: Hashable { var label: String, color: String, count: String, href: String }
    struct RecallRow: Hashable {
        var id: String, href: String, root: String, reason: String, issued: String, share: String, percent: String
        var tone: String
    }
    struct PartyRow: Hashable {
        var rank: String, name: String, key: String?, findings: String, href: String, status: String, tone: String
    }
    struct ReportRow: Hashable {
        var time: String, product: String, href: String, problem: String, text: String?, phone: String?
    }

    public let language: PageLanguage
    let console: ConsoleFrame
    let cards: [Card]
    let capturedChart: String
    let findingsChart: String
    let legend: [LegendEntry]
    let earlier: String?
    let recalls: [RecallRow]
    let parties: [PartyRow]
    let reports: [ReportRow]
    let reconciled: String

    /// The dashboard in a language.
    /// - Parameters:
    ///   - facts: what it is drawn from.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(_ facts: Facts, language: PageLanguage, user: String, renderer: PageRenderer = .shared) {
        let catalog = renderer.catalog(language)
        let figures = ConsoleDashboardFigures(facts)
        self.language = language
        console = ConsoleFrame(
            language: language, title: catalog.text("console.dashboard.title"), user: user, section: "dashboard",
            renderer: renderer)
        let openRecalls = facts.recalls.filter { $0.acknowledged < $0.holders.count }
        cards = [
            Card(id: "captured-today", label: catalog.text("console.dashboard.capturedToday"),
                 value: String(figures.capturedToday), href: nil),
            Card(id: "captured-days", label: catalog.text("console.dashboard.capturedWeek"),
                 value: String(figures.capturedInWindow), href: nil),
            Card(id: "open-recalls", label: catalog.text("console.dashboard.openRecalls"),
                 value: String(openRecalls.count), href: "/console/recalls"),
            Card(id: "findings-total", label: catalog.text("console.dashboard.findings"),
                 value: String(facts.findings.count), href: "/console/findings"),
            Card(id: "reports-week", label: catalog.text("console.dashboard.reports"),
                 value: String(figures.reportsThisWeek), href: "/console/findings?kind=consumerReport"),
        ]
        capturedChart = ConsoleChartSVG.render(
            id: "captured-chart",
            title: catalog.format("console.dashboard.capturedChartTitle", [
                "from": ConsoleText.day(figures.days.first ?? figures.today, catalog),
                "to": ConsoleText.day(figures.today, catalog), "count": String(figures.capturedInWindow),
            ]),
            bars: figures.days.map { day in
                let count = facts.captured[day] ?? 0
                return ConsoleChartSVG.Bar(label: ConsoleText.shortDay(day), segments: [
                    ConsoleChartSVG.Segment(
                        value: count, color: Self.capturedColor,
                        title: catalog.format("console.dashboard.capturedBar", [
                            "day": ConsoleText.day(day, catalog), "count": String(count),
                        ])),
                ])
            })
        let colors = Dictionary(
            facts.kinds.enumerated().map { ($0.element, Self.palette[$0.offset % Self.palette.count]) },
            uniquingKeysWith: { first, _ in first })
        findingsChart = ConsoleChartSVG.render(
            id: "findings-chart",
            title: catalog.format("console.dashboard.findingsChartTitle", [
                "from": ConsoleText.day(figures.weekStarts.first ?? figures.today, catalog),
                "to": ConsoleText.day(figures.weekStarts.last ?? figures.today, catalog),
                "count": String(figures.findingsInWindow),
            ]),
            bars: figures.weekStarts.enumerated().map { index, start in
                ConsoleChartSVG.Bar(
                    label: ConsoleText.shortDay(start),
                    segments: figures.kinds.map { kind in
                        let count = figures.perWeek[index][kind] ?? 0
                        return ConsoleChartSVG.Segment(
                            value: count, color: colors[kind] ?? Self.palette[0],
                            title: catalog.format("console.dashboard.findingsBar", [
                                "day": ConsoleText.day(start, catalog), "count": String(count),
                                "kind": ConsoleText.kind(kind, catalog),
                            ]))
                    })
            })
        legend = figures.kinds.map { kind in
            LegendEntry(
                label: ConsoleText.kind(kind, catalog), color: colors[kind] ?? Self.palette[0],
                count: String(figures.perKind[kind] ?? 0),
                href: "/console/findings?" + ConsoleText.query([("kind", kind)]))
        }
        earlier = figures.earlier == 0 ? nil : catalog.format("console.dashboard.earlier", [
            "count": String(figures.earlier),
            "day": ConsoleText.day(figures.weekStarts.first ?? figures.today, catalog),
        ])
        recalls = openRecalls.map { recall in
            let percent = recall.holders.isEmpty ? 0 : recall.acknowledged * 100 / recall.holders.count
            return RecallRow(
                id: recall.id, href: "/console/recalls/\(recall.id)",
                root: ReadableKey.text(recall.rootKey, catalog: catalog), reason: recall.reason,
                issued: ConsoleText.time(recall.issuedAt, catalog),
                share: catalog.format("console.dashboard.recallShare", [
                    "acknowledged": String(recall.acknowledged), "holders": String(recall.holders.count),
                    "percent": String(percent),
                ]),
                percent: String(percent), tone: percent >= 100 ? "good" : percent >= 50 ? "wait" : "bad")
        }
        let registry = Dictionary(facts.registry.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        parties = figures.rankedParties.enumerated().map { index, entry in
            let status: String
            let tone: String
            if let party = registry[entry.party.key] {
                status = ConsoleText.status(party.blacklisted ? "blacklisted" : party.licenceStatus, catalog)
                tone = party.licensed ? "good" : "bad"
            } else {
                status = catalog.text("console.parties.notInRegistry")
                tone = "wait"
            }
            let name = registry[entry.party.key]?.name.name.text(in: language) ?? entry.party.name.text(catalog)
            let key = ReadableKey.text(entry.party.key, catalog: catalog)
            return PartyRow(
                rank: String(index + 1), name: name ?? key, key: name == nil || name == key ? nil : key,
                findings: catalog.format("console.dashboard.partyFindings", ["count": String(entry.count)]),
                href: "/console/findings?" + ConsoleText.query([("party", entry.party.key)]), status: status,
                tone: tone)
        }
        reports = facts.reports.prefix(Self.listedReports).map { report in
            ReportRow(
                time: ConsoleText.time(report.at, catalog),
                product: report.product.text(catalog) ?? ReadableKey.text(report.key, catalog: catalog),
                href: ConsoleText.traceHref(report.key),
                problem: catalog.message("report.problems.\(report.problem)") ?? report.problem,
                text: report.text.isEmpty ? nil : report.text, phone: report.phone)
        }
        reconciled = catalog.format("console.dashboard.reconciled", [
            "events": String(facts.reconciledEvents), "time": ConsoleText.time(facts.reconciledAt, catalog),
            "ms": String(Int(facts.elapsedMilliseconds)),
        ])
    }

    /// The capture chart's colour.
    static let capturedColor = "#1565c0"
    /// The findings chart's colours, one per kind in order.
    static let palette = [
        "#c62828", "#ef6c00", "#6a1b9a", "#2e7d32", "#00838f", "#ad1457", "#4e342e", "#283593", "#9e9d24", "#546e7a",
    ]
}
