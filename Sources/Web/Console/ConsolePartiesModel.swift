/// The party registry (template `console-parties`): each party with its licence and blacklist and a form to change
/// them, and the history of changes.
public struct ConsolePartiesModel: PageModel {
    public static let template = "console-parties"

    struct Option: Hashable { var value: String, label: String }
    struct Row: Hashable {
        var id: String, keyText: String, name: String, role: String, licenceNumber: String, status: String
        var licensed: Bool, blacklisted: Bool
        /// The party's regulators' records (FSMA 204, GB/T 38156).
        var exports: [ExchangeExportLink]
    }
    struct ChangeRow: Hashable {
        var time: String, party: String, attribute: String, oldValue: String, newValue: String, by: String
        var reason: String
    }

    public let language: PageLanguage
    let console: ConsoleFrame
    let statuses: [Option]
    let rows: [Row]
    let changes: [ChangeRow]
    let hasRows: Bool
    let hasChanges: Bool

    /// The registry in a language.
    /// - Parameters:
    ///   - parties: the registry's parties.
    ///   - changes: its changes, newest first.
    ///   - statuses: the licence statuses a regulator may set.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(
        parties: [ConsoleFacts.RegistryParty], changes: [ConsoleFacts.RegistryChange], statuses: [String],
        language: PageLanguage, user: String, renderer: PageRenderer = .shared
    ) {
        let catalog = renderer.catalog(language)
        self.language = language
        console = ConsoleFrame(
            language: language, title: catalog.text("console.parties.title"), user: user, section: "registry",
            renderer: renderer)
        self.statuses = statuses.map { Option(value: $0, label: ConsoleText.status($0, catalog)) }
        rows = parties.map { party in
            Row(
                id: party.id, keyText: ReadableKey.text(party.key, catalog: catalog),
                name: party.name.text(catalog) ?? ReadableKey.text(party.key, catalog: catalog), role: party.role ?? "",
                licenceNumber: party.licenceNumber ?? "", status: ConsoleText.status(party.licenceStatus, catalog),
                licensed: party.licensed, blacklisted: party.blacklisted,
                exports: ExchangeExportLink.forParty(party.id, catalog))
        }
        self.changes = changes.map { change in
            func value(_ text: String?) -> String {
                guard let text else { return "" }
                if change.attribute == "licenceStatus" { return ConsoleText.status(text, catalog) }
                if change.attribute == "blacklisted" {
                    return catalog.text(text == "true" ? "console.parties.yes" : "console.parties.no")
                }
                return text
            }
            return ChangeRow(
                time: ConsoleText.time(change.at, catalog), party: change.party.text(catalog) ?? "",
                attribute: catalog.message("console.parties.attributes.\(change.attribute)") ?? change.attribute,
                oldValue: value(change.oldValue), newValue: value(change.newValue), by: change.by,
                reason: change.reason ?? "")
        }
        hasRows = !rows.isEmpty
        hasChanges = !self.changes.isEmpty
    }
}

/// The console's sign-in page (template `console-login`).
public struct ConsoleLoginModel: PageModel {
    public static let template = "console-login"

    public let language: PageLanguage
    let page: PageFrame
    let intro: String
    let error: String?

    /// The sign-in page in a language.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - refused: whether a key was just refused.
    ///   - renderer: the catalogs.
    public init(language: PageLanguage, refused: Bool, renderer: PageRenderer = .shared) {
        let catalog = renderer.catalog(language)
        self.language = language
        page = PageFrame(
            language: language,
            title: catalog.format("console.name", ["page": catalog.text("console.login.title")]),
            otherCatalog: renderer.catalog(language.other))
        intro = catalog.format("console.login.intro", ["command": "suyuan key create --role regulator"])
        error = refused ? catalog.text("console.login.refused") : nil
    }
}

/// A console page that could not be shown (template `console-problem`): the problem's title, its detail, and the
/// places in the request it names.
public struct ConsoleProblemModel: PageModel {
    public static let template = "console-problem"

    struct Place: Hashable { var pointer: String, detail: String }

    public let language: PageLanguage
    let console: ConsoleFrame
    let heading: String
    let detail: String
    let places: [Place]

    /// A problem in a language (its texts are the server's, which name the place and the rule).
    /// - Parameters:
    ///   - title: the problem's title.
    ///   - detail: what went wrong.
    ///   - places: JSON pointers or parameter names, each with what is wrong there.
    ///   - language: the reader's language.
    ///   - user: who is signed in.
    ///   - renderer: the catalogs.
    public init(
        title: String, detail: String, places: [(pointer: String, detail: String)], language: PageLanguage,
        user: String, renderer: PageRenderer = .shared
    ) {
        self.language = language
        console = ConsoleFrame(language: language, title: title, user: user, section: nil, renderer: renderer)
        heading = title
        self.detail = detail
        self.places = places.map { Place(pointer: $0.pointer, detail: $0.detail) }
    }
}
