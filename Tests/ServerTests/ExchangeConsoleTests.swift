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

/// The console's spreadsheet page: the form as the page writes it, posted as a browser posts it.
@Suite("Console: spreadsheet upload, templates and record downloads")
struct ExchangeConsoleTests {
    /// What a browser reads from the upload form: where it posts, how, and the names of its fields.
    struct UploadForm {
        var action: String
        var enctype: String
        var kindField: String
        var kinds: [String]
        var fileField: String

        init(_ html: String) throws {
            let form = try #require(Self.first(#"<form id="upload"[^>]*>.*?</form>"#, in: html))
            action = try #require(Self.first(#"(?<=action=")[^"]+"#, in: form))
            enctype = try #require(Self.first(#"(?<=enctype=")[^"]+"#, in: form))
            kindField = try #require(Self.first(#"(?<=<select name=")[^"]+"#, in: form))
            kinds = Self.all(#"(?<=<option value=")[^"]+"#, in: form)
            fileField = try #require(Self.first(#"(?<=<input type="file" name=")[^"]+"#, in: form))
        }

        static func first(_ pattern: String, in text: String) -> String? {
            all(pattern, in: text).first
        }

        static func all(_ pattern: String, in text: String) -> [String] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
                return []
            }
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range, in: text).map { String(text[$0]) }
            }
        }

        /// The body a browser sends for the form: the kind, then the file.
        func body(kind: String, filename: String, file: Data, boundary: String) -> Data {
            var body = Data()
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(kindField)\"\r\n\r\n\(kind)\r\n".utf8)
            body += Data(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; "
                    + "filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n").utf8)
            body += file
            body += Data("\r\n--\(boundary)--\r\n".utf8)
            return body
        }
    }

    static func post(
        _ client: some TestClientProtocol, _ form: UploadForm, cookie: String, kind: String, name: String, file: Data,
        lang: String = "en"
    ) async throws -> TestResponse {
        let boundary = "----suyuanFormBoundary7MA4YWxkTrZu0gW"
        #expect(form.enctype == "multipart/form-data")
        return try await client.execute(
            uri: form.action + "?lang=\(lang)", method: .post,
            headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(data: form.body(kind: kind, filename: name, file: file, boundary: boundary)))
    }

    @Test("a regulator uploads a harvest sheet from the page's form; a bad sheet shows each row, column and rule")
    func uploadFromTheForm() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            #expect(try await client.send(.get, "/console/import").headers[.location] == "/console/login")
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            // The page, in Chinese: the form, the templates with their example rows and download links
            let page = try await client.send(.get, "/console/import?lang=zh-CN", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>表格导入</h1>"))
            #expect(page.text.contains("href=\"/templates/harvest.xlsx\"") && page.text.contains("东三号地块"))
            #expect(page.text.contains("<th>检测项目 / test item</th>"))
            let form = try UploadForm(page.text)
            #expect(form.action == "/console/import")
            #expect(form.kinds.starts(with: ["harvest", "shipping", "receiving", "transformation"]))
            // A good file, as the browser sends it
            let good = Data(
                """
                日期时间,时区,地点GLN,商品GTIN,批号,数量,单位
                2026-10-01 07:00,+08:00,6901234000016,06901234100013,C2611,1000,KGM
                2026-10-01 07:10,+08:00,6901234000016,06901234100013,C2612,900,KGM

                """.utf8)
            let stored = try await Self.post(client, form, cookie: cookie, kind: "harvest", name: "收获.csv", file: good)
            #expect(stored.status == .created)
            #expect(stored.text.contains("收获.csv: 2 rows → 2 events, 2 stored now, 0 already stored."))
            #expect(stored.text.contains("class=\"banner stored\""))
            let again = try await Self.post(client, form, cookie: cookie, kind: "harvest", name: "收获.csv", file: good)
            #expect(again.status == .ok && again.text.contains("0 stored now, 2 already stored."))
            // A bad one: the page lists each problem, nothing is stored
            let bad = Data(
                """
                date time,time zone,location GLN,GTIN,lot,quantity,unit,ship to GLN
                2026-10-01 09:00,+08:00,6901234000016,06901234100013,C2611,-1,KGM,6901234000023
                2026-10-01 09:00,+08:00,6901234000016,06901234100014,C2611,5,KGM,

                """.utf8)
            let refused = try await Self.post(
                client, form, cookie: cookie, kind: "shipping", name: "ship.csv", file: bad)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("class=\"banner refused\""))
            #expect(refused.text.contains("ship.csv was not imported and nothing of it was stored: 3 problem(s)."))
            #expect(refused.text.contains("<td>row 2, column 数量 / quantity</td><td>must be greater than 0"))
            #expect(refused.text.contains("<td>row 3, column 商品GTIN / GTIN</td>"))
            #expect(refused.text.contains("<td>row 3, column 收货地点GLN / ship to GLN</td>"))
            #expect(refused.text.contains("<option value=\"shipping\" selected>"))
            // A form without a file names the field
            let empty = try await Self.post(client, form, cookie: cookie, kind: "sale", name: "", file: Data())
            #expect(empty.status == .badRequest && empty.text.contains("file: choose a CSV or XLSX file"))
        }
        let events = try await server.store.events(matching: EPCISQuery(), page: PageRequest(size: 10)).events
        #expect(events.count == 2)
    }

    @Test("the export form and the lot, recall and party pages link the regulators' records")
    func downloads() async throws {
        let server = try await TestServer.make()
        try await server.registerParties()
        _ = try await server.store.capture(
            try EPCISDocumentReader().read(Data(TestServer.document(serial: 1, at: TestServer.farm).utf8)),
            context: CaptureContext())
        try await server.app.test(.router) { client in
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            let export = try await client.send(
                .get, "/console/export?kind=gbt38156&lot=&party=\(TestServer.farmParty)&from=2026-03-01&to=&format=csv",
                headers: [.cookie: cookie])
            #expect(export.status == .seeOther)
            let location = try #require(export.headers[.location])
            #expect(location == "/exports/gbt38156?party=urn:epc:id:pgln:0614141.00888&from=2026-03-01&format=csv")
            let records = try await client.send(.get, location, headers: [.cookie: cookie])
            #expect(records.status == .ok)
            #expect(records.text.contains("交易主体名称 / party name"))
            let unknown = try await client.send(.get, "/console/export?kind=haccp", headers: [.cookie: cookie])
            #expect(unknown.status == .badRequest)

            let lot = try await client.send(
                .get, "/console/trace?id=urn:epc:id:sgtin:0614141.107346.1", headers: [.cookie: cookie])
            #expect(lot.text.contains("data-export=\"fsma204-xlsx\""))
            #expect(lot.text.contains("data-export=\"dscsa-csv\""))
            let registry = try await client.send(.get, "/console/parties", headers: [.cookie: cookie])
            #expect(
                registry.text.contains(
                    "/exports/gbt38156?party=https%3A%2F%2Fid.gs1.org%2F417%2F0614141008889&amp;format=xlsx"))
            let recall = try await client.send(
                .post, "/console/recalls", body: "id=urn:epc:id:sgtin:0614141.107346.1&reason=test",
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"])
            let recallPage = try await client.send(
                .get, try #require(recall.headers[.location]), headers: [.cookie: cookie])
            #expect(recallPage.text.contains("data-export=\"eu178-xlsx\""))
            // The lot page's link gives the FSMA sheet of the lot
            let href = try #require(UploadForm.first(#"(?<=data-export="fsma204-csv" href=")[^"]+"#, in: lot.text))
            let sheet = try await client.send(
                .get, href.replacingOccurrences(of: "&amp;", with: "&"), headers: [.cookie: cookie])
            #expect(sheet.status == .ok)
            #expect(sheet.text.hasPrefix("\u{FEFF}Event ID,Critical Tracking Event (CTE)"))
        }
    }
}
