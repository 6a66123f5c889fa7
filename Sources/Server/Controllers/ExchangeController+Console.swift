import Exchange
import Foundation
import HTTPTypes
import Hummingbird
import NIOFoundationCompat
import Web

/// The console's spreadsheet page (`/console/import`): upload a filled template from a browser's form, download
/// the templates with their example rows, and ask for a regulator's record (`/console/export` sends the browser to
/// `GET /exports/{kind}`). For regulators and admins signed in to the console, as its other pages.
extension ExchangeController {
    func registerConsole(on router: Router<AppRequestContext>) {
        router.get("console/import") { request, context in
            guard context.principal.seesEverything else { return Responses.seeOther("/console/login") }
            let choice = PageLanguageChoice(request)
            return Self.page(choice, user: context.principal.name, kind: nil, outcome: nil)
        }
        router.post("console/import") { request, context in
            guard context.principal.seesEverything else { return Responses.seeOther("/console/login") }
            return try await consoleImport(request, context)
        }
        router.get("console/export") { request, context in
            guard context.principal.seesEverything else { return Responses.seeOther("/console/login") }
            let query = request.uri.queryParameters
            let kind = query["kind"].map(String.init) ?? ""
            guard ExportKind(rawValue: kind) != nil else {
                throw Problem.badParameter(
                    "kind=\(kind) is not an export: " + ExportKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var components = URLComponents()
            components.queryItems = ["lot", "party", "from", "to", "format"].compactMap { name in
                guard let value = query[Substring(name)].map(String.init), !value.isEmpty else { return nil }
                return URLQueryItem(name: name, value: value)
            }
            let search = components.percentEncodedQuery.map { "?" + $0.replacingOccurrences(of: "+", with: "%2B") }
            return Responses.seeOther("/exports/\(kind)" + (search ?? ""))
        }
    }

    private func consoleImport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let choice = PageLanguageChoice(request)
        let catalog = PageRenderer.shared.catalog(choice.language)
        let limit = max(platform.configuration.captureByteLimit, 64 * 1_024 * 1_024)
        let body: Data
        do {
            body = Data(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw Problem.bodyTooLarge(limit: limit, rule: "a spreadsheet of at most \(limit) bytes")
        }
        var kind: ImportKind?
        var file = "?"
        let outcome: ExchangePageModel.Outcome
        let status: HTTPResponse.Status
        do {
            let form = try MultipartForm(body, contentType: request.headers[.contentType])
            let name = form["as"].map { String(decoding: $0.data, as: UTF8.self) } ?? ""
            guard let chosen = ImportKind(name: name) else {
                throw Problem.badParameter(
                    "as=\(name): the kind is one of " + ImportKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            kind = chosen
            guard let upload = form["file"], !upload.data.isEmpty else {
                throw Problem.invalid("file: choose a CSV or XLSX file to upload")
            }
            file = upload.filename.flatMap { $0.isEmpty ? nil : $0 } ?? file
            let (_, receipt) = try await importSpreadsheet(upload.data, kind: chosen, principal: context.principal)
            outcome = ExchangePageModel.Outcome(stored: true, summary: catalog.format("exchange.stored", [
                "file": file, "rows": String(receipt.rows), "events": String(receipt.events),
                "stored": String(receipt.stored), "already": String(receipt.alreadyStored),
            ]))
            status = receipt.stored > 0 ? .created : .ok
        } catch {
            let problem = Problem.from(error)
            let entries = problem.errors.isEmpty
                ? [ExchangePageModel.Problem(place: problem.title, rule: problem.detail ?? problem.title)]
                : problem.errors.map { ExchangePageModel.Problem(place: $0.pointer, rule: $0.detail) }
            outcome = ExchangePageModel.Outcome(
                stored: false,
                summary: catalog.format("exchange.refused", ["file": file, "count": String(entries.count)])
                    + (problem.errors.isEmpty ? "" : " " + (problem.detail ?? "")),
                problems: entries)
            status = problem.status
        }
        return Self.page(choice, user: context.principal.name, kind: kind, outcome: outcome, status: status)
    }

    static func page(
        _ choice: PageLanguageChoice, user: String, kind: ImportKind?, outcome: ExchangePageModel.Outcome?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = choice.language
        let catalog = PageRenderer.shared.catalog(language)
        let kinds = ImportKind.allCases.map {
            ExchangePageModel.Kind(
                value: $0.rawValue, label: catalog.text("exchange.kinds.\($0.rawValue)"), selected: $0 == kind)
        }
        let templates = ImportKind.allCases.map {
            let template = ImportTemplate($0)
            return ExchangePageModel.Template(
                kind: $0.rawValue, label: catalog.text("exchange.kinds.\($0.rawValue)"), header: template.headerRow,
                examples: template.exampleRows)
        }
        let exports = ExportKind.allCases.map {
            ExchangePageModel.Kind(value: $0.rawValue, label: catalog.text("exchange.exports.\($0.rawValue)"),
                                   selected: false)
        }
        let model = ExchangePageModel(
            language: language, kinds: kinds, templates: templates, outcome: outcome, exports: exports, user: user)
        return ConsoleController<Store>.page(model, choice, status: status)
    }
}
