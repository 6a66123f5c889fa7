import DemoChains
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import NIOFoundationCompat
import NIOWebSocket
import Server
import Storage
import StorageSQLite
import Testing
import Transparency

/// What a webhook receiver got.
actor Inbox {
    var deliveries: [(body: Data, signature: String?)] = []
    var failuresToAnswer: Int

    init(failFirst: Int = 0) { failuresToAnswer = failFirst }

    /// Records a delivery; answers 503 for the first `failFirst` ones.
    func receive(_ body: Data, signature: String?) -> Bool {
        if failuresToAnswer > 0 {
            failuresToAnswer -= 1
            return false
        }
        deliveries.append((body, signature))
        return true
    }

    var eventIDs: [String] {
        deliveries.flatMap { delivery -> [String] in
            let object = (try? JSONSerialization.jsonObject(with: delivery.body)) as? [String: Any]
            let results = (object?["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any]
            let events = (results?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]] ?? []
            return events.compactMap { $0["eventID"] as? String }
        }
    }
}

@Suite("Subscriptions over a live server")
struct LiveSubscriptionTests {
    static func receiver(_ inbox: Inbox) -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 10_000_000)
            let ok = await inbox.receive(Data(buffer: body), signature: request.headers[HTTPField.Name("GS1-Signature")!])
            return Response(status: ok ? .noContent : .serviceUnavailable)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Captures three events through `POST /events`: inspections of items 1 and 3, the shipping of item 2.
    static func captureTwoInspectionsAndAShipment(_ client: some TestClientProtocol, key: String) async throws {
        for (serial, step) in [(1, "inspecting"), (2, "shipping"), (3, "inspecting")] {
            let event = #"{"type":"ObjectEvent","eventTime":"2026-03-01T10:0\#(serial):00Z","#
                + #""eventTimeZoneOffset":"+00:00","epcList":["urn:epc:id:sgtin:0614141.107346.\#(serial)"],"#
                + #""action":"OBSERVE","bizStep":"\#(step)"}"#
            #expect(try await client.send(.post, "/events", key: key, body: event).status == .created)
        }
    }

    @Test("a webhook gets each new matching event once, signed with HMAC-SHA256, after a failed first try")
    func webhook() async throws {
        let inbox = Inbox(failFirst: 1)
        let server = try await TestServer.make(
            configuration: ServerConfiguration(port: 0, subscriptionPollInterval: .milliseconds(100)))
        try await Self.receiver(inbox).test(.live) { receiver in
            let port = try #require(receiver.port)
            try await server.app.test(.router) { client in
                // Given a named query and a stream subscription with a signature token
                let query = #"{"name":"inspections","query":{"EQ_bizStep":["inspecting"]}}"#
                #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
                let subscribe = #"{"dest":"http://127.0.0.1:\#(port)/hook","signatureToken":"s3cret","stream":true}"#
                let subscribed = try await client.send(
                    .post, "/queries/inspections/subscriptions", key: server.admin, body: subscribe)
                #expect(subscribed.status == .created)
                // When two matching events and one other are captured
                try await Self.captureTwoInspectionsAndAShipment(client, key: server.admin)
                // Then the receiver gets both inspections, once each, after the retry
                let delivered = try await eventually { await inbox.eventIDs.count >= 2 }
                #expect(delivered)
                try await Task.sleep(for: .milliseconds(500))
                let ids = await inbox.eventIDs
                #expect(ids.count == 2)
                #expect(Set(ids).count == 2)
                // And each delivery is signed with the token
                for delivery in await inbox.deliveries {
                    let code = MessageAuthentication.hmacSHA256(delivery.body, key: Data("s3cret".utf8))
                    #expect(delivery.signature == "sha256=" + code.map { String(format: "%02x", $0) }.joined())
                }
                // And the stored cursor has moved past them
                let subscriptions = try await server.store.subscriptions(queryName: "inspections")
                #expect(subscriptions.first?.cursor != nil)
            }
        }
    }

    @Test("a scheduled webhook gets what was recorded since its last run at each time, and empty reports on request")
    func scheduledWebhook() async throws {
        let inbox = Inbox()
        let server = try await TestServer.make(
            configuration: ServerConfiguration(port: 0, subscriptionPollInterval: .milliseconds(100)))
        try await Self.receiver(inbox).test(.live) { receiver in
            let port = try #require(receiver.port)
            try await server.app.test(.router) { client in
                // Given a query and a subscription scheduled every second that reports even when empty
                let query = #"{"name":"inspections","query":{"EQ_bizStep":["inspecting"]}}"#
                #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
                let subscribe =
                    #"{"dest":"http://127.0.0.1:\#(port)/hook","schedule":{"second":"[0-59]"},"reportIfEmpty":true}"#
                let subscribed = try await client.send(
                    .post, "/queries/inspections/subscriptions", key: server.admin, body: subscribe)
                #expect(subscribed.status == .created)
                // And a second query on the same events, scheduled months away, to the same webhook
                let later = #"{"name":"later","query":{"EQ_bizStep":["inspecting"]}}"#
                #expect(try await client.send(.post, "/queries", key: server.admin, body: later).status == .created)
                let month = (Calendar(identifier: .gregorian).component(.month, from: Date()) + 5) % 12 + 1
                let farOff = #"{"dest":"http://127.0.0.1:\#(port)/hook","schedule":{"month":"\#(month)"}}"#
                let scheduled = try await client.send(
                    .post, "/queries/later/subscriptions", key: server.admin, body: farOff)
                #expect(scheduled.status == .created)
                let view = try subscribed.json()
                #expect(view["stream"] as? Bool == false)
                #expect(view["schedule"] as? [String: String] == ["second": "[0-59]"])
                #expect(view["reportIfEmpty"] as? Bool == true)
                // Then an empty report arrives before anything is captured
                #expect(try await eventually { await inbox.deliveries.count >= 1 })
                #expect(await inbox.eventIDs.isEmpty)
                // When two matching events and one other are captured
                try await Self.captureTwoInspectionsAndAShipment(client, key: server.admin)
                // Then a later run delivers both inspections, once each
                #expect(try await eventually { await inbox.eventIDs.count >= 2 })
                try await Task.sleep(for: .milliseconds(2_500))
                let ids = await inbox.eventIDs
                #expect(ids.count == 2)
                #expect(Set(ids).count == 2)
                // And the stored subscription has its cursor and the time of its last acknowledged delivery
                let stored = try #require(try await server.store.subscriptions(queryName: "inspections").first)
                #expect(stored.cursor != nil)
                #expect(stored.lastNotifiedAt != nil)
                // And the one scheduled months away has sent nothing (the count above would include its events)
                let waiting = try #require(try await server.store.subscriptions(queryName: "later").first)
                #expect(waiting.lastNotifiedAt == nil)
                #expect(waiting.cursor == nil)
            }
        }
    }

    @Test("a subscription needs stream or a valid schedule, not both; the problem names the field and the rule")
    func subscriptionControls() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let query = #"{"name":"all","query":{}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            let cases: [(String, String)] = [
                (#"{"dest":"https://example.com/h"}"#, "needs \"stream\": true or a \"schedule\""),
                (#"{"dest":"https://example.com/h","stream":false}"#, "needs \"stream\": true or a \"schedule\""),
                (#"{"dest":"https://example.com/h","stream":true,"schedule":{"hour":"1"}}"#, "exclude each other"),
                (#"{"dest":"https://example.com/h","schedule":{"hour":"25"}}"#, "/schedule/hour: 25 is outside 0 to 23"),
                (#"{"dest":"https://example.com/h","schedule":{"week":"1"}}"#, "/schedule/week: is not a schedule field"),
                (#"{"dest":"https://example.com/h","schedule":"daily"}"#, "/schedule: must be an object"),
                (#"{"dest":"https://example.com/h","schedule":{"hour":true}}"#, "/schedule/hour: must be a string"),
                (#"{"dest":"https://example.com/h","schedule":{"hour":"1"},"reportIfEmpty":"yes"}"#, "/reportIfEmpty"),
            ]
            for (body, words) in cases {
                let response = try await client.send(
                    .post, "/queries/all/subscriptions", key: server.admin, body: body)
                #expect(response.status == .badRequest, "\(body)")
                let problem = try response.json()
                #expect(problem["type"] as? String == "epcisException:SubscriptionControlsException")
                #expect((problem["detail"] as? String)?.contains(words) == true, "\(body): \(problem["detail"] ?? "")")
            }
            #expect(try await server.store.subscriptions(queryName: "all").isEmpty)
            // And a number where the binding wants a string is read as its text
            let numeric = #"{"dest":"https://example.com/h","schedule":{"hour":1,"minute":5}}"#
            let made = try await client.send(.post, "/queries/all/subscriptions", key: server.admin, body: numeric)
            #expect(made.status == .created)
            #expect(try made.json()["schedule"] as? [String: String] == ["hour": "1", "minute": "5"])
        }
    }

    @Test("a scheduled WebSocket gets an empty report when asked, then the new events at the next time")
    func scheduledWebSocket() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let query = #"{"name":"all-shipping","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            // A handshake with both stream=true and a schedule is refused before the upgrade
            let refused = try await client.send(
                .get, "/queries/all-shipping/events?stream=true&hour=1", key: server.admin)
            #expect(refused.status == .badRequest)
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = [.authorization: "Bearer \(server.admin)"]
            let received = ReceivedMessages()
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/queries/all-shipping/events?second=%5B0-59%5D&reportIfEmpty=true",
                configuration: configuration, logger: Logger(label: "test")
            ) { inbound, outbound, _ in
                var sentEvent = false
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    await received.append(text)
                    if !sentEvent {
                        sentEvent = true
                        let event = #"{"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00Z","#
                            + #""eventTimeZoneOffset":"+00:00","epcList":["urn:epc:id:sgtin:0614141.107346.42"],"#
                            + #""action":"OBSERVE","bizStep":"shipping"}"#
                        _ = try await client.send(.post, "/events", key: server.admin, body: event)
                    } else if text.contains("urn:epc:id:sgtin:0614141.107346.42") {
                        try await outbound.close(.normalClosure, reason: nil)
                        break
                    }
                }
            }
            let messages = await received.messages
            #expect(messages.first?.contains("EPCISQueryDocument") == true)
            #expect(messages.first?.contains("urn:epc:id:sgtin") == false)
            #expect(messages.last?.contains("urn:epc:id:sgtin:0614141.107346.42") == true)
        }
    }

    @Test("a WebSocket subscriber receives new matching events as EPCISQueryDocuments")
    func webSocket() async throws {
        let server = try await TestServer.make(
            configuration: ServerConfiguration(port: 0, subscriptionPollInterval: .milliseconds(100)))
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let query = #"{"name":"all-shipping","query":{"EQ_bizStep":["shipping"]}}"#
            #expect(try await client.send(.post, "/queries", key: server.admin, body: query).status == .created)
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = [.authorization: "Bearer \(server.admin)"]
            let received = ReceivedMessages()
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/queries/all-shipping/events", configuration: configuration,
                logger: Logger(label: "test")
            ) { inbound, outbound, _ in
                let event = #"{"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00Z","eventTimeZoneOffset":"+00:00","#
                    + #""epcList":["urn:epc:id:sgtin:0614141.107346.42"],"action":"OBSERVE","bizStep":"shipping"}"#
                _ = try await client.send(.post, "/events", key: server.admin, body: event)
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message {
                        await received.append(text)
                        try await outbound.close(.normalClosure, reason: nil)
                        break
                    }
                }
            }
            let messages = await received.messages
            #expect(messages.count == 1)
            #expect(messages.first?.contains("urn:epc:id:sgtin:0614141.107346.42") == true)
            #expect(messages.first?.contains("EPCISQueryDocument") == true)
        }
    }
}

actor ReceivedMessages {
    var messages: [String] = []
    func append(_ text: String) { messages.append(text) }
}
