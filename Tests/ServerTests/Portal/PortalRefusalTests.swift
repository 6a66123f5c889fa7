import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Storage
import StorageSQLite
import Testing

/// A shipment refused at the dock, posted as the forms post (no browser): nothing enters the receiver's stock, the
/// shipment leaves its list, and the reconciliation reports the whole quantity missing.
@Suite("Party portal: a refused shipment")
struct PortalRefusalTests {
    static func post(
        _ client: some TestClientProtocol, _ path: String, key: String, _ fields: [(String, String)]
    ) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }
            .joined(separator: "&")
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: "suyuan_key=\(key)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    @Test("a refusal needs a reason, stores the lots without quantities, and reconcile reports all of it missing")
    func refused() async throws {
        let (server, coop, market, _) = try await PortalFixtures.server()
        try await server.app.test(.router) { client in
            let lot = "https://id.gs1.org/01/\(PortalFixtures.pickles)/10/R1"
            let produced = try await Self.post(client, "/portal/record/produce", key: coop, [
                ("step", "save"), ("location", "https://id.gs1.org/414/6950000000118"),
                ("product", PortalFixtures.pickles), ("lot", "R1"), ("quantity", "12.5"), ("unit", "KGM"),
                ("productionDate", "2026-12-01"),
            ])
            #expect(produced.status == .seeOther)
            let field = "qty-" + fnv(lot + "|KGM")
            let shipped = try await Self.post(client, "/portal/record/ship", key: coop, [
                ("step", "save"), ("location", "https://id.gs1.org/414/6950000000118"),
                ("destination", "https://id.gs1.org/417/6950000000200"), ("transaction", "DN-R1"), (field, "12.5"),
            ])
            #expect(shipped.status == .seeOther, "\(shipped.text)")
            let shipment = try #require(
                try await PortalFixtures.events(client, "EQ_bizStep=shipping", key: server.regulator).first)
            let id = try #require(shipment["eventID"] as? String)
            // A refusal without a reason is refused, naming the reason
            var fields = [
                ("shipment", id), ("location", "https://id.gs1.org/414/6950000000217"), ("outcome", "refused"),
                ("step", "save"),
            ]
            let noReason = try await Self.post(client, "/portal/receive/shipment", key: market, fields)
            #expect(noReason.status == .badRequest)
            #expect(noReason.text.contains("data-field=\"reason\""))
            // With the reason it is stored
            fields.append(("reason", "车厢温度过高 truck too warm"))
            let refused = try await Self.post(client, "/portal/receive/shipment", key: market, fields)
            #expect(refused.status == .seeOther, "\(refused.text)")
            let receipt = try #require(
                try await PortalFixtures.events(client, "EQ_bizStep=receiving", key: server.regulator).first)
            #expect(receipt["suyuan:receiptOutcome"] as? String == "refused")
            let element = try #require((receipt["quantityList"] as? [[String: Any]])?.first)
            #expect(element["quantity"] == nil)
            #expect(receipt["disposition"] == nil)
            // Nothing is on the market's hands, nothing waits any more, and the reconciliation reports 12.5 kg missing
            let home = try await client.execute(
                uri: "/portal?lang=en", method: .get, headers: [.cookie: "suyuan_key=\(market)"])
            #expect(home.text.contains("Nothing on hand yet"))
            #expect(!home.text.contains("id=\"incoming\""))
            let findings = (try await client.send(
                .get, "/reconcile?since=2026-01-01T00:00:00Z", key: server.regulator).json()["findings"]
                as? [[String: Any]]) ?? []
            let mismatch = findings.first { $0["kind"] as? String == "quantityMismatch" }
            #expect(mismatch?["expected"] as? Double == 12.5)
            #expect(mismatch?["actual"] as? Double == 0)
            // The same shipment cannot be confirmed twice
            let again = try await Self.post(client, "/portal/receive/shipment", key: market, fields)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("该发货不在待确认列表中"))
        }
    }
}

/// The portal's field ID hash (FNV-1a, eight hex digits), computed independently of the server's code.
func fnv(_ text: String) -> String {
    var hash: UInt32 = 0x811C_9DC5
    for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
    return String(format: "%08x", hash)
}
