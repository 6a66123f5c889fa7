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

/// The party portal driven in headless Chromium: a person signs in, fills a form, checks the preview and saves;
/// the event is then read back through the EPCIS query API.
@Suite("Party portal in headless Chromium", .serialized)
struct PortalBrowserTests {
    /// Signs in with a party's key through the sign-in form.
    static func signIn(_ browser: BrowserSession, port: Int, key: String) async throws {
        try await browser.open("http://127.0.0.1:\(port)/portal/login?lang=en")
        try await browser.fill("#key", key)
        try await browser.click("#sign-in")
        #expect(try await browser.location().hasSuffix("/portal"))
    }

    /// Produces a lot through the production form: fill, check the preview, save.
    static func produce(
        _ browser: BrowserSession, port: Int, gtin: String, lot: String, quantity: String
    ) async throws {
        try await browser.open("http://127.0.0.1:\(port)/portal/record/produce")
        try await browser.fill("#field-product", gtin)
        try await browser.fill("#field-lot", lot)
        try await browser.fill("#field-quantity", quantity)
        try await browser.fill("#field-expiryDate", "2026-12-20")
        try await browser.click("#check")
        #expect(try await browser.dom().contains("id=\"event-json\""))
        try await browser.click("#save")
        #expect(try await browser.location().contains("/portal?saved="))
    }

    @Test("a party signs in with its key, records a harvest with a preview, and the event is in the EPCIS query API")
    func harvest() async throws {
        let (server, coop, _, _) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            let coopKey = try #require(try await server.store.accessKey(
                secretHash: sha256(coop)))
            try await BrowserSession.run { browser in
                // Given the co-operative signed in (Chinese page by the switch)
                try await Self.signIn(browser, port: port, key: coop)
                try await browser.open("http://127.0.0.1:\(port)/portal?lang=zh-CN")
                #expect(try await browser.text().contains("青山蔬菜合作社"))
                PortalFixtures.keep(try await browser.screenshot(), "home-empty")
                // When it fills the harvest form and checks it
                try await browser.open("http://127.0.0.1:\(port)/portal/record/produce?lang=en")
                try await browser.fill("#field-product", PortalFixtures.bokChoy)
                try await browser.fill("#field-lot", "QS1207")
                try await browser.fill("#field-quantity", "40")
                try await browser.fill("#field-expiryDate", "2026-12-20")
                PortalFixtures.keep(try await browser.screenshot(), "form")
                try await browser.click("#check")
                // Then the preview shows the event it will write, and nothing is stored yet
                let preview = try await browser.dom()
                #expect(preview.contains("id=\"event-json\""))
                #expect(preview.contains("https://id.gs1.org/01/\(PortalFixtures.bokChoy)/10/QS1207"))
                #expect(preview.contains("commissioning"))
                PortalFixtures.keep(try await browser.screenshot(), "preview")
                let stored = try await PortalFixtures.events(client, "EQ_bizStep=commissioning", key: server.regulator)
                #expect(stored.isEmpty)
                // When it saves
                try await browser.click("#save")
                // Then its home shows the lot on hand
                let home = try await browser.text()
                #expect(home.contains("Saved"))
                #expect(home.contains("上海青"))
                #expect(home.contains("40 kg"))
                PortalFixtures.keep(try await browser.screenshot(), "home")
            }
            // And the EPCIS query API has the event, with who entered it
            let events = try await PortalFixtures.events(client, "EQ_bizStep=commissioning", key: server.regulator)
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event["action"] as? String == "ADD")
            let place = event["bizLocation"].flatMap { ($0 as? [String: Any])?["id"] as? String }
            #expect(place == PortalFixtures.coopField || place == "https://id.gs1.org/414/6950000000118")
            let quantity = try #require((event["quantityList"] as? [[String: Any]])?.first)
            #expect(quantity["quantity"] as? Double == 40)
            #expect(quantity["uom"] as? String == "KGM")
            #expect(event["suyuan:enteredBy"] as? String == coopKey.id)
            let ilmd = try #require(event["ilmd"] as? [String: Any])
            #expect(ilmd["cbvmda:itemExpirationDate"] as? String == "2026-12-20")
        }
    }

    @Test("a refused form names its fields, keeps what was typed, and stores nothing")
    func refused() async throws {
        let (server, coop, _, _) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            try await BrowserSession.run { browser in
                try await Self.signIn(browser, port: port, key: coop)
                try await browser.open("http://127.0.0.1:\(port)/portal/record/produce")
                try await browser.fill("#field-lot", "QS 12/07")
                try await browser.fill("#field-quantity", "-3")
                try await browser.fill("#field-expiryDate", "2026-01-01")
                try await browser.click("#check")
                let dom = try await browser.dom()
                #expect(dom.contains("id=\"problems\""))
                #expect(dom.contains("data-field=\"quantity\""))
                #expect(dom.contains("data-field=\"lot\""))
                #expect(dom.contains("data-field=\"expiryDate\""))
                #expect(dom.contains("id=\"error-quantity\""))
                #expect(try await browser.text().contains("-3 is not a number above zero"))
                #expect(!dom.contains("id=\"save\""))
                #expect(try await browser.evaluate("document.querySelector('#field-lot').value") == "QS 12/07")
                PortalFixtures.keep(try await browser.screenshot(), "refused")
            }
            #expect(try await PortalFixtures.events(client, "EQ_bizStep=commissioning", key: server.regulator).isEmpty)
            // A post straight to save is checked the same way
            let cookie: HTTPFields = [.cookie: "suyuan_key=\(coop)", .contentType: "application/x-www-form-urlencoded"]
            let saved = try await client.execute(
                uri: "/portal/record/produce", method: .post, headers: cookie,
                body: ByteBuffer(string: "step=save&product=\(PortalFixtures.bokChoy)&lot=L1&quantity=0"
                    + "&unit=KGM&productionDate=2026-12-07&location=\(PortalFixtures.coopField)"))
            #expect(saved.status == .badRequest)
            #expect(try await PortalFixtures.events(client, "EQ_bizStep=commissioning", key: server.regulator).isEmpty)
        }
    }
}

/// SHA-256 hex of a key's secret, as the store keys it.
func sha256(_ secret: String) -> String { MessageAuthentication.sha256Hex(secret) }
