import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
public import Server
import Storage
public import StoragePostgres
import Testing

extension PostgresEventStore: PlatformStore {}

/// The same server over the production store: scripts/test starts a throwaway PostgreSQL and sets POSTGRES_HOSTNAME.
@Suite("The server on PostgreSQL", .enabled(if: ProcessInfo.processInfo.environment["POSTGRES_HOSTNAME"] != nil))
struct PostgresServerTests {
    /// A URL naming a schema of its own, with a ledger key file of its own.
    static func freshURL() -> String {
        let environment = ProcessInfo.processInfo.environment
        let schema = "srv_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let key = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-\(schema).ledger-key.pem")
        return "postgres://\(environment["POSTGRES_USER"] ?? "postgres")@\(environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1")"
            + ":\(environment["POSTGRES_PORT"] ?? "5432")/\(environment["POSTGRES_DB"] ?? "postgres")"
            + "?schema=\(schema)&ledgerKey=\(key.path)"
    }

    @Test("capture through the API, query, open the consumer page, recall and see the banner, all on PostgreSQL")
    func endToEnd() async throws {
        try await PostgresEventStore.open(url: Self.freshURL(), migrate: true) { store in
            // Given a server over a fresh PostgreSQL schema and an admin key
            let admin = try await AccessKeys.create(role: .admin, party: nil, label: "test", in: store).secret
            let app = buildApplication(store: store, configuration: ServerConfiguration(port: 0))
            let example = try Conformance.text("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
            try await app.test(.router) { client in
                // When an official example is captured through the API
                let accepted = try await client.send(.post, "/capture", key: admin, body: example)
                #expect(accepted.status == .accepted)
                let location = try #require(accepted.headers[.location])
                #expect(try await eventually {
                    try await client.send(.get, location, key: admin).json()["running"] as? Bool == false
                })
                #expect(try await client.send(.get, location, key: admin).json()["success"] as? Bool == true)
                // Then it is queried back, and the item's consumer page tells its journey
                let found = try await client.send(.get, "/events?EQ_bizStep=receiving", key: admin).text
                #expect(found.contains("urn:epc:id:sgtin:0614141.107346.2018"))
                let page = try await client.send(
                    .get, "/01/10614141073464/21/2018", headers: [.acceptLanguage: "en"]).text
                #expect(page.contains("id=\"journey\""))
                #expect(page.contains("received"))
                #expect(page.contains("This is look-up number 1 of this code"))
                // And a recall of the item turns its page red
                let body = #"{"id":"urn:epc:id:sgtin:0614141.107346.2018","reason":"tampered seal"}"#
                #expect(try await client.send(.post, "/recalls", key: admin, body: body).status == .created)
                let recalled = try await client.send(.get, "/01/10614141073464/21/2018").text
                #expect(recalled.contains("id=\"recall\""))
                #expect(recalled.contains("tampered seal"))
            }
        }
    }
}
