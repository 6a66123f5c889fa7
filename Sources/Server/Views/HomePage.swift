import Hummingbird
import Web

/// The home page for people: type or paste any code printed on a pack to see its page (template `home`), in the
/// reader's language.
enum HomePage {
    static func response(_ request: Request) -> Response {
        let choice = PageLanguageChoice(request)
        var response = Responses.html(PageRenderer.shared.render(HomePageModel(language: choice.language)))
        response.headers[.contentLanguage] = choice.language.rawValue
        response.headers[.vary] = "Accept-Language, Cookie"
        choice.remember(in: &response)
        return response
    }
}
