import EPCIS
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOWebSocket
import Storage
import HTTPTypes

/// WebSocket subscriptions (EPCIS 2.0 REST binding: `GET /queries/{name}/events` with `Upgrade: websocket`): the
/// socket receives the events that match the named query, as one `EPCISQueryDocument` text message per batch, from
/// `GS1-Query-Min-Record-Time` (or `initialRecordTime=`) on, else from the moment it connects. With `stream=true`
/// (or no schedule) each new batch is sent as it is captured; with schedule parameters (`second`, `minute`, `hour`,
/// `dayOfMonth`, `month`, `dayOfWeek`, see ``EPCIS/QuerySchedule``) everything new is sent at each time of the
/// schedule, and with `reportIfEmpty=true` an empty document when there is nothing. The cursor lives as long as
/// the socket; a client that reconnects names where it got to.
struct SubscriptionSockets<Store: PlatformStore> {
    let platform: Platform<Store>

    /// Whether a request path (without its query) is one a WebSocket upgrade may go to: `/queries/{name}/events`.
    /// ``HTTPHeadGuard`` lets upgrades through to these paths only.
    static func isSocketPath(_ path: some StringProtocol) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return segments.count == 3 && segments.first == "queries" && segments.dropFirst().first?.isEmpty == false
            && segments.last == "events"
    }

    func register(on router: Router<AppRequestContext>) {
        router.ws("queries/{name}/events") { request, context in
            guard context.principal.role != nil else {
                throw Problem.unauthenticated("a WebSocket subscription needs an API key")
            }
            _ = try Self.timing(request.uri.queryParameters)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let request = context.request
            let principal = context.requestContext.principal
            let raw = context.requestContext.parameters.get("name") ?? ""
            let name = raw.removingPercentEncoding ?? raw
            guard let query = try await platform.store.namedQuery(name: name),
                principal.seesEverything || query.owner == principal.keyID
            else {
                try await outbound.close(.policyViolation, reason: "no query named \(name)")
                return
            }
            let header = request.headers[HTTPField.Name("GS1-Query-Min-Record-Time")!]
            let parameter = request.uri.queryParameters["initialRecordTime"].map(String.init)
            let start = (header ?? parameter).flatMap(EPCISDateTime.init)?.date ?? Date()
            let timing = try Self.timing(request.uri.queryParameters)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // The client's messages are not needed; the loop ends when the client closes.
                    for try await _ in inbound {}
                }
                group.addTask {
                    if let schedule = timing.schedule {
                        try await scheduled(
                            query, schedule: schedule, reportIfEmpty: timing.reportIfEmpty, from: start,
                            principal: principal, outbound: outbound)
                    } else {
                        try await stream(query, from: start, principal: principal, outbound: outbound)
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func stream(
        _ query: NamedQuery, from start: Date, principal: Principal, outbound: WebSocketOutboundWriter
    ) async throws {
        let feed = SubscriptionFeed(store: platform.store)
        var cursor: SubscriptionCursor?
        let subscriptionID = "ws-" + UUID().uuidString.lowercased()
        while !Task.isCancelled {
            let visibility = try await platform.visibility()
            let events = try await feed.next(
                query: query, cursor: cursor, initial: start, visibility: visibility, principal: principal)
            if events.isEmpty {
                try await Task.sleep(for: platform.configuration.subscriptionPollInterval)
                continue
            }
            let document = SubscriptionFeed<Store>.document(events, query: query, subscriptionID: subscriptionID)
            try await outbound.writeTextMessage(String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self))
            cursor = SubscriptionFeed<Store>.advance(cursor, past: events)
            platform.metrics.count("websocket_events_delivered", "events sent to WebSocket subscribers", by: events.count)
        }
    }

    /// Sends, at each time of the schedule, everything recorded since the last time.
    private func scheduled(
        _ query: NamedQuery, schedule: QuerySchedule, reportIfEmpty: Bool, from start: Date, principal: Principal,
        outbound: WebSocketOutboundWriter
    ) async throws {
        let feed = SubscriptionFeed(store: platform.store)
        var cursor: SubscriptionCursor?
        var last = Date()
        let subscriptionID = "ws-" + UUID().uuidString.lowercased()
        while !Task.isCancelled, let due = schedule.next(after: last) {
            try await Task.sleep(for: .milliseconds(max(0, Int(due.timeIntervalSinceNow * 1_000))))
            last = due
            let visibility = try await platform.visibility()
            var sent = 0
            while true {
                let events = try await feed.next(
                    query: query, cursor: cursor, initial: start, visibility: visibility, principal: principal)
                guard !events.isEmpty || (sent == 0 && reportIfEmpty) else { break }
                let document = SubscriptionFeed<Store>.document(events, query: query, subscriptionID: subscriptionID)
                try await outbound.writeTextMessage(
                    String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self))
                sent += 1
                if events.isEmpty { break }
                cursor = SubscriptionFeed<Store>.advance(cursor, past: events)
                platform.metrics.count(
                    "websocket_events_delivered", "events sent to WebSocket subscribers", by: events.count)
            }
        }
    }

    /// The names of the subscription controls a handshake takes as query parameters (the binding's `GS1-Query-…`
    /// parameters of `GET /queries/{queryName}/events`).
    static var controlParameters: Set<String> {
        Set(QuerySchedule.Field.allCases.map(\.rawValue) + ["stream", "reportIfEmpty", "initialRecordTime"])
    }

    /// The handshake's query parameters: `stream=true`, or a schedule, never both; no parameter at all is a stream,
    /// as this server has always read it.
    static func timing(_ parameters: Parameters) throws(Problem) -> (schedule: QuerySchedule?, reportIfEmpty: Bool) {
        var fields: [String: String] = [:]
        for field in QuerySchedule.Field.allCases {
            if let value = parameters[Substring(field.rawValue)] { fields[field.rawValue] = String(value) }
        }
        let stream = parameters["stream"].map { $0 == "true" }
        let reportIfEmpty = parameters["reportIfEmpty"] == "true"
        guard !fields.isEmpty else {
            if stream == false {
                throw QueriesController<Store>.controls(
                    "stream=false needs schedule parameters (second, minute, hour, dayOfMonth, month, dayOfWeek)")
            }
            return (nil, false)
        }
        guard stream != true else {
            throw QueriesController<Store>.controls("stream=true and schedule parameters exclude each other")
        }
        do {
            return (try QuerySchedule(fields: fields), reportIfEmpty)
        } catch {
            throw QueriesController<Store>.controls("\(error.parameter ?? "schedule"): \(error.message)")
        }
    }
}
