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
/// party registry with its change history, in Chinese and English (templates `console-…`, decision 0020). Server-
/// rendered HTML forms; no script.
struct ConsoleController<Store: PlatformStore> {
    let platform: Platform<Store>

    func register(on router: Router<AppRequestContext>) {
        router.get("console/login") { request, _ in
            let choice = PageLanguageChoice(request)
            return Self.page(ConsoleLoginModel(language: choice.language, refused: false), choice)
        }
        router.post("console/login") { request, context in try await login(request, context) }
        router.post("console/logout") { _, _ in
            var response = Responses.seeOther("/console/login")
            response.setCookie(Cookie(name: AuthMiddleware<Store>.cookieName, value: "", maxAge: 0, path: "/",
                                      httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("console") { request, context in
            try await guarded(request, context) { choice in try await dashboard(choice, context) }
        }
        router.get("console/search") { request, context in
            try await guarded(request, context) { choice in
                let text = request.uri.queryParameters["q"].map(String.init) ?? ""
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return Responses.seeOther("/console") }
                do {
                    let key = try IdentifierKeys.resolve(text)
                    return Responses.seeOther("/console/trace?" + Self.query([("id", key)]))
                } catch {
                    let problem = Problem.from(error)
                    let catalog = PageRenderer.shared.catalog(choice.language)
                    return Self.page(
                        ConsoleProblemModel(
                            title: catalog.text("console.problem.search"), detail: problem.detail ?? problem.title,
                            places: [], language: choice.language, user: context.principal.name),
                        choice, status: .badRequest)
                }
            }
        }
        router.get("console/trace") { request, context in
            try await guarded(request, context) { choice in
                let id = request.uri.queryParameters["id"].map(String.init) ?? ""
                let key = try IdentifierKeys.resolve(id)
                let facts = try await ConsoleIdentifierFacts.read(key: key, platform: platform)
                return Self.page(
                    ConsoleIdentifierModel(facts, language: choice.language, user: context.principal.name), choice)
            }
        }
        router.post("console/recalls") { request, context in
            try await guarded(request, context) { _ in
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
        router.get("console/recalls") { request, context in
            try await guarded(request, context) { choice in
                let names = try await platform.names.names()
                let recalls = try await platform.store.recalls(limit: 200).map { ConsoleFacts.Recall($0, names: names) }
                return Self.page(
                    ConsoleRecallsModel(recalls, language: choice.language, user: context.principal.name), choice)
            }
        }
        router.get("console/recalls/{id}") { request, context in
            try await guarded(request, context) { choice in
                let id = try context.parameters.require("id")
                guard let record = try await platform.store.recall(id: id) else {
                    throw Problem.notFound("no recall \(id)")
                }
                let recall = ConsoleFacts.Recall(record, names: try await platform.names.names())
                return Self.page(
                    ConsoleRecallModel(recall, language: choice.language, user: context.principal.name), choice)
            }
        }
        router.get("console/findings") { request, context in
            try await guarded(request, context) { choice in
                let filter = try FindingFilter(request.uri.queryParameters)
                let snapshot = try await platform.reconcile(since: filter.since)
                let names = try await platform.names.names()
                let parameters = request.uri.queryParameters
                func text(_ name: String) -> String? {
                    parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
                }
                return Self.page(
                    ConsoleFindingsModel(
                        shown: filter.apply(snapshot.findings).map { ConsoleFacts.Finding($0, names: names) },
                        total: snapshot.findings.count, events: snapshot.events, at: snapshot.at,
                        kinds: FindingKind.allCases.map(\.rawValue),
                        filter: .init(kind: text("kind"), party: text("party"), product: text("product"),
                                      since: text("since")),
                        language: choice.language, user: context.principal.name),
                    choice)
            }
        }
        router.get("console/parties") { request, context in
            try await guarded(request, context) { choice in
                let names = try await platform.names.names()
                let parties = try await PartyRegistryView.parties(platform.store)
                    .map { ConsoleFacts.RegistryParty($0, names: names) }
                let changes = try await platform.store.partyChanges(party: nil, limit: 100)
                    .map { ConsoleFacts.RegistryChange($0, names: names) }
                return Self.page(
                    ConsolePartiesModel(
                        parties: parties, changes: changes, statuses: PartyRegistryView.statuses,
                        language: choice.language, user: context.principal.name),
                    choice)
            }
        }
        router.post("console/parties") { request, context in
            try await guarded(request, context) { _ in
                let form = try await Form.read(request)
                _ = try await PartyRegistryView.update(
                    party: form["party"] ?? "", licenceStatus: form["licenceStatus"].flatMap { $0.isEmpty ? nil : $0 },
                    blacklisted: form["blacklisted"].flatMap { $0.isEmpty ? nil : $0 == "true" },
                    reason: form["reason"], by: context.principal.name, platform: platform)
                return Responses.seeOther("/console/parties")
            }
        }
    }

    /// A rendered console page in the reader's language, saying which and remembering a choice just made.
    static func page<Model: PageModel>(
        _ model: Model, _ choice: PageLanguageChoice, status: HTTPResponse.Status = .ok
    ) -> Response {
        var response = Responses.html(PageRenderer.shared.render(model), status: status)
        response.headers[.contentLanguage] = choice.language.rawValue
        response.headers[.vary] = "Accept-Language, Cookie"
        choice.remember(in: &response)
        return response
    }

    /// A URL query of name/value pairs, encoded.
    static func query(_ items: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.percentEncodedQuery ?? ""
    }

    /// Runs a console page for a regulator or admin; sends anyone else to the sign-in page, and shows problems as a
    /// page (in the reader's language; the problem's own text names the place and the rule) rather than JSON.
    private func guarded(
        _ request: Request, _ context: AppRequestContext, _ page: (PageLanguageChoice) async throws -> Response
    ) async throws -> Response {
        guard context.principal.seesEverything else { return Responses.seeOther("/console/login") }
        let choice = PageLanguageChoice(request)
        do {
            return try await page(choice)
        } catch {
            let problem = Problem.from(error)
            return Self.page(
                ConsoleProblemModel(
                    title: problem.title, detail: problem.detail ?? problem.title,
                    places: problem.errors.map { ($0.pointer, $0.detail) }, language: choice.language,
                    user: context.principal.name),
                choice, status: problem.status)
        }
    }

    private func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let choice = PageLanguageChoice(request)
        let form = try await Form.read(request)
        let secret = (form["key"] ?? "").trimmingCharacters(in: .whitespaces)
        let key = try await platform.store.accessKey(
            secretHash: MessageAuthentication.sha256Hex(secret))
        guard let key, key.isActive, key.role == .admin || key.role == .regulator,
            secret.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        else {
            return Self.page(ConsoleLoginModel(language: choice.language, refused: true), choice, status: .unauthorized)
        }
        var response = Responses.seeOther("/console")
        response.setCookie(Cookie(name: AuthMiddleware<Store>.cookieName, value: secret, maxAge: 12 * 3_600, path: "/",
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    /// The dashboard: the day counts come from one aggregate query, the findings from the cached reconciliation.
    private func dashboard(_ choice: PageLanguageChoice, _ context: AppRequestContext) async throws -> Response {
        let names = try await platform.names.names()
        let now = Date()
        let today = ConsoleText.day(of: now)
        let captured = try await platform.store.capturedPerDay(
            from: ConsoleText.start(of: today - ConsoleDashboardModel.days + 1), to: ConsoleText.start(of: today + 1),
            offsetMinutes: ConsoleText.offsetMinutes)
        let snapshot = try await platform.reconcile()
        var facts = ConsoleDashboardModel.Facts(
            now: now, reconciledEvents: snapshot.events, reconciledAt: snapshot.at,
            elapsedMilliseconds: snapshot.elapsedMilliseconds, kinds: FindingKind.allCases.map(\.rawValue))
        facts.captured = Dictionary(captured.map { ($0.day, $0.count) }, uniquingKeysWith: +)
        facts.recalls = try await platform.store.recalls(limit: 50).map { ConsoleFacts.Recall($0, names: names) }
        facts.findings = snapshot.findings.map { ConsoleFacts.Finding($0, names: names) }
        facts.registry = try await PartyRegistryView.parties(platform.store)
            .map { ConsoleFacts.RegistryParty($0, names: names) }
        let monthAgo = now.addingTimeInterval(-30 * 86_400)
        facts.reports = try await platform.store.consumerReports(since: monthAgo, limit: 200)
            .map { ConsoleFacts.Report($0, names: names) }
        return Self.page(ConsoleDashboardModel(facts, language: choice.language, user: context.principal.name), choice)
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
