import DemoChains
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Server
import Storage
import StorageSQLite
import Testing

@Suite("Regulator API: trace, recall, acknowledge, reconcile, registry")
struct RegulatorAPITests {
    @Test("forward trace of a milk powder lot lists holders; backward trace of a can reaches the dairy farms")
    func traces() async throws {
        let demo = try await DemoServer.make()
        try await demo.server.app.test(.router) { client in
            let forward = try await client.send(
                .get, "/trace/forward?id=\(demo.powderLot)", key: demo.server.regulator).json()
            #expect((forward["holders"] as? [[String: Any]])?.isEmpty == false)
            #expect(forward["truncated"] as? Bool == false)
            let back = try await client.send(.get, "/trace/back?id=\(demo.can)", key: demo.server.regulator).json()
            #expect((back["origins"] as? [String])?.isEmpty == false)
            #expect((back["identifiers"] as? [String])?.contains { $0.contains(":lgtin:") } == true)
            let bad = try await client.send(.get, "/trace/sideways?id=x", key: demo.server.regulator)
            #expect(bad.status == .notFound)
        }
    }

    @Test("a recall records holders, notifies them with recalled events at their locations, and takes their acks")
    func recallNotifyAcknowledge() async throws {
        let demo = try await DemoServer.make()
        try await demo.server.app.test(.router) { client in
            // When a regulator recalls the powder lot
            let body = #"{"id":"\#(demo.powderLot)","reason":"melamine"}"#
            let created = try await client.send(.post, "/recalls", key: demo.server.regulator, body: body)
            #expect(created.status == .created)
            let recall = try created.json()
            let id = try #require(recall["id"] as? String)
            let holders = try #require(recall["holders"] as? [[String: Any]])
            #expect(!holders.isEmpty)
            #expect(recall["pending"] as? Int == holders.count)
            // Then every holder has a notice event (disposition recalled) naming the recall
            let notices = try await client.send(
                .get, "/events?EQ_disposition=recalled&perPage=500", key: demo.server.regulator).text
            #expect(notices.contains(id))
            // And a holding party acknowledges with its own key
            let party = try #require(holders.first?["party"] as? String)
            let partyKey = try await demo.server.partyKey(party)
            let ack = try await client.send(
                .post, "/recalls/\(id)/ack", key: partyKey, body: #"{"by":"Li","note":"withdrawn"}"#)
            #expect(ack.status == .ok)
            let after = try await client.send(.get, "/recalls/\(id)", key: demo.server.regulator).json()
            #expect((after["pending"] as? Int ?? 0) < holders.count)
            // A party that holds nothing cannot acknowledge
            let stranger = try await demo.server.partyKey("urn:epc:id:pgln:0614141.00999")
            let refused = try await client.send(.post, "/recalls/\(id)/ack", key: stranger, body: "{}")
            #expect(refused.status == .notFound)
        }
    }

    @Test("reconcile reports the injected anomalies by kind, and the kind filter narrows them")
    func reconcile() async throws {
        let demo = try await DemoServer.make()
        let injected = Set(demo.generator.truth.map(\.kind.rawValue))
        try await demo.server.app.test(.router) { client in
            let all = try await client.send(.get, "/reconcile", key: demo.server.regulator).json()
            let findings = try #require(all["findings"] as? [[String: Any]])
            let kinds = Set(findings.compactMap { $0["kind"] as? String })
            #expect(!injected.isEmpty)
            #expect(injected.isSubset(of: kinds))
            let kind = try #require(injected.first)
            let filtered = try await client.send(.get, "/reconcile?kind=\(kind)", key: demo.server.regulator).json()
            let only = try #require(filtered["findings"] as? [[String: Any]])
            #expect(!only.isEmpty && only.allSatisfy { $0["kind"] as? String == kind })
            let bad = try await client.send(.get, "/reconcile?kind=stolen", key: demo.server.regulator)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("suspending a licence is recorded with who, when and why, and the registry shows it")
    func registryChange() async throws {
        let server = try await TestServer.make()
        try await server.registerParties()
        try await server.app.test(.router) { client in
            let party = "urn%3Aepc%3Aid%3Apgln%3A0614141.00888"
            let noReason = try await client.send(
                .post, "/parties/\(party)", key: server.regulator, body: #"{"licenceStatus":"suspended"}"#)
            #expect(noReason.status == .badRequest)
            let changed = try await client.send(
                .post, "/parties/\(party)", key: server.regulator,
                body: #"{"licenceStatus":"suspended","reason":"failed inspection"}"#)
            #expect(changed.status == .ok)
            let parties = try #require(try await client.send(.get, "/parties", key: server.regulator)
                .json()["parties"] as? [[String: Any]])
            let farmKey = IdentifierKeys.canonical(TestServer.farmParty)
            let farm = try #require(parties.first { $0["key"] as? String == farmKey })
            #expect(farm["licenceStatus"] as? String == "suspended")
            #expect(farm["licensed"] as? Bool == false)
            let changes = try #require(try await client.send(.get, "/parties/\(party)/changes", key: server.regulator)
                .json()["changes"] as? [[String: Any]])
            #expect(changes.first?["newValue"] as? String == "suspended")
            #expect(changes.first?["oldValue"] as? String == "active")
            #expect(changes.first?["reason"] as? String == "failed inspection")
        }
    }

    @Test("health, Prometheus metrics and the OpenAPI document are served")
    func operations() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            #expect(try await client.send(.get, "/health").json()["status"] as? String == "ok")
            _ = try await client.send(.get, "/events", key: server.regulator)
            let metrics = try await client.send(.get, "/metrics").text
            #expect(metrics.contains("suyuan_http_requests_total"))
            #expect(metrics.contains("route=\"/events\""))
            let openapi = try await client.send(.get, "/openapi.json").json()
            #expect(openapi["openapi"] as? String == "3.1.0")
            #expect((openapi["paths"] as? [String: Any])?["/recalls"] != nil)
        }
    }
}
