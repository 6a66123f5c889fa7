/// The portal's sign-in page (template `portal-sign-in`): a party's key, or the confirmation of a one-time link.
public struct PortalSignInModel: PageModel {
    public static let template = "portal-sign-in"

    public let language: PageLanguage
    let frame: PortalFrame
    /// Why the last try failed, in the page's language; nil when there was none.
    let error: String?
    /// For a one-time link: its token (posted back to redeem it) and the party it signs in.
    let link: Link?

    /// A one-time link waiting to be redeemed.
    public struct Link: Sendable, Hashable {
        /// The link's token.
        public var token: String
        /// The party it signs in, by name.
        public var party: String

        /// Makes it.
        public init(token: String, party: String) {
            self.token = token
            self.party = party
        }
    }

    /// Makes the page.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - error: why the last try failed.
    ///   - link: the link to confirm, for the link page.
    ///   - renderer: the catalogs.
    public init(language: PageLanguage, error: String? = nil, link: Link? = nil, renderer: PageRenderer = .shared) {
        self.language = language
        frame = PortalFrame(
            language: language, title: renderer.catalog(language).text("portal.signIn.title"), party: "",
            current: nil, renderer: renderer)
        self.error = error
        self.link = link
    }
}
