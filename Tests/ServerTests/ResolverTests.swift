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

@Suite("GS1 Digital Link resolver and consumer pages")
struct ResolverTests {
    let english: HTTPFields = [.acceptLanguage: "en"]

    /// A page without its scan line (the only part that changes from one scan to the next).
    static func withoutScanLine(_ page: String) -> String {
        guard let start = page.range(of: #"<p class="scans" id="scans">"#),
            let end = page.range(of: "</p>", range: start.upperBound..<page.endIndex)
        else { return page }
        return String(page[..<start.lowerBound] + page[end.upperBound...])
    }

    @Test("a can's Digital Link shows the product, the journey and the scan count, counting each scan")
    func consumerPage() async throws {
        let demo = try await DemoServer.make()
        let path = try DemoServer.path(demo.can)
        try await demo.server.app.test(.router) { client in
            let first = try await client.send(.get, path, headers: [.accept: "text/html", .acceptLanguage: "en"])
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "text/html; charset=utf-8")
            let page = first.text
            #expect(page.contains("Infant formula"))
            #expect(page.contains("id=\"journey\""))
            #expect(page.contains("Milk Powder Factory"))
            #expect(page.contains("This is look-up number 1 of this code</p>"))
            #expect(page.contains("melamine mg per kg"))
            #expect(first.headers[HTTPField.Name("Link")!]?.contains("rel=\"linkset\"") == true)
            let second = try await client.send(.get, path, headers: english).text
            #expect(second.contains("This is look-up number 2 of this code (first on "))
            // And the page is whole around its scan line (cached pieces + the line of this scan)
            #expect(second.hasPrefix("<!DOCTYPE html>"))
            #expect(second.hasSuffix("</html>"))
            #expect(second.components(separatedBy: "id=\"scans\"").count == 2)
            #expect(Self.withoutScanLine(second) == Self.withoutScanLine(page))
        }
    }

    @Test("after the powder lot is recalled, the can's page carries the red RECALLED banner with the reason")
    func recalledBanner() async throws {
        let demo = try await DemoServer.make()
        let path = try DemoServer.path(demo.can)
        try await demo.server.app.test(.router) { client in
            #expect(!(try await client.send(.get, path, headers: english).text.contains("RECALLED")))
            let body = #"{"id":"\#(demo.powderLot)","reason":"melamine 3.1 mg/kg"}"#
            let recall = try await client.send(.post, "/recalls", key: demo.server.regulator, body: body)
            #expect(recall.status == .created)
            let page = try await client.send(.get, path, headers: english).text
            #expect(page.contains("id=\"recall\""))
            #expect(page.contains("melamine 3.1 mg/kg"))
            let status = try await client.send(.get, path + "?linkType=gs1:recallStatus").json()
            #expect(status["recalled"] as? Bool == true)
        }
    }

    @Test("an item dispensed twice gets the sold-twice warning on its page; an item dispensed once the sold-once note")
    func cloneWarning() async throws {
        // Given item 7 dispensed at the farm and at the plant, and item 8 dispensed once
        let server = try await TestServer.make()
        for (serial, place, step, action) in [
            (7, TestServer.farm, "commissioning", "ADD"), (7, TestServer.farm, "dispensing", "OBSERVE"),
            (7, TestServer.plant, "dispensing", "OBSERVE"),
            (8, TestServer.farm, "commissioning", "ADD"), (8, TestServer.farm, "dispensing", "OBSERVE"),
        ] {
            _ = try await server.store.capture(
                try EPCISDocumentReaderShim.read(TestServer.document(serial: serial, at: place, step: step, action: action)),
                context: .init())
        }
        try await server.app.test(.router) { client in
            // When both pages are scanned
            let twice = try await client.send(.get, "/01/10614141073464/21/7", headers: english).text
            let once = try await client.send(.get, "/01/10614141073464/21/8", headers: english).text
            // Then only the first warns of a copy, and both say the item was dispensed
            #expect(twice.contains("data-outcome=\"many\""))
            #expect(twice.contains("This code was sold 2 times"))
            #expect(!once.contains("sold or seen in two places at once"))
            #expect(once.contains("data-outcome=\"once\""))
            #expect(once.contains("Sold once: dispensed on "))
        }
    }

    @Test("a cached page is served while its successor is computed once a capture has made it old")
    func staleWhileRevalidate() async throws {
        var configuration = ServerConfiguration(port: 0)
        configuration.consumerCacheLifetime = .milliseconds(300)
        let server = try await TestServer.make(configuration: configuration)
        let path = "/01/10614141073464/21/2026"
        try await server.app.test(.router) { client in
            // Given the page of a code nobody has recorded, cached
            let unknown = try await client.send(.get, path, headers: english).text
            #expect(unknown.contains("UNKNOWN CODE"))
            // When the code is commissioned through the API
            let event = #"{"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00Z","eventTimeZoneOffset":"+00:00","#
                + #""epcList":["urn:epc:id:sgtin:0614141.107346.2026"],"action":"ADD","bizStep":"commissioning"}"#
            #expect(try await client.send(.post, "/events", key: server.admin, body: event).status == .created)
            // Then the next scan still gets the cached page (fresh, or stale while its successor is computed)
            #expect(try await client.send(.get, path, headers: english).text.contains("UNKNOWN CODE"))
            // And soon after, the page shows the recorded code
            #expect(try await eventually {
                !(try await client.send(.get, path, headers: english).text.contains("UNKNOWN CODE"))
            })
        }
    }

    @Test("Accept: application/linkset+json answers an RFC 9264 linkset with GS1 link types")
    func linkset() async throws {
        let demo = try await DemoServer.make()
        let path = try DemoServer.path(demo.can)
        try await demo.server.app.test(.router) { client in
            let response = try await client.send(.get, path, headers: [.accept: "application/linkset+json"])
            #expect(response.headers[.contentType] == "application/linkset+json")
            let linkset = try #require(try response.json()["linkset"] as? [[String: Any]])
            let entry = try #require(linkset.first)
            #expect((entry["anchor"] as? String)?.hasSuffix(path) == true)
            for type in ["pip", "epcis", "traceability", "recallStatus"] {
                #expect(entry["https://gs1.org/voc/\(type)"] != nil)
            }
            let redirect = try await client.send(.get, path + "?linkType=gs1:epcis")
            #expect(redirect.status == .temporaryRedirect)
            #expect(redirect.headers[.location]?.hasPrefix("/events?MATCH_anyEPC=") == true)
        }
    }

    @Test("an unknown serial gets the UNKNOWN CODE banner; a bad check digit is a 404 problem naming the rule")
    func unknownAndInvalid() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let unknown = try await client.send(.get, "/01/09506000134352/21/999", headers: english)
            #expect(unknown.status == .ok)
            #expect(unknown.text.contains("UNKNOWN CODE"))
            let invalid = try await client.send(.get, "/01/09506000134353/21/999")
            #expect(invalid.status == .notFound)
            #expect(invalid.text.contains("check digit should be 2"))
        }
    }

    @Test("/qr/{path}.svg draws the canonical Digital Link as an SVG QR code")
    func qrCode() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let response = try await client.send(.get, "/qr/01/09506000134352/10/ABC.svg")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml")
            #expect(response.text.contains("<svg"))
            #expect(response.text.contains("/01/09506000134352/10/ABC"))
            let missing = try await client.send(.get, "/qr/01/09506000134352.png")
            #expect(missing.status == .notFound)
        }
    }
}
