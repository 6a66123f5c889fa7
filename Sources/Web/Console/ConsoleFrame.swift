/// What every signed-in console page shows around its content: the page frame (language, title, switch), the
/// signed-in name, and whether the page refreshes itself.
public struct ConsoleFrame: Sendable, Hashable {
    let page: PageFrame
    /// "王监管 · sign out".
    let signOut: String
    /// Seconds between refreshes, when the page refreshes itself (a recall's acknowledgements).
    let refresh: String?
    /// Which section of the navigation is current (`dashboard`, `recalls`, `findings`, `registry`).
    let section: Section

    struct Section: Sendable, Hashable {
        var dashboard = false, recalls = false, findings = false, registry = false, imports = false
    }

    /// Makes the frame of a console page.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - title: the page's own title (the frame adds the console's name).
    ///   - user: who is signed in.
    ///   - section: the navigation entry that is current.
    ///   - query: query parameters the language switch keeps, already encoded (`id=…`).
    ///   - refreshSeconds: set when the page refreshes itself.
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, title: String, user: String, section: String?, query: [String] = [],
        refreshSeconds: Int? = nil, renderer: PageRenderer = .shared
    ) {
        let catalog = renderer.catalog(language)
        page = PageFrame(
            language: language, title: catalog.format("console.name", ["page": title]),
            otherCatalog: renderer.catalog(language.other), query: query)
        signOut = catalog.format("console.nav.signOut", ["name": user])
        refresh = refreshSeconds.map(String.init)
        var current = Section()
        switch section {
        case "dashboard": current.dashboard = true
        case "recalls": current.recalls = true
        case "findings": current.findings = true
        case "registry": current.registry = true
        case "import": current.imports = true
        default: break
        }
        self.section = current
    }
}
