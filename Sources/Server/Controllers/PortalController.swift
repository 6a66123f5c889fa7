import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat
import Storage
import Transparency
import Web

/// The portal of every party at `/portal`: sign in with the party's key or a one-time link, record what happens to
/// its goods through short forms that preview the EPCIS event they write, confirm shipments addressed to it, answer
/// recalls, see its stock and findings, and print QR labels. Server-rendered HTML forms in Chinese and English;
/// no script (docs/decisions/0021-party-portal.md).
struct PortalController<Store: PlatformStore> {
    let platform: Platform<Store>

    func register(on router: Router<AppRequestContext>) {
        router.get("portal/login") { request, context in
            signInPage(request, context, error: nil, status: .ok)
        }
        router.post("portal/login") { request, context in try await login(request, context) }
        router.get("portal/link/{token}") { request, context in try await linkPage(request, context) }
        router.post("portal/link") { request, context in try await redeem(request, context) }
        router.post("portal/logout") { request, context in try await logout(request, context) }
        router.post("portal/links") { request, context in try await issueLink(request, context) }
        router.get("portal") { request, context in
            try await page(request, context) { party in try await home(request, party) }
        }
        router.get("portal/record/{kind}") { request, context in
            try await page(request, context) { party in try await form(request, context, party, values: [:]) }
        }
        router.post("portal/record/{kind}") { request, context in
            let values = try await Form.read(request)
            return try await page(request, context) { party in try await form(request, context, party, values: values) }
        }
        router.get("portal/receive") { request, context in
            try await page(request, context) { party in try await receiveList(party, error: nil) }
        }
        router.get("portal/receive/shipment") { request, context in
            let id = request.uri.queryParameters["id"].map(String.init) ?? ""
            return try await page(request, context) { party in try await receipt(party, values: ["shipment": id]) }
        }
        router.post("portal/receive/shipment") { request, context in
            let values = try await Form.read(request)
            return try await page(request, context) { party in try await receipt(party, values: values) }
        }
        router.post("portal/receive/find") { request, context in
            let values = try await Form.read(request)
            return try await page(request, context) { party in try await find(party, code: values["code"] ?? "") }
        }
        router.post("portal/receive/scan") { request, context in
            let body = Data(buffer: try await request.body.collect(upTo: 16 * 1_024 * 1_024))
            let contentType = request.headers[.contentType] ?? ""
            return try await page(request, context) { party in
                try await scan(party, body: body, contentType: contentType)
            }
        }
        router.post("portal/recalls/ack") { request, context in
            let values = try await Form.read(request)
            return try await page(request, context) { party in try await acknowledge(party, values: values) }
        }
        router.get("portal/labels") { request, context in
            try await page(request, context) { party in labelsPage(party) }
        }
        router.get("portal/labels.svg") { request, context in
            try await page(request, context) { party in try await labelSheet(request, party) }
        }
        router.get("portal/labels.pdf") { request, context in
            try await page(request, context) { party in try await labelSheet(request, party, pdf: true) }
        }
    }

    // MARK: Signing in

    private func signInPage(
        _ request: Request, _ context: AppRequestContext, error: String?, status: HTTPResponse.Status,
        link: PortalSignInModel.Link? = nil
    ) -> Response {
        let choice = PageLanguageChoice(request)
        var response = Responses.html(
            PageRenderer.shared.render(PortalSignInModel(language: choice.language, error: error, link: link)),
            status: status)
        choice.remember(in: &response)
        return response
    }

    private func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await Form.read(request)
        let secret = (form["key"] ?? "").trimmingCharacters(in: .whitespaces)
        let key = try await platform.store.accessKey(secretHash: MessageAuthentication.sha256Hex(secret))
        guard let key, key.isActive, key.role == .party, !key.isPortalLink,
            secret.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        else {
            let language = PageLanguageChoice(request).language
            return signInPage(
                request, context, error: PageRenderer.shared.catalog(language).text("portal.signIn.bad"),
                status: .unauthorized)
        }
        platform.logger.info("portal sign-in with a party key", metadata: ["key": "\(key.id)"])
        return signedIn(secret: secret)
    }

    private func signedIn(secret: String) -> Response {
        var response = Responses.seeOther("/portal")
        response.setCookie(Cookie(
            name: AuthMiddleware<Store>.cookieName, value: secret, maxAge: 30 * 86_400, path: "/", httpOnly: true,
            sameSite: .strict))
        return response
    }

    /// A link's page: who it signs in, and a button that redeems it (a GET never spends it: chat apps and
    /// scanners open links before people do).
    private func linkPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let catalog = PageRenderer.shared.catalog(PageLanguageChoice(request).language)
        guard let key = try await usableLink(token) else {
            return signInPage(request, context, error: catalog.text("portal.signIn.linkUsed"), status: .gone)
        }
        let names = try await platform.names.value()
        let party = key.party.map { names.partyName($0).text(catalog) ?? $0 } ?? ""
        return signInPage(request, context, error: nil, status: .ok, link: .init(token: token, party: party))
    }

    private func redeem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = (try await Form.read(request))["token"] ?? ""
        guard let link = try await usableLink(token), let party = link.party else {
            let catalog = PageRenderer.shared.catalog(PageLanguageChoice(request).language)
            return signInPage(request, context, error: catalog.text("portal.signIn.linkUsed"), status: .gone)
        }
        _ = try await platform.store.revokeAccessKey(id: link.id, at: Date())
        let (session, secret) = try await AccessKeys.create(
            role: .party, party: party, label: "\(PortalLinks.sessionLabel) from \(link.id)", in: platform.store)
        platform.logger.info(
            "portal sign-in with a one-time link", metadata: ["link": "\(link.id)", "session": "\(session.id)"])
        return signedIn(secret: secret)
    }

    /// The link key of a token when it can still be redeemed: active, a link, not expired.
    private func usableLink(_ token: String) async throws -> AccessKey? {
        guard !token.isEmpty, token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
            let key = try await platform.store.accessKey(secretHash: MessageAuthentication.sha256Hex(token)),
            key.isActive, key.isPortalLink, Date().timeIntervalSince(key.createdAt) < PortalLinks.lifetime
        else { return nil }
        return key
    }

    private func logout(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let cookie = request.cookies[AuthMiddleware<Store>.cookieName]?.value, !cookie.isEmpty,
            let key = try await platform.store.accessKey(secretHash: MessageAuthentication.sha256Hex(cookie)),
            key.isPortalSession, key.isActive
        {
            _ = try await platform.store.revokeAccessKey(id: key.id, at: Date())
        }
        var response = Responses.seeOther("/portal/login")
        response.setCookie(Cookie(
            name: AuthMiddleware<Store>.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// `POST /portal/links` (admin): `{"party": "…", "note": "…"}` → the link's URL, its QR Code as SVG, and when it
    /// expires.
    private func issueLink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, to: "issue a portal link")
        let body = try await JSONBody.object(request, context)
        guard let given = body["party"] as? String, !given.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem.invalid("/party: name the party the link signs in (PGLN or GLN)")
        }
        let party = PortalLinks.partyKey(given)
        guard try await PortalLinks.isRegistered(party: party, in: platform.store) else {
            throw Problem.invalid("/party: \(given) is not a party of the registry's master data")
        }
        let (url, key, expires) = try await PortalLinks.issue(
            party: party, note: body["note"] as? String, issuedBy: context.principal.name,
            baseURL: platform.configuration.baseURL, in: platform.store)
        return try Responses.json(
            PortalLinkAnswer(url: url, keyID: key.id, party: party, expires: expires, qrSVG: PortalLinks.qrSVG(url)),
            status: .created)
    }

    // MARK: Pages

    /// Runs a portal page for a party key; sends anyone else to the sign-in page, and shows a problem as a page.
    private func page(
        _ request: Request, _ context: AppRequestContext, _ body: (PortalParty) async throws -> Response
    ) async throws -> Response {
        let choice = PageLanguageChoice(request)
        guard context.principal.role == .party else { return Responses.seeOther("/portal/login") }
        do {
            let party = try await PortalParty.load(context.principal, platform: platform, language: choice.language)
            var response = try await body(party)
            response.headers[.contentLanguage] = choice.language.rawValue
            choice.remember(in: &response)
            return response
        } catch {
            let problem = Problem.from(error)
            let model = PortalFormModel(
                language: choice.language, party: " ", heading: problem.title, intro: problem.detail ?? "",
                action: "/portal", fields: [],
                problems: problem.errors.map { .init(field: $0.pointer, label: $0.pointer, message: $0.detail) },
                current: "home")
            return Responses.html(PageRenderer.shared.render(model), status: problem.status)
        }
    }
}

/// The answer of `POST /portal/links`.
private struct PortalLinkAnswer: Encodable {
    var url: String
    var keyID: String
    var party: String
    var expires: Date
    var qrSVG: String
}
