import EPCIS
import Foundation
import Hummingbird
import Storage
import TraceEngine
import Transparency
import Web
import HTTPTypes
import NIOFoundationCompat

/// The regulator console: sign in with a key, search any code, a product's or lot's page with its events, state,
/// balances and trace graphs, recalls with their holders and acknowledgements, reconciliation findings, and the
/// party registry with its change history. Server-rendered HTML forms; no script.
struct ConsoleController<Store: PlatformStore> {
    let platform: Platform<Store>

    func register(on router: Router<AppRequestContext>) {
        router.get("console/login") { _, _ in Responses.html(ConsoleViews.login(error: nil)) }
        router.post("console/login") { request, context in try await login(request, context) }
        router.post("console/logout") { _, _ in
            var response = Responses.seeOther("/console/login")
            response.setCookie(Cookie(name: AuthMiddleware<Store>.cookieName, value: "", maxAge: 0, path: "/",
                                      httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("console") { _, context in try await guarded(context) { try await dashboard(context) } }
        router.get("console/search") { request, context in
            try await guarded(context) {
                let text = request.uri.queryParameters["q"].map(String.init) ?? ""
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return Responses.seeOther("/console") }
                do {
                    let key = try IdentifierKeys.resolve(text)
                    return Responses.seeOther("/console/trace?" + ConsolePage.query([("id", key)]))
                } catch {
                    let problem = Problem.from(error)
                    return Responses.html(ConsolePage.render(
                        title: "Search", principal: context.principal,
                        body: "<h1>Search</h1><p class=\"banner recalled\">\(HTML.escape(problem.detail ?? problem.title))</p>"),
                        status: .badRequest)
                }
            }
        }
        router.get("console/trace") { request, context in
            try await guarded(context) {
                let id = request.uri.queryParameters["id"].map(String.init) ?? ""
                return try await ConsoleViews.identifierPage(
                    key: try IdentifierKeys.resolve(id), principal: context.principal, platform: platform)
            }
        }
        router.post("console/recalls") { request, context in
            try await guarded(context) {
                let form = try await Form.read(request)
                let key = try IdentifierKeys.resolve(form["id"] ?? "")
                guard let reason = form["reason"], !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Problem.invalid("reason: say why the lot is recalled")
                }
                let (record, _) = try await Recalls(platform: platform).issue(
                    key, reason: reason, by: form["by"].flatMap { $0.isEmpty ? nil : $0 } ?? context.principal.name)
                return Responses.seeOther("/console/recalls/\(record.id)")
            }
        }
        router.get("console/recalls") { _, context in
            try await guarded(context) {
                Responses.html(ConsoleViews.recalls(try await platform.store.recalls(limit: 200), principal: context.principal))
            }
        }
        router.get("console/recalls/{id}") { _, context in
            try await guarded(context) {
                let id = try context.parameters.require("id")
                guard let record = try await platform.store.recall(id: id) else { throw Problem.notFound("no recall \(id)") }
                return Responses.html(ConsoleViews.recall(record, names: try await platform.names.names(),
                                                          principal: context.principal))
            }
        }
        router.get("console/findings") { request, context in
            try await guarded(context) {
                let filter = try FindingFilter(request.uri.queryParameters)
                let snapshot = try await platform.reconcile(since: filter.since)
                return Responses.html(ConsoleViews.findings(
                    snapshot, filter: filter, names: try await platform.names.names(), principal: context.principal))
            }
        }
        router.get("console/parties") { _, context in
            try await guarded(context) {
                Responses.html(ConsoleViews.parties(
                    try await PartyRegistryView.parties(platform.store),
                    changes: try await platform.store.partyChanges(party: nil, limit: 100), principal: context.principal))
            }
        }
        router.post("console/parties") { request, context in
            try await guarded(context) {
                let form = try await Form.read(request)
                _ = try await PartyRegistryView.update(
                    party: form["party"] ?? "", licenceStatus: form["licenceStatus"].flatMap { $0.isEmpty ? nil : $0 },
                    blacklisted: form["blacklisted"].flatMap { $0.isEmpty ? nil : $0 == "true" },
                    reason: form["reason"], by: context.principal.name, platform: platform)
                return Responses.seeOther("/console/parties")
            }
        }
    }

    /// Runs a console page for a regulator or admin; sends anyone else to the sign-in page, and shows problems as a
    /// page rather than JSON.
    private func guarded(
        _ context: AppRequestContext, _ page: () async throws -> Response
    ) async throws -> Response {
        guard context.principal.seesEverything else { return Responses.seeOther("/console/login") }
        do {
            return try await page()
        } catch {
            let problem = Problem.from(error)
            let body = "<h1>\(HTML.escape(problem.title))</h1><p class=\"banner recalled\">"
                + "\(HTML.escape(problem.detail ?? problem.title))</p>"
                + problem.errors.map { "<p><code>\(HTML.escape($0.pointer))</code> \(HTML.escape($0.detail))</p>" }.joined()
            return Responses.html(
                ConsolePage.render(title: problem.title, principal: context.principal, body: body), status: problem.status)
        }
    }

    private func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await Form.read(request)
        let secret = (form["key"] ?? "").trimmingCharacters(in: .whitespaces)
        let key = try await platform.store.accessKey(
            secretHash: MessageAuthentication.sha256Hex(secret))
        guard let key, key.isActive, key.role == .admin || key.role == .regulator,
            secret.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        else {
            return Responses.html(
                ConsoleViews.login(error: "That key is unknown, revoked, or not a regulator's or admin's key."),
                status: .unauthorized)
        }
        var response = Responses.seeOther("/console")
        response.setCookie(Cookie(name: AuthMiddleware<Store>.cookieName, value: secret, maxAge: 12 * 3_600, path: "/",
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    private func dashboard(_ context: AppRequestContext) async throws -> Response {
        let recalls = try await platform.store.recalls(limit: 10)
        let snapshot = try await platform.reconcile()
        return Responses.html(ConsoleViews.dashboard(recalls: recalls, snapshot: snapshot, principal: context.principal))
    }
}

/// URL-encoded form bodies.
enum Form {
    static func read(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 * 1_024)
        var components = URLComponents()
        components.percentEncodedQuery = String(buffer: buffer).replacingOccurrences(of: "+", with: "%20")
        var values: [String: String] = [:]
        for item in components.queryItems ?? [] { values[item.name] = item.value ?? "" }
        return values
    }
}
