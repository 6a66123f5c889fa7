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
                for (serial, step) in [(1, "inspecting"), (2, "shipping"), (3, "inspecting")] {
                    let event = #"{"type":"ObjectEvent","eventTime":"2026-03-01T10:0\#(serial):00Z","#
                        + #""eventTimeZoneOffset":"+00:00","epcList":["urn:epc:id:sgtin:0614141.107346.\#(serial)"],"#
                        + #""action":"OBSERVE","bizStep":"\#(step)"}"#
                    #expect(try await client.send(.post, "/events", key: server.admin, body: event).status == .created)
                }
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
