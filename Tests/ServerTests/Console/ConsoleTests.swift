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

@Suite("Regulator console pages")
struct ConsoleTests {
    /// Signs in through the form and returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, key: String) async throws -> String {
        let response = try await client.send(
            .post, "/console/login", body: "key=\(key)",
            headers: [.contentType: "application/x-www-form-urlencoded"])
        #expect(response.status == .seeOther)
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        return String(cookie.prefix { $0 != ";" })
    }

    @Test("the console sends strangers to sign in, refuses a party key, and admits a regulator's key")
    func signIn() async throws {
        let server = try await TestServer.make()
        try await server.registerParties()
        let partyKey = try await server.partyKey(TestServer.farmParty)
        try await server.app.test(.router) { client in
            let stranger = try await client.send(.get, "/console")
            #expect(stranger.status == .seeOther)
            #expect(stranger.headers[.location] == "/console/login")
            let party = try await client.send(
                .post, "/console/login", body: "key=\(partyKey)",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(party.status == .unauthorized)
            let cookie = try await Self.signIn(client, key: server.regulator)
            let overview = try await client.send(.get, "/console", headers: [.cookie: cookie])
            #expect(overview.status == .ok)
            #expect(overview.text.contains("<h1>监管总览</h1>"))
            #expect(overview.text.contains(#"id="captured-chart""#))
        }
    }

    @Test("search resolves any form of a code to its page with state, holders, events and both trace graphs")
    func identifierPage() async throws {
        let demo = try await DemoServer.make()
        try await demo.server.app.test(.router) { client in
            let cookie = try await Self.signIn(client, key: demo.server.regulator)
            let search = try await client.send(
                .get, "/console/search?q=" + (demo.powderLot.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                headers: [.cookie: cookie])
            #expect(search.status == .seeOther)
            let location = try #require(search.headers[.location])
            let page = try await client.send(.get, location, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("id=\"graph-backward\""))
            #expect(html.contains("id=\"graph-forward\""))
            #expect(html.contains("<svg"))
            #expect(html.contains("id=\"holders\""))
            #expect(html.contains("id=\"events\""))
            #expect(html.contains("id=\"recall-form\""))
            let bad = try await client.send(.get, "/console/search?q=hello", headers: [.cookie: cookie])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("hello"))
        }
    }

    @Test("starting a recall from the console shows its holders, then an acknowledgement as it comes back")
    func recallFromConsole() async throws {
        let demo = try await DemoServer.make()
        try await demo.server.app.test(.router) { client in
            let cookie = try await Self.signIn(client, key: demo.server.regulator)
            let form = "id=" + (demo.powderLot.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                + "&reason=melamine+3.1+mg%2Fkg"
            let started = try await client.send(
                .post, "/console/recalls", body: form,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let english: HTTPFields = [.cookie: cookie, .acceptLanguage: "en"]
            let page = try await client.send(.get, location, headers: english).text
            #expect(page.contains("melamine 3.1 mg/kg"))
            #expect(page.contains("http-equiv=\"refresh\""))
            #expect(page.contains("id=\"ack-count\">0 of"))
            let id = String(location.split(separator: "/").last ?? "")
            let holder = try #require(try await demo.server.store.recall(id: id)?.holders.first?.party)
            let partyKey = try await demo.server.partyKey(holder)
            _ = try await client.send(.post, "/recalls/\(id)/ack", key: partyKey, body: #"{"by":"Wang"}"#)
            let after = try await client.send(.get, location, headers: english).text
            #expect(!after.contains("id=\"ack-count\">0 of"))
            #expect(after.contains("Wang"))
        }
    }

    @Test("findings filter by kind, and a registry change from the form appears in the change history")
    func findingsAndRegistry() async throws {
        let demo = try await DemoServer.make()
        try await demo.server.app.test(.router) { client in
            let cookie = try await Self.signIn(client, key: demo.server.regulator)
            let clones = try await client.send(.get, "/console/findings?kind=clone", headers: [.cookie: cookie]).text
            #expect(clones.contains("id=\"findings\""))
            #expect(clones.contains(#"data-kind="clone""#))
            #expect(!clones.contains(#"data-kind="quantityMismatch""#))
            let party = try #require(demo.generator.world.parties.first { $0.isLicensed })
            let form = "party=" + (party.pgln.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                + "&licenceStatus=revoked&blacklisted=true&reason=fake+certificates"
            let changed = try await client.send(
                .post, "/console/parties", body: form,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"])
            #expect(changed.status == .seeOther)
            let registry = try await client.send(.get, "/console/parties", headers: [.cookie: cookie]).text
            #expect(registry.contains("fake certificates"))
            #expect(registry.contains("<td>许可状态</td><td>有效</td><td>吊销</td>"))
            #expect(registry.contains("<td>黑名单</td><td>否</td><td>是</td>") || registry.contains("<td>黑名单</td><td></td><td>是</td>"))
        }
    }
}
