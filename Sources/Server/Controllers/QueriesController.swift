import EPCIS
import Foundation
import Hummingbird
import Storage
import HTTPTypes
import NIOCore
import NIOFoundationCompat

/// Named queries and their subscriptions (EPCIS 2.0 REST binding, `/queries`): create, read, delete, run, and
/// subscribe by webhook (`POST /queries/{name}/subscriptions`) or by WebSocket (`GET /queries/{name}/events` with an
/// upgrade, see ``SubscriptionSockets``).
struct QueriesController<Store: PlatformStore> {
    let platform: Platform<Store>
    let events: EventsController<Store>

    func register(on router: Router<AppRequestContext>) {
        router.post("queries") { request, context in try await create(request, context) }
        router.get("queries") { request, context in
            try platform.require(context.principal, .admin, .regulator, .party, to: "list queries")
            let queries = try await platform.store.namedQueries().filter { owns($0, context.principal) }
            return try paged(queries.map(QueryDefinition.init), request, path: "/queries")
        }
        router.get("queries/{name}") { _, context in
            try Responses.json(QueryDefinition(try await named(context)), headers: Responses.gs1Headers())
        }
        router.delete("queries/{name}") { _, context in
            let query = try await named(context)
            try await platform.store.deleteQuery(name: query.name)
            return Response(status: .noContent, headers: Responses.gs1Headers())
        }
        router.get("queries/{name}/events") { request, context in
            let query = try await named(context)
            let fixed = try Self.parameters(query.parameters)
            // The binding gives this resource the WebSocket form's subscription controls too; a plain GET checks them
            // as the socket would (stream=true and a schedule exclude each other) and otherwise has no use for them.
            _ = try SubscriptionSockets<Store>.timing(request.uri.queryParameters)
            return try await events.page(
                request, context, fixed: fixed, base: "/queries/\(PathEncoding.segment(query.name))/events",
                ignoring: SubscriptionSockets<Store>.controlParameters)
        }
        router.post("queries/{name}/subscriptions") { request, context in try await subscribe(request, context) }
        router.get("queries/{name}/subscriptions") { request, context in
            let query = try await named(context)
            let list = try await platform.store.subscriptions(queryName: query.name).map(SubscriptionView.init)
            return try paged(list, request, path: "/queries/\(PathEncoding.segment(query.name))/subscriptions")
        }
        router.get("queries/{name}/subscriptions/{id}") { _, context in
            try Responses.json(SubscriptionView(try await subscription(context)), headers: Responses.gs1Headers())
        }
        router.delete("queries/{name}/subscriptions/{id}") { _, context in
            let found = try await subscription(context)
            try await platform.store.deleteSubscription(id: found.id)
            return Response(status: .noContent, headers: Responses.gs1Headers())
        }
    }

    /// A page of a list as a JSON array, with a `Link` to the next page.
    private func paged(_ items: [some Encodable], _ request: Request, path: String) throws -> Response {
        let (page, next) = try Paging(request, maximum: platform.configuration.maxPageSize).page(of: items, path: path)
        var headers = Responses.gs1Headers()
        headers.append(contentsOf: Paging.linkHeader(request, base: path, next: next))
        return try Responses.json(page, headers: headers)
    }

    /// `POST /queries` with `{"name": …, "query": {"EQ_bizStep": ["shipping"], …}}`; the query is checked first.
    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "create a query")
        let body = try await JSONBody.object(request, context)
        guard let name = body["name"] as? String, !name.isEmpty, name.count <= 200,
            name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
        else { throw Problem.invalid("/name: a query needs a name of letters, digits, '-', '_' or '.'") }
        guard let query = body["query"] as? [String: Any] else {
            throw Problem.invalid("/query: a query needs its parameters as an object")
        }
        var pairs: [(String, String)] = []
        for key in query.keys.sorted() {
            let value = query[key]
            let texts: [String] = (value as? [Any])?.map { "\($0)" } ?? [value.map { "\($0)" } ?? ""]
            pairs.append((key, texts.joined(separator: "|")))
        }
        _ = try EPCISQuery(parameters: pairs)
        var components = URLComponents()
        components.queryItems = pairs.map { URLQueryItem(name: $0.0, value: $0.1) }
        let saved = NamedQuery(
            name: name, parameters: components.percentEncodedQuery ?? "", owner: context.principal.keyID,
            createdAt: Date())
        try await platform.store.saveQuery(saved)
        var headers = Responses.gs1Headers()
        headers[.location] = "/queries/\(PathEncoding.segment(name))"
        return try Responses.json(QueryDefinition(saved), status: .created, headers: headers)
    }

    /// `POST /queries/{name}/subscriptions` with `{"dest": URL, "signatureToken": …, "stream": true}` or, for a
    /// scheduled subscription, `{"dest": URL, "schedule": {"hour": "1", "minute": "5"}, "reportIfEmpty": true}`.
    func subscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = try await named(context)
        let body = try await JSONBody.object(request, context)
        guard let dest = body["dest"] as? String, let url = URL(string: dest), ["http", "https"].contains(url.scheme),
            url.host != nil
        else { throw Problem.invalid("/dest: a webhook subscription needs an http(s) URL") }
        let (stream, schedule) = try Self.timing(body)
        if body["reportIfEmpty"] != nil && !(body["reportIfEmpty"] is Bool) {
            throw Self.controls("/reportIfEmpty: must be true or false")
        }
        var start = Date()
        if let text = body["initialRecordTime"] as? String {
            guard let time = EPCISDateTime(text) else {
                throw Problem.invalid("/initialRecordTime: \(text) is not an xsd:dateTime")
            }
            start = time.date
        }
        let subscription = Subscription(
            id: UUID().uuidString.lowercased(), queryName: query.name, destination: dest,
            signingSecret: body["signatureToken"] as? String, stream: stream, schedule: schedule,
            reportIfEmpty: body["reportIfEmpty"] as? Bool ?? false, owner: context.principal.keyID, createdAt: Date(),
            initialRecordTime: start)
        try await platform.store.saveSubscription(subscription)
        platform.captured.signal()
        var headers = Responses.gs1Headers()
        // Absolute: the binding types this Location `format: uri` (the capture's and the query's may be relative).
        headers[.location] =
            platform.configuration.baseURL
            + "/queries/\(PathEncoding.segment(query.name))/subscriptions/\(subscription.id)"
        return try Responses.json(SubscriptionView(subscription), status: .created, headers: headers)
    }

    /// When a subscription is notified: `stream: true`, or a `schedule` object, never both and never neither (the
    /// binding's rule, so that nobody subscribes to a stream by accident).
    static func timing(_ body: [String: Any]) throws(Problem) -> (stream: Bool, schedule: QuerySchedule?) {
        if body["stream"] != nil && !(body["stream"] is Bool) { throw controls("/stream: must be true or false") }
        let stream = body["stream"] as? Bool ?? false
        guard let raw = body["schedule"] else {
            guard stream else {
                throw controls("a subscription needs \"stream\": true or a \"schedule\" (EPCIS 2.0 REST binding)")
            }
            return (true, nil)
        }
        guard !stream else { throw controls("\"stream\": true and a \"schedule\" exclude each other") }
        guard let object = raw as? [String: Any] else {
            throw controls("/schedule: must be an object of second, minute, hour, dayOfMonth, month, dayOfWeek")
        }
        var fields: [String: String] = [:]
        for (name, value) in object {
            // The binding types each field as a string; a whole number is read as its text (JSONDecoder tells a
            // number from true/false, which JSONSerialization's NSNumbers do not).
            let data = (try? JSONSerialization.data(withJSONObject: [value], options: .fragmentsAllowed)) ?? Data()
            guard let field = try? JSONDecoder().decode([ScheduleField].self, from: data).first else {
                throw controls("/schedule/\(name): must be a string such as \"5\" or \"0,30\" or \"[9-17]\"")
            }
            fields[name] = field.text
        }
        do {
            return (false, try QuerySchedule(fields: fields))
        } catch {
            throw controls("/schedule/\(error.parameter ?? "schedule"): \(error.message)")
        }
    }

    /// One schedule field's value: a string, or a whole number read as its text.
    private struct ScheduleField: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
            } else {
                text = String(try container.decode(Int.self))
            }
        }
    }

    static func controls(_ detail: String) -> Problem {
        Problem(.badRequest, "SubscriptionControlsException", "Invalid subscription controls", detail: detail)
    }

    func named(_ context: AppRequestContext) async throws -> NamedQuery {
        try platform.require(context.principal, .admin, .regulator, .party, to: "use queries")
        let raw = try context.parameters.require("name")
        let name = raw.removingPercentEncoding ?? raw
        guard let query = try await platform.store.namedQuery(name: name), owns(query, context.principal) else {
            throw Problem.notFound("no query named \(name)")
        }
        return query
    }

    private func subscription(_ context: AppRequestContext) async throws -> Subscription {
        let query = try await named(context)
        let id = try context.parameters.require("id")
        guard let found = try await platform.store.subscriptions(queryName: query.name).first(where: { $0.id == id })
        else { throw Problem.notFound("no subscription \(id) of query \(query.name)") }
        return found
    }

    private func owns(_ query: NamedQuery, _ principal: Principal) -> Bool {
        principal.seesEverything || query.owner == principal.keyID
    }

    /// A saved query string as SimpleEventQuery parameters.
    static func parameters(_ saved: String) throws(Problem) -> [(name: String, value: String)] {
        var components = URLComponents()
        components.percentEncodedQuery = saved
        return (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    struct QueryDefinition: Encodable {
        var name: String
        var query: [String: [String]]
        var createdAt: Date

        init(_ saved: NamedQuery) {
            name = saved.name
            createdAt = saved.createdAt
            var query: [String: [String]] = [:]
            for (key, value) in (try? QueriesController.parameters(saved.parameters)) ?? [] {
                query[key] = value.split(separator: "|").map(String.init)
            }
            self.query = query
        }
    }

    struct SubscriptionView: Encodable {
        var subscriptionID: String
        var queryName: String
        var dest: String
        var stream: Bool
        var schedule: [String: String]?
        var reportIfEmpty: Bool?
        var signed: Bool
        var createdAt: Date
        var initialRecordTime: Date
        var lastNotifiedAt: Date?
        var lastDeliveredRecordTime: Date?

        init(_ subscription: Subscription) {
            subscriptionID = subscription.id
            queryName = subscription.queryName
            dest = subscription.destination
            stream = subscription.stream
            schedule = subscription.schedule?.fieldTexts
            reportIfEmpty = subscription.schedule == nil ? nil : subscription.reportIfEmpty
            signed = subscription.signingSecret != nil
            lastNotifiedAt = subscription.lastNotifiedAt
            createdAt = subscription.createdAt
            initialRecordTime = subscription.initialRecordTime
            lastDeliveredRecordTime = subscription.cursor?.recordTime
        }
    }
}

/// Reading small JSON request bodies (queries, subscriptions, recalls, registry changes, keys).
enum JSONBody {
    /// The most bytes such a body may hold.
    static let limit = 1_024 * 1_024

    static func object(_ request: Request, _ context: AppRequestContext) async throws -> [String: Any] {
        let tooLarge = Problem.bodyTooLarge(limit: limit, rule: "JSON request bodies are at most 1 MiB")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw Problem.invalid("the body must be a JSON object")
        }
        return object
    }
}
