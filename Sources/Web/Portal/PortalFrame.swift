/// What every portal page shows around its content: the page frame, the party signed in, and the navigation.
public struct PortalFrame: Sendable, Hashable {
    /// A link of the portal's navigation.
    public struct Link: Sendable, Hashable {
        /// Where it goes.
        public var href: String
        /// Its label, in the page's language.
        public var label: String
        /// The element ID, for tests and screen readers' landmarks.
        public var id: String
        /// Whether it is the page being shown.
        public var current: Bool
    }

    /// The shared page frame (language, title, language switch).
    public var page: PageFrame
    /// The signed-in party's name (empty on the sign-in pages).
    public var party: String
    /// The portal's sections; empty on the sign-in pages.
    public var nav: [Link]

    /// Makes the frame of a portal page.
    /// - Parameters:
    ///   - language: the page's language.
    ///   - title: the page title.
    ///   - party: the party's display name, empty when nobody is signed in.
    ///   - current: the ID of the section shown (`home`, `receive`, `labels`).
    ///   - query: query parameters the language switch keeps, already encoded.
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, title: String, party: String, current: String?, query: [String] = [],
        renderer: PageRenderer = .shared
    ) {
        page = PageFrame(
            language: language, title: title, otherCatalog: renderer.catalog(language.other), query: query)
        self.party = party
        let catalog = renderer.catalog(language)
        nav = party.isEmpty ? [] : [
("home", "/portal"), ("receive", "/portal/receive"), ("labels", "/portal/labels")].map { id, href in
            Link(href: href, label: catalog.text("portal.nav.\(id)"), id: "nav-\(id)", current: id == current)
        }
    }
}
