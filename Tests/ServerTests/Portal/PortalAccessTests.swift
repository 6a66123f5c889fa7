import TestSupport
import BrowserTesting
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

/// Signing in with a one-time link, what a key may open, and label sheets whose QR Codes an independent decoder
/// (Debian's zbarimg) reads back as the lots' Digital Links.
@Suite("Party portal: one-time links, access, labels", .serialized)
struct PortalAccessTests {
    @Test("an operator's one-time link signs a phone in once; it is no API key and a second use is refused")
    func oneTimeLink() async throws {
        let (server, _, _, _) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            // A link for an unknown party is refused, naming the field
            let unknown = try await client.send(
                .post, "/portal/links", key: server.admin, body: #"{"party":"urn:epc:id:pgln:6950000.00099"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("/party"))
            // A party or regulator key cannot issue links
            let byRegulator = try await client.send(
                .post, "/portal/links", key: server.regulator, body: #"{"party":"\#(PortalFixtures.market)"}"#)
            #expect(byRegulator.status == .forbidden)
            let openapi = try await client.send(.get, "/openapi.json").json()
            #expect((openapi["paths"] as? [String: Any])?["/portal/links"] != nil)
            // Given a link issued by the admin for the market
            let issued = try await client.send(
                .post, "/portal/links", key: server.admin,
                body: #"{"party":"\#(PortalFixtures.market)","note":"Ms Wang, stall 4"}"#)
            #expect(issued.status == .created)
            let answer = try issued.json()
            let url = try #require(answer["url"] as? String)
            #expect((answer["qrSVG"] as? String)?.hasPrefix("<svg") == true)
            let token = String(url.split(separator: "/").last ?? "")
            let path = "/portal/link/\(token)"
            // It is not an API key
            #expect(try await client.send(.get, "/events", key: token).status == .unauthorized)
            try await BrowserSession.run { browser in
                // When it is opened (a GET spends nothing) and confirmed
                try await browser.open("http://127.0.0.1:\(port)\(path)?lang=en")
                #expect(try await browser.text().contains("East Gate Market"))
                try await browser.open("http://127.0.0.1:\(port)\(path)?lang=en")
                PortalFixtures.keep(try await browser.screenshot(), "link")
                try await browser.click("#redeem")
                // Then the phone is signed in as the market
                #expect(try await browser.location().hasSuffix("/portal"))
                #expect(try await browser.text().contains("East Gate Market"))
                // And the link is spent
                try await browser.open("http://127.0.0.1:\(port)\(path)?lang=en")
                #expect(try await browser.text().contains("already used"))
            }
            let keys = try await server.store.accessKeys()
            #expect(keys.contains { $0.label?.hasPrefix("portal-link") == true && !$0.isActive })
            #expect(keys.contains { $0.label?.hasPrefix("portal-session") == true && $0.isActive })
        }
    }

    @Test("the portal opens only for a party key, each party sees only its own portal")
    func access() async throws {
        let (server, coop, market, _) = try await PortalFixtures.server()
        try await server.app.test(.router) { client in
            // No key, or a regulator's: to the sign-in page
            #expect(try await client.send(.get, "/portal").status == .seeOther)
            let regulator = try await client.execute(
                uri: "/portal", method: .get, headers: [.cookie: "suyuan_key=\(server.regulator)"])
            #expect(regulator.status == .seeOther)
            // A regulator's key does not sign in to the portal
            let login = try await client.execute(
                uri: "/portal/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "key=\(server.regulator)"))
            #expect(login.status == .unauthorized)
            // Each party's page names itself and not the other
            let coopPage = try await client.execute(
                uri: "/portal?lang=en", method: .get, headers: [.cookie: "suyuan_key=\(coop)"])
            #expect(coopPage.text.contains("青山蔬菜合作社"))
            #expect(!coopPage.text.contains("id=\"party\">East Gate Market"))
            let marketPage = try await client.execute(
                uri: "/portal?lang=zh-CN", method: .get, headers: [.cookie: "suyuan_key=\(market)"])
            #expect(marketPage.text.contains("id=\"party\">East Gate Market"))
            #expect(marketPage.text.contains("我的库存"))
            // A form at another party's place is refused, naming the field
            let elsewhere = try await client.execute(
                uri: "/portal/record/produce", method: .post,
                headers: [.cookie: "suyuan_key=\(market)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "step=preview&product=\(PortalFixtures.bokChoy)&lot=L1&quantity=5&unit=KGM"
                    + "&productionDate=2026-12-07&location=\(PortalFixtures.coopField)"))
            #expect(elsewhere.status == .badRequest)
            #expect(elsewhere.text.contains("data-field=\"location\""))
        }
    }

    @Test("a label sheet for a lot and one for serials decode, with zbarimg, to the Digital Links")
    func labels() async throws {
        let (server, coop, _, _) = try await PortalFixtures.server()
        try await server.app.test(.live) { client in
            let port = try #require(client.port)
            try await BrowserSession.run { browser in
                try await PortalBrowserTests.signIn(browser, port: port, key: coop)
                try await PortalBrowserTests.produce(
                    browser, port: port, gtin: PortalFixtures.bokChoy, lot: "QS1207", quantity: "40")
                try await browser.open("http://127.0.0.1:\(port)/portal/labels?lang=en")
                PortalFixtures.keep(try await browser.screenshot(), "labels")
            }
            let cookie: HTTPFields = [.cookie: "suyuan_key=\(coop)"]
            let lot = "https://id.gs1.org/01/\(PortalFixtures.bokChoy)/10/QS1207"
            let lotSheet = try await client.execute(
                uri: "/portal/labels.svg?count=24&lot="
                    + (lot.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                method: .get, headers: cookie)
            #expect(lotSheet.status == .ok)
            #expect(lotSheet.headers[.contentType] == "image/svg+xml")
            #expect(lotSheet.text.contains("width=\"210mm\" height=\"297mm\""))
            let lotCodes = try await Self.decode(lotSheet.text)
            #expect(lotCodes.count == 24)
            #expect(Set(lotCodes) == [lot])
            let serialSheet = try await client.execute(
                uri: "/portal/labels.svg?gtin=\(PortalFixtures.pickles)&lot=P7&from=1001&count=24", method: .get,
                headers: cookie)
            let serialCodes = try await Self.decode(serialSheet.text)
            #expect(Set(serialCodes) == Set((1001...1024).map {
                "https://id.gs1.org/01/\(PortalFixtures.pickles)/10/P7/21/\($0)"
            }))
            // The PDF of 30 serials holds two pages; Ghostscript draws them and zbarimg reads all 30
            let pdf = try await client.execute(
                uri: "/portal/labels.pdf?gtin=\(PortalFixtures.pickles)&from=7&count=30", method: .get, headers: cookie)
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            let pdfCodes = try await Self.decodePDF(Data(buffer: pdf.body))
            let expected = (7...36).map { "https://id.gs1.org/01/\(PortalFixtures.pickles)/21/\($0)" }
            #expect(pdfCodes.sorted() == expected.sorted())
            // A lot the party does not hold is refused
            let foreign = try await client.execute(
                uri: "/portal/labels.svg?lot=https%3A%2F%2Fid.gs1.org%2F01%2F\(PortalFixtures.bokChoy)%2F10%2FX",
                method: .get, headers: cookie)
            #expect(foreign.status == .badRequest)
        }
    }

    /// Draws every page of a PDF at 200 dpi with Ghostscript and reads every QR Code with zbarimg.
    static func decodePDF(_ pdf: Data) async throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try pdf.write(to: folder.appendingPathComponent("sheet.pdf"))
        let gs = try #require(
            ["/usr/bin/gs", "/usr/local/bin/gs"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "Ghostscript is missing; scripts/lib.sh ensure_oracles installs it")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gs)
        process.arguments = [
            "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", "-r200",
            "-sOutputFile=\(folder.path)/page-%d.png", folder.appendingPathComponent("sheet.pdf").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var codes: [String] = []
        for page in 1...2 {
            codes += try zbarimg(folder.appendingPathComponent("page-\(page).png"))
        }
        return codes
    }

    /// Every QR Code zbarimg reads in an image.
    static func zbarimg(_ image: URL) throws -> [String] { try ZBar.codes(in: image) }

    /// Draws the sheet at 200 dpi in Chromium and reads every QR Code with zbarimg.
    static func decode(_ svg: String) async throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(svg.utf8).write(to: folder.appendingPathComponent("sheet.svg"))
        let html = #"<html><body style="margin:0"><img src="sheet.svg" "#
            + #"style="width:1654px;height:2339px;display:block"></body></html>"#
        try Data(html.utf8).write(to: folder.appendingPathComponent("sheet.html"))
        let png = try await offThePool {
            try Chromium.located().screenshot(
                folder.appendingPathComponent("sheet.html").absoluteString, width: 1654, height: 2339)
        }
        let image = folder.appendingPathComponent("sheet.png")
        try png.write(to: image)
        return try zbarimg(image)
    }
}

/// `suyuan portal link`: the operator's command line issues the same one-time links.
@Suite("suyuan portal link")
struct PortalLinkCommandTests {
    @Test("prints a link on the given base URL, writes its QR Code, and keeps only the link key's hash")
    func link() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.sqlite").path
        // The party must be in the registry's master data
        do {
            let store = try SQLiteEventStore(path: path)
            let document = try EPCISDocumentReader().read(Data(PortalFixtures.masterData.utf8))
            _ = try await store.capture(document, context: CaptureContext())
        }
        let unknown = Process()
        unknown.executableURL = ServeCommandTests.binary
        unknown.arguments = ["portal", "link", "--party", "6950000000996", "--store", "sqlite:" + path]
        unknown.standardOutput = FileHandle.nullDevice
        unknown.standardError = FileHandle.nullDevice
        try unknown.run()
        unknown.waitUntilExit()
        #expect(unknown.terminationStatus == 1)
        let qr = folder.appendingPathComponent("link.svg")
        let process = Process()
        process.executableURL = ServeCommandTests.binary
        process.arguments = [
            "portal", "link", "--party", "6950000000200", "--note", "王女士 stall 4", "--base-url",
            "https://suyuan.example.cn/", "--qr", qr.path, "--store", "sqlite:" + path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let url = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(url.hasPrefix("https://suyuan.example.cn/portal/link/sy_"))
        #expect(String(decoding: try Data(contentsOf: qr), as: UTF8.self).hasPrefix("<svg"))
        let store = try SQLiteEventStore(path: path)
        let keys = try await store.accessKeys()
        #expect(keys.count == 1)
        #expect(keys.first?.party == "https://id.gs1.org/417/6950000000200")
        #expect(keys.first?.label?.contains("王女士 stall 4") == true)
        #expect(keys.first?.secretHash == sha256(String(url.split(separator: "/").last ?? "")))
    }
}
