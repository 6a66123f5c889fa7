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

/// The processing, sale, destruction and farm-input forms driven in headless Chromium, each read back through the
/// EPCIS query API.
@Suite("Party portal: processing, sale, destruction, farm inputs", .serialized)
struct PortalFormsTests {
    @Test("processing shows its mass balance, refuses more out than in; sale, destruction, a farm input are stored")
    func forms() async throws {
        let (server, coop, _, _) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let base = "http://127.0.0.1:\(port)"
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: coop)
                try await PortalBrowserTests.produce(
                    browser, port: port, gtin: PortalFixtures.bokChoy, lot: "QS1207", quantity: "40")
                // Processing 40 kg into 45 kg is refused on the field that is wrong
                try await browser.open(base + "/portal/record/process?lang=en")
                try await browser.fillLabelled("QS1207", "40")
                try await browser.fill("#field-outputProduct", PortalFixtures.pickles)
                try await browser.fill("#field-outputLot", "PG01")
                try await browser.fill("#field-outputQuantity", "45")
                try await browser.click("#check")
                #expect(try await browser.dom().contains("data-field=\"outputQuantity\""))
                #expect(try await browser.text().contains("processing cannot make more mass than it uses"))
                // 40 kg into 35 kg shows the balance before saving
                try await browser.fill("#field-outputQuantity", "35")
                try await browser.click("#check")
                let preview = try await browser.text()
                #expect(preview.contains("Mass balance: 40 kg in → 35 kg out (87.5 %)"))
                PortalFixtures.keep(try await browser.screenshot(), "process")
                try await browser.click("#save")
                // Sale of 5 kg of the pickles
                try await browser.open(base + "/portal/record/sell?lang=en")
                try await browser.fillLabelled("PG01", "5")
                try await browser.click("#check")
                try await browser.click("#save")
                // Destruction of 2 kg with a reason; more than on hand is refused first
                try await browser.open(base + "/portal/record/destroy?lang=en")
                try await browser.fill("#field-reason", "发霉 mould")
                try await browser.fillLabelled("PG01", "99")
                try await browser.click("#check")
                #expect(try await browser.text().contains("more than you have (30 kg)"))
                try await browser.fillLabelled("PG01", "2")
                try await browser.click("#check")
                try await browser.click("#save")
                // A pesticide sprayed on the field
                try await browser.open(base + "/portal/record/input?lang=zh-CN")
                try await browser.fill("#field-inputKind", "pesticide")
                try await browser.fill("#field-inputProduct", PortalFixtures.pesticide)
                try await browser.fill("#field-inputLot", "PX-2026-11")
                try await browser.fill("#field-quantity", "1.5")
                try await browser.fill("#field-unit", "LTR")
                try await browser.click("#check")
                #expect(try await browser.text().contains("农药"))
                PortalFixtures.keep(try await browser.screenshot(), "input")
                try await browser.click("#save")
                #expect(try await browser.location().contains("saved="))
                // The stock shows the pickles made, less what was sold and destroyed; the harvest is used up
                let home = try await browser.text()
                #expect(home.contains("28 千克"))
                #expect(!home.contains("QS1207"))
            }
            let key = server.regulator
            let transformations = try await PortalFixtures.events(client, "eventType=TransformationEvent", key: key)
            #expect(transformations.count == 1)
            let transformation = try #require(transformations.first)
            #expect((transformation["inputQuantityList"] as? [[String: Any]])?.first?["quantity"] as? Double == 40)
            #expect((transformation["outputQuantityList"] as? [[String: Any]])?.first?["epcClass"] as? String
                == "https://id.gs1.org/01/\(PortalFixtures.pickles)/10/PG01")
            let sales = try await PortalFixtures.events(client, "EQ_bizStep=retail_selling", key: key)
            #expect((sales.first?["quantityList"] as? [[String: Any]])?.first?["quantity"] as? Double == 5)
            #expect(sales.first?["disposition"] as? String == "retail_sold")
            let destroyed = try await PortalFixtures.events(client, "EQ_bizStep=destroying", key: key)
            #expect(destroyed.count == 1)
            #expect(destroyed.first?["action"] as? String == "DELETE")
            #expect(destroyed.first?["suyuan:reason"] as? String == "发霉 mould")
            let inputs = try await PortalFixtures.events(
                client, "EQ_bizStep=https%3A%2F%2Fns.suyuan.org%2Fcbv%2Fbizstep%2Fapplying_input", key: key)
            #expect(inputs.count == 1)
            let used = try #require((inputs.first?["quantityList"] as? [[String: Any]])?.first)
            #expect(used["epcClass"] as? String == "https://id.gs1.org/01/\(PortalFixtures.pesticide)/10/PX-2026-11")
            #expect(used["quantity"] as? Double == 1.5)
            #expect(used["uom"] as? String == "LTR")
            let farmInput = try #require(inputs.first?["suyuan:farmInput"] as? [String: Any])
            #expect(farmInput["suyuan:kind"] as? String == "pesticide")
            // The projection's balance: 35 made, 2 destroyed (a sale moves no custody, so the portal takes it off)
            let balances = try await server.store.lotBalances("https://id.gs1.org/01/\(PortalFixtures.pickles)/10/PG01")
            #expect(balances.reduce(0) { $0 + $1.onHand } == 33)
        }
    }
}
