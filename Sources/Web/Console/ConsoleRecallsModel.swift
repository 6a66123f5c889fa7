/// The console's list of recalls (template `console-recalls`).
public struct ConsoleRecallsModel: PageModel {
    public static let template = "console-recalls"

    struct Row: Hashable {
        var id: String, href: String, root: String, rootKey: String, reason: String, issued: String, holders: String
        var pending: String, done: Bool
    }

    public let language: PageLanguage
    let console: ConsoleFrame
    let rows: [Row]
    let hasRows: Bool

    /// The recalls in a language.
    /// - Parameters:
    ///   - recalls: the recalls, newest first.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(
        _ recalls: [ConsoleFacts.Recall], language: PageLanguage, user: String, renderer: PageRenderer = .shared
    ) {
        let catalog = renderer.catalog(language)
        self.language = language
        console = ConsoleFrame(
            language: language, title: catalog.text("console.recalls.title"), user: user, section: "recalls",
            renderer: renderer)
        rows = recalls.map { recall in
            let pending = recall.holders.count - recall.acknowledged
            return Row(
                id: recall.id, href: "/console/recalls/\(recall.id)",
                root: ReadableKey.text(recall.rootKey, catalog: catalog), rootKey: recall.root, reason: recall.reason,
                issued: ConsoleText.time(recall.issuedAt, catalog), holders: String(recall.holders.count),
                pending: String(pending), done: pending == 0)
        }
        hasRows = !rows.isEmpty
    }
}

/// One recall's page (template `console-recall`): what was recalled, by whom, its reach, and each holder with its
/// acknowledgement; it refreshes itself every five seconds.
public struct ConsoleRecallModel: PageModel {
    public static let template = "console-recall"

    struct HolderRow: Hashable {
        var platform: String, relay: String?, relayed: Bool, party: String, location: String, identifier: String
        var quantity: String, acknowledgement: String?, note: String?
    }

    public let language: PageLanguage
    let console: ConsoleFrame
    let heading: String
    let reason: String
    let root: String
    let rootHref: String
    /// The regulators' records of the recalled code.
    let exports: [ExchangeExportLink]
    let issued: String
    let reach: String
    let truncated: Bool
    let ackCount: String
    let origin: String?
    let holders: [HolderRow]
    let hasHolders: Bool

    /// A recall in a language.
    /// - Parameters:
    ///   - recall: the recall.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(_ recall: ConsoleFacts.Recall, language: PageLanguage, user: String, renderer: PageRenderer = .shared) {
        let catalog = renderer.catalog(language)
        self.language = language
        heading = catalog.format("console.recall.title", ["id": recall.id])
        console = ConsoleFrame(
            language: language, title: heading, user: user, section: "recalls", refreshSeconds: 5, renderer: renderer)
        reason = recall.reason
        root = recall.root
        rootHref = ConsoleText.traceHref(recall.rootKey)
        exports = ExchangeExportLink.forLot(recall.rootKey, catalog)
        issued = catalog.format("console.recall.issuedBy", [
            "time": ConsoleText.time(recall.issuedAt, catalog), "by": recall.initiatedBy,
        ])
        reach = catalog.format("console.recall.reachText", [
            "identifiers": String(recall.identifiers), "parties": String(recall.parties),
            "events": String(recall.events),
        ])
        truncated = recall.truncated
        ackCount = catalog.format("console.recall.ackCount", [
            "acknowledged": String(recall.acknowledged), "holders": String(recall.holders.count),
        ])
        origin = recall.origin.map { catalog.format("console.recall.origin", ["origin": $0]) }
        holders = recall.holders.map { holder in
            let relay: String? = holder.platform != nil && recall.origin == nil
                ? catalog.text(holder.relayedAt == nil ? "console.recall.relaying" : "console.recall.relayed") : nil
            return HolderRow(
                platform: holder.platform ?? catalog.text("console.recall.here"), relay: relay,
                relayed: holder.relayedAt != nil,
                party: ConsoleText.name(
                    holder.party, catalog, fallback: catalog.text("console.identifier.unknownParty")),
                location: ConsoleText.name(holder.location, catalog), identifier: holder.identifier,
                quantity: ConsoleText.quantity(holder.quantity, holder.uom),
                acknowledgement: holder.acknowledgedBy.map { by in
                    by + catalog.text("list.dot") + (holder.acknowledgedAt.map { ConsoleText.time($0, catalog) } ?? "")
                },
                note: holder.note)
        }
        hasHolders = !holders.isEmpty
    }
}
