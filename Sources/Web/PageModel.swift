/// A page's view model: the values one template shows, already in the reader's language. Templates take their
/// fixed texts from the catalog (`{{t.…}}`) and everything else from the model's properties.
public protocol PageModel {
    /// The template that renders it (a file `Templates/<name>.mustache`).
    static var template: String { get }
    /// The language it is in.
    var language: PageLanguage { get }
}

/// What every page's frame shows: the document's language and title, and the switch to the other language.
public struct PageFrame: Sendable, Hashable {
    /// `zh-CN` or `en`, for `<html lang>`.
    public var lang: String
    /// The page title (plain text).
    public var title: String
    /// The switch's label, in the language it switches to (`English`, `中文`).
    public var switchLabel: String
    /// The switch's link: this page with `?lang=` of the other language.
    public var switchHref: String
    /// The other language's tag, for the link's `hreflang`.
    public var switchLang: String

    /// Makes the frame of a page.
    /// - Parameters:
    ///   - language: the page's language.
    ///   - title: its title.
    ///   - catalog: the other language's catalog names the switch (so that a reader who cannot read this page can
    ///     still find it).
    ///   - query: other query parameters the switch link keeps, as `name=value` pairs already encoded.
    public init(language: PageLanguage, title: String, otherCatalog catalog: MessageCatalog, query: [String] = []) {
        lang = language.rawValue
        self.title = title
        switchLabel = catalog.text("language.name")
        switchHref = "?" + (query + ["lang=\(language.other.rawValue)"]).joined(separator: "&")
        switchLang = language.other.rawValue
    }
}
