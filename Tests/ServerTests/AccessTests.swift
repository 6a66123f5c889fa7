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
import Transparency

@Suite("API keys and visibility")
struct AccessTests {
    @Test("without a key the API answers 401 with WWW-Authenticate; an unknown key is refused too")
    func unauthenticated() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let anonymous = try await client.send(.get, "/events")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try anonymous.json()["type"] as? String == "epcisException:SecurityException")
            let unknown = try await client.send(.get, "/events", key: "sy_nope")
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test("keys are stored as SHA-256 only, and a revoked key stops working")
    func storedHashedAndRevocable() async throws {
        let server = try await TestServer.make()
        let (key, secret) = try await AccessKeys.create(role: .regulator, party: nil, label: "x", in: server.store)
        #expect(key.secretHash == MessageAuthentication.sha256Hex(secret))
        #expect(try await server.store.accessKeys().allSatisfy { $0.secretHash != secret })
        try await server.app.test(.router) { client in
            #expect(try await client.send(.get, "/events", key: secret).status == .ok)
            _ = try await server.store.revokeAccessKey(id: key.id, at: Date())
            #expect(try await client.send(.get, "/events", key: secret).status == .unauthorized)
        }
    }

    @Test("a party captures at its own locations; an event at another party's location is refused and not stored")
    func partyCapturesOnlyAtItsLocations() async throws {
        let server = try await TestServer.make()
        try await server.registerParties()
        let farmKey = try await server.partyKey(TestServer.farmParty)
        try await server.app.test(.router) { client in
            let own = try await client.send(
                .post, "/events", key: farmKey,
                body: TestServer.document(serial: 1, at: TestServer.farm))
            #expect(own.status == .created)
            let foreign = try await client.send(
                .post, "/capture", key: farmKey, body: TestServer.document(serial: 2, at: TestServer.plant))
            #expect(foreign.status == .forbidden)
            let problem = try foreign.json()
            #expect((problem["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/epcisBody/eventList/0")
            let all = try await client.send(.get, "/events", key: server.regulator).text
            #expect(all.contains("0614141.107346.1"))
            #expect(!all.contains("0614141.107346.2\""))
        }
    }

    @Test("a party reads its own events, not another party's; a regulator reads both")
    func partyReadsItsOwn() async throws {
        let server = try await TestServer.make()
        try await server.registerParties()
        for (serial, place) in [(1, TestServer.farm), (2, TestServer.plant)] {
            _ = try await server.store.capture(
                try EPCISDocumentReaderShim.read(TestServer.document(serial: serial, at: place)), context: .init())
        }
        let farmKey = try await server.partyKey(TestServer.farmParty)
        try await server.app.test(.router) { client in
            let farm = try await client.send(.get, "/events", key: farmKey).text
            #expect(farm.contains("0614141.107346.1\""))
            #expect(!farm.contains("0614141.107346.2\""))
            let regulator = try await client.send(.get, "/events", key: server.regulator).text
            #expect(regulator.contains("0614141.107346.1\"") && regulator.contains("0614141.107346.2\""))
            let trace = try await client.send(.get, "/trace/back?id=urn:epc:id:sgtin:0614141.107346.1", key: farmKey)
            #expect(trace.status == .forbidden)
        }
    }

    @Test("only an admin creates keys through the API; the secret is returned once and works")
    func adminCreatesKeys() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let body = #"{"role":"party","party":"urn:epc:id:pgln:0614141.00888","label":"farm"}"#
            let refused = try await client.send(.post, "/keys", key: server.regulator, body: body)
            #expect(refused.status == .forbidden)
            let created = try await client.send(.post, "/keys", key: server.admin, body: body)
            #expect(created.status == .created)
            let secret = try #require(try created.json()["key"] as? String)
            #expect(try await client.send(.get, "/events", key: secret).status == .ok)
        }
    }
}
