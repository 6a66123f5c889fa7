/// The home page's view model (template `home`): a box to type or paste any code printed on a pack.
public struct HomePageModel: PageModel {
    public static let template = "home"

    public let language: PageLanguage
    let page: PageFrame

    /// The home page in a language.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - renderer: the catalogs.
    public init(language: PageLanguage, renderer: PageRenderer = .shared) {
        self.language = language
        page = PageFrame(
            language: language, title: renderer.catalog(language).text("home.title"),
            otherCatalog: renderer.catalog(language.other))
    }
}
