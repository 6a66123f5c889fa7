import EPCIS
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOWebSocket
import Storage
import HTTPTypes

/// WebSocket subscriptions (EPCIS 2.0 REST binding: `GET /queries/{name}/events` with `Upgrade: websocket`): the
/// socket receives every new event that matches the named query, as one `EPCISQueryDocument` text message per
/// batch, from `GS1-Query-Min-Record-Time` (or `initialRecordTime=`) on, else from the moment it connects. The
/// cursor lives as long as the socket; a client that reconnects names where it got to.
struct SubscriptionSockets<Store: PlatformStore> {
    let platform: Platform<Store>

    func register(on router: Router<AppRequestContext>) {
        router.ws("queries/{name}/events") { request, context in
            guard context.principal.role != nil else {
                throw Problem.unauthenticated("a WebSocket subscription needs an API key")
            }
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
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // The client's messages are not needed; the loop ends when the client closes.
                    for try await _ in inbound {}
                }
                group.addTask {
                    try await stream(query, from: start, principal: principal, outbound: outbound)
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
            let visibility = try await platform.registry.visibility()
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
}
