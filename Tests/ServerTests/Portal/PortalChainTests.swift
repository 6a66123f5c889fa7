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

/// A chain through the portal in headless Chromium: the co-operative harvests and ships to the market; the market
/// confirms part of it (and the reconciliation reports the difference); a third party cannot confirm it; a recall
/// reaches the market, which acknowledges it from its portal.
@Suite("Party portal: ship, receive, reconcile, recall", .serialized)
struct PortalChainTests {
    @Test("shipping, a partial receipt that reconcile reports, another party refused, a recall acknowledged")
    func chain() async throws {
        let (server, coop, market, other) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let base = "http://127.0.0.1:\(port)"
            // Given the co-operative's harvest of 40 kg, shipped to the market through the shipping form
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: coop)
                try await PortalBrowserTests.produce(
                    browser, port: port, gtin: PortalFixtures.bokChoy, lot: "QS1207", quantity: "40")
                try await browser.open(base + "/portal/record/ship?lang=en")
                try await browser.choose("#field-destination", "East Gate Market")
                try await browser.fill("#field-transaction", "DN-0001")
                try await browser.fillLabelled("QS1207", "40")
                PortalFixtures.keep(try await browser.screenshot(), "ship")
                try await browser.click("#check")
                let preview = try await browser.text()
                #expect(preview.contains("Shipped to East Gate Market, delivery note DN-0001"))
                try await browser.click("#save")
                #expect(try await browser.text().contains("Nothing on hand yet"))
            }
            let shipments = try await PortalFixtures.events(client, "EQ_bizStep=shipping", key: server.regulator)
            let shipment = try #require(shipments.first)
            let shipmentID = try #require(shipment["eventID"] as? String)
            #expect((shipment["bizTransactionList"] as? [[String: Any]])?.first?["bizTransaction"] as? String
                == "urn:epcglobal:cbv:bt:6950000000101:DN-0001")
            let destination = (shipment["destinationList"] as? [[String: Any]])?.first?["destination"] as? String
            #expect(destination == PortalFixtures.market || destination == "https://id.gs1.org/417/6950000000200")
            // When a third party tries to confirm the market's shipment
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: other)
                try await browser.open(base + "/portal/receive?lang=en")
                #expect(try await browser.text().contains("No shipments are waiting for you"))
                try await browser.open(
                    base + "/portal/receive/shipment?lang=en&id=" + (shipmentID.addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(try await browser.text().contains("not addressed to you"))
            }
            let posted = try await client.execute(
                uri: "/portal/receive/shipment", method: .post,
                headers: [.cookie: "suyuan_key=\(other)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "step=save&outcome=full&location=\(PortalFixtures.otherShop)&shipment="
                    + (shipmentID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
            // Then it is refused and nothing is received
            #expect(posted.status == .forbidden)
            #expect(try await PortalFixtures.events(client, "EQ_bizStep=receiving", key: server.regulator).isEmpty)
            // When the market confirms 30 kg of the 40 with a reason
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: market)
                #expect(try await browser.text().contains("Shipments to confirm (1)"))
                try await browser.open(base + "/portal/receive?lang=en")
                #expect(try await browser.text().contains("青山蔬菜合作社"))
                PortalFixtures.keep(try await browser.screenshot(), "receive")
                try await browser.click("#shipments a")
                try await browser.fill("#field-outcome", "partial")
                try await browser.fillLabelled("QS1207", "30")
                try await browser.click("#check")
                // A partial receipt without a reason is refused, naming the field
                #expect(try await browser.dom().contains("data-field=\"reason\""))
                try await browser.fill("#field-reason", "10 kg wilted")
                try await browser.click("#check")
                #expect(try await browser.text().contains("Received part of the shipment"))
                try await browser.click("#save")
                #expect(try await browser.text().contains("30 kg"))
            }
            let receipts = try await PortalFixtures.events(client, "EQ_bizStep=receiving", key: server.regulator)
            #expect(receipts.count == 1)
            #expect((receipts.first?["quantityList"] as? [[String: Any]])?.first?["quantity"] as? Double == 30)
            #expect(receipts.first?["suyuan:reason"] as? String == "10 kg wilted")
            // Then the reconciliation reports the 10 kg missing between the two
            let reconcile = try await client.send(.get, "/reconcile?since=2026-01-01T00:00:00Z", key: server.regulator)
            let findings = (try reconcile.json()["findings"] as? [[String: Any]]) ?? []
            let mismatch = findings.first { $0["kind"] as? String == "quantityMismatch" }
            #expect(mismatch?["expected"] as? Double == 40, "\(reconcile.text)")
            #expect(mismatch?["actual"] as? Double == 30)
            // When a regulator recalls the lot
            let recall = try await client.send(
                .post, "/recalls", key: server.regulator,
                body: #"{"id":"https://id.gs1.org/01/\#(PortalFixtures.bokChoy)/10/QS1207","#
                    + #""reason":"chlorpyrifos above limit"}"#)
            #expect(recall.status == .created)
            let recallID = try #require(try recall.json()["id"] as? String)
            // Then the market sees it among its alerts and acknowledges it with the quantity withdrawn
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: market)
                try await browser.open(base + "/portal?lang=en")
                let home = try await browser.text()
                #expect(home.contains("chlorpyrifos above limit"))
                #expect(home.contains("Quantities differ"))
                PortalFixtures.keep(try await browser.screenshot(), "alerts")
                try await browser.fill("#recalls input[name=withdrawn]", "30")
                try await browser.fill("#recalls input[name=note]", "all pulled from stall 4")
                try await browser.click("#recalls button")
                #expect(try await browser.text().contains("Recall acknowledged"))
            }
            let record = try await client.send(.get, "/recalls/\(recallID)", key: server.regulator)
            let holders = (try record.json()["holders"] as? [[String: Any]]) ?? []
            let acknowledged = holders.compactMap { $0["acknowledgement"] as? [String: Any] }
            #expect(acknowledged.count == 1)
            #expect((acknowledged.first?["note"] as? String)?.contains("withdrawn 30 KGM") == true)
            #expect((acknowledged.first?["note"] as? String)?.contains("stall 4") == true)
        }
    }
}
