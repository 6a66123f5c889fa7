import Hummingbird
import Web

/// The language a page request is answered in (``Web/PageLanguage/negotiate(query:cookie:acceptLanguage:)``), and
/// whether the reader just chose it with the page's switch (`?lang=`), which a cookie then remembers.
struct PageLanguageChoice {
    let language: PageLanguage
    /// Set when `?lang=` named a language: the response remembers it.
    let chosen: PageLanguage?

    init(_ request: Request) {
        let query = request.uri.queryParameters["lang"].map(String.init)
        chosen = query.flatMap { PageLanguage(tag: $0) }
        language = PageLanguage.negotiate(
            query: query, cookie: request.cookies[PageLanguage.cookieName]?.value,
            acceptLanguage: request.headers[.acceptLanguage])
    }

    /// Sets the cookie that remembers a language just chosen (a year; the page is public, so `SameSite=Lax`).
    func remember(in response: inout Response) {
        guard let chosen else { return }
        response.setCookie(Cookie(
            name: PageLanguage.cookieName, value: chosen.rawValue, maxAge: 365 * 86_400, path: "/", httpOnly: true,
            sameSite: .lax))
    }
}
