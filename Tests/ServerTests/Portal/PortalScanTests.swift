import TestSupport
import BrowserTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Storage
import StorageSQLite
import Testing
import Web

/// Receiving by scanning: a photo of the delivery note's QR Code, chosen in the receive page's file input, is read on
/// the server (zbarimg) and opens the receipt form of the shipment it names.
@Suite("Party portal: receiving by scanning", .serialized)
struct PortalScanTests {
    @Test("a photo of a delivery note's QR Code opens its shipment; a photo without a code is refused by name")
    func scan() async throws {
        let (server, coop, market, _) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            // Given a shipment from the co-operative to the market, captured through the API (XML this time)
            let note = "urn:epcglobal:cbv:bt:6950000000101:DN-0042"
            let xml = """
                <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
                  creationDate="2026-12-07T08:00:00+08:00">
                <EPCISBody><EventList><ObjectEvent><eventTime>2026-12-07T08:00:00+08:00</eventTime>
                <eventTimeZoneOffset>+08:00</eventTimeZoneOffset><epcList/><action>OBSERVE</action>
                <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
                <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
                <bizLocation><id>\(PortalFixtures.coopField)</id></bizLocation>
                <bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:desadv">\(note)</bizTransaction>
                </bizTransactionList>
                <extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:6950000.000001.QS1207</epcClass>
                <quantity>12</quantity><uom>KGM</uom></quantityElement></quantityList>
                <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">\(PortalFixtures.coop)</source>
                </sourceList>
                <destinationList>
                <destination type="urn:epcglobal:cbv:sdt:owning_party">\(PortalFixtures.market)</destination>
                </destinationList>
                </extension></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>
                """
            let captured = try await client.send(
                .post, "/events", key: coop, body: xml, headers: [.contentType: "application/xml"])
            #expect(captured.status == .created, "\(captured.text)")
            // And a photo of its QR Code (drawn by the browser, as a phone's camera would see a printed note)
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("suyuan-scan-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let svg = folder.appendingPathComponent("note.svg")
            try Data(try QRCode(note).svg(moduleSize: 8).utf8).write(to: svg)
            let photo = folder.appendingPathComponent("photo.png")
            try await offThePool { try Chromium.located().screenshot(svg.absoluteString, width: 420, height: 420) }
                .write(to: photo)
            let blank = folder.appendingPathComponent("blank.png")
            let page = folder.appendingPathComponent("blank.html")
            try Data("<html><body style='background:#fff'></body></html>".utf8).write(to: page)
            try await offThePool { try Chromium.located().screenshot(page.absoluteString, width: 200, height: 200) }
                .write(to: blank)
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: market)
                try await browser.open("http://127.0.0.1:\(port)/portal/receive?lang=en")
                #expect(try await browser.dom().contains("capture=\"environment\""))
                // When a photo without a code is sent, the page says so
                try await browser.setFile("#photo", blank.path)
                try await browser.click("#scan")
                #expect(try await browser.text().contains("No code could be read from the photo"))
                // When the note's photo is sent
                try await browser.setFile("#photo", photo.path)
                try await browser.click("#scan")
                // Then the receipt form of that shipment opens
                #expect(try await browser.location().contains("/portal/receive/shipment?id="))
                #expect(try await browser.text().contains("12 kg"))
            }
        }
    }
}
