import EPCIS
import Exchange
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

/// `POST /import`, `GET /templates/…`, `GET /exports/…` and `POST /feeds/reads` against a real SQLite store.
@Suite("Spreadsheets in, regulators' records out, reader feeds (HTTP)")
struct ExchangeAPITests {
    /// A farm and a market with one location each, named in Chinese; a cabbage product.
    static let farm = "6901234000016"
    static let market = "6901234000023"
    static let farmParty = "https://id.gs1.org/417/6901234000016"
    static let marketParty = "https://id.gs1.org/417/6901234000023"
    static let cabbage = "06901234100013"

    static let masterData = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-10-01T00:00:00Z",
         "epcisHeader":{"epcisMasterData":{"vocabularyList":[
           {"type":"urn:epcglobal:epcis:vtype:Party","vocabularyElementList":[
             {"id":"\(farmParty)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"寿光绿野合作社"}]},
             {"id":"\(marketParty)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"新发地批发市场"}]}]},
           {"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[
             {"id":"https://id.gs1.org/414/\(farm)","attributes":[
               {"id":"urn:epcglobal:cbv:mda#name","attribute":"寿光绿野合作社"},
               {"id":"https://ns.suyuan.org/mda#owner","attribute":"\(farmParty)"}]},
             {"id":"https://id.gs1.org/414/\(market)","attributes":[
               {"id":"urn:epcglobal:cbv:mda#name","attribute":"新发地批发市场"},
               {"id":"https://ns.suyuan.org/mda#owner","attribute":"\(marketParty)"}]}]},
           {"type":"urn:epcglobal:epcis:vtype:EPCClass","vocabularyElementList":[
             {"id":"https://id.gs1.org/01/\(cabbage)","attributes":[
               {"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":"大白菜"}]}]}
         ]}},
         "epcisBody":{"eventList":[]}}
        """

    static func server() async throws -> TestServer {
        let server = try await TestServer.make()
        _ = try await server.store.capture(
            try EPCISDocumentReader().read(Data(masterData.utf8)), context: CaptureContext())
        return server
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static let harvestChinese = ["日期时间", "时区", "地点GLN", "商品GTIN", "批号", "数量", "单位", "地块"]
    static let shippingEnglish = [
        "date time", "time zone", "location GLN", "GTIN", "lot", "quantity", "unit",
        "ship to GLN", "document type", "document number",
    ]

    static func eventCount(_ server: TestServer) async throws -> Int {
        try await server.store.events(matching: EPCISQuery(), page: PageRequest(size: 10_000)).events.count
    }

    static func upload(
        _ client: some TestClientProtocol, as kind: String, key: String, body: Data,
        type: String = "text/csv"
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(key)"
        headers[.contentType] = type
        return try await client.execute(
            uri: "/import?as=\(kind)", method: .post, headers: headers, body: ByteBuffer(data: body))
    }

    static func entries(_ response: TestResponse) throws -> [String] {
        ((try response.json()["errors"] as? [[String: Any]]) ?? []).map {
            "\($0["pointer"] as? String ?? ""): \($0["detail"] as? String ?? "")"
        }
    }

    @Test("a Chinese-header CSV imports (201); sent again it stores nothing twice (200)")
    func importCSVThenAgain() async throws {
        let server = try await Self.server()
        let file = Self.csv([
            Self.harvestChinese,
            ["2026-10-01 07:00", "+08:00", Self.farm, Self.cabbage, "C2611", "1000", "千克", "东三号地块"],
            ["2026-10-01 07:30", "+08:00", Self.farm, Self.cabbage, "C2612", "250.5", "KGM", "西一号"],
        ])
        try await server.app.test(.router) { client in
            let first = try await Self.upload(client, as: "harvest", key: server.admin, body: Data(file.utf8))
            #expect(first.status == .created)
            let answer = try first.json()
            #expect(answer["rows"] as? Int == 2 && answer["stored"] as? Int == 2)
            #expect((answer["eventIDs"] as? [String])?.count == 2)
            let again = try await Self.upload(client, as: "收获", key: server.admin, body: Data(file.utf8))
            #expect(again.status == .ok)
            let second = try again.json()
            #expect(second["stored"] as? Int == 0 && second["alreadyStored"] as? Int == 2)
        }
        #expect(try await Self.eventCount(server) == 2)
        let events = try await server.store.events(matching: EPCISQuery(), page: PageRequest(size: 10)).events
        #expect(Set(events.compactMap { $0.event.quantityList.first?.quantity }) == [1000, 250.5])
        #expect(events.allSatisfy { $0.event.quantityList.first?.uom == "KGM" })
    }

    @Test("an XLSX with English headers and bad rows is a 400 naming each row, column and rule; nothing is stored")
    func badXLSXRefused() async throws {
        let server = try await Self.server()
        let rows = [
            Self.shippingEnglish,
            [
                "2026-10-01 09:00", "+08:00", Self.farm, Self.cabbage, "C2611", "800", "KGM", Self.market, "desadv",
                "F1",
            ],
            ["2026-10-01 09:00", "+08:00", Self.farm, Self.cabbage, "C2611", "-5", "KGM", Self.market, "", ""],
            ["2026-13-01 09:00", "+08:00", Self.farm, Self.cabbage, "C2611", "5", "KGM", "", "", ""],
        ]
        let xlsx = try ExportWorkbook(sheets: [
            ExportSheet(
                name: "发货", header: rows[0],
                rows: rows.dropFirst().map {
                    $0.map(ExportCell.text)
                })
        ]).xlsx()
        try await server.app.test(.router) { client in
            let response = try await Self.upload(
                client, as: "shipping", key: server.admin, body: xlsx,
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(response.status == .badRequest)
            let entries = try Self.entries(response)
            #expect(entries.count == 3)
            #expect(entries.contains { $0.hasPrefix("row 3, column 数量 / quantity: must be greater than 0") })
            #expect(entries.contains { $0.hasPrefix("row 4, column 日期时间 / date time:") })
            #expect(entries.contains { $0.hasPrefix("row 4, column 收货地点GLN / ship to GLN:") })
            #expect(!entries.contains { $0.hasPrefix("row 2") })
            #expect(try response.json()["detail"] as? String != nil)
        }
        #expect(try await Self.eventCount(server) == 0)
    }

    @Test("requests the import cannot take are 4xx naming the rule")
    func badRequests() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let noKind = try await Self.upload(client, as: "fishing", key: server.admin, body: Data("a,b\r\n".utf8))
            #expect(noKind.status == .badRequest)
            #expect(
                try noKind.json()["detail"] as? String ?? "" == "as=KIND names the template: harvest, shipping, "
                    + "receiving, transformation, treatment, inspection, sale")
            let garbage = try await Self.upload(
                client, as: "harvest", key: server.admin, body: Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]),
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(garbage.status == .badRequest)
            let wrongTemplate = try await Self.upload(
                client, as: "harvest", key: server.admin, body: Data(Self.csv([Self.shippingEnglish]).utf8))
            #expect(wrongTemplate.status == .badRequest)
            #expect(try Self.entries(wrongTemplate).contains { $0.hasPrefix("row 1, column ship to GLN:") })
            let anonymous = try await client.execute(
                uri: "/import?as=harvest", method: .post, headers: [:], body: ByteBuffer(string: "x"))
            #expect(anonymous.status == .unauthorized)
        }
        #expect(try await Self.eventCount(server) == 0)
    }

    @Test("a party key imports at its own places only, as the capture's rule; refused rows are named, none stored")
    func partyImportsOnlyAtItsPlaces() async throws {
        let server = try await Self.server()
        let farmKey = try await server.partyKey(Self.farmParty)
        let own = Self.csv([
            Self.harvestChinese,
            ["2026-10-01 07:00", "+08:00", Self.farm, Self.cabbage, "C2611", "1000", "KGM", ""],
        ])
        let mixed = Self.csv([
            Self.harvestChinese,
            ["2026-10-02 07:00", "+08:00", Self.farm, Self.cabbage, "C2621", "10", "KGM", ""],
            ["2026-10-02 07:00", "+08:00", Self.market, Self.cabbage, "C2622", "10", "KGM", ""],
        ])
        try await server.app.test(.router) { client in
            #expect(try await Self.upload(client, as: "harvest", key: farmKey, body: Data(own.utf8)).status == .created)
            let refused = try await Self.upload(client, as: "harvest", key: farmKey, body: Data(mixed.utf8))
            #expect(refused.status == .forbidden)
            let entries = try Self.entries(refused)
            #expect(entries.count == 1 && entries.first?.hasPrefix("row 3:") == true)
        }
        #expect(try await Self.eventCount(server) == 1)
    }

    @Test("templates download with the header and an example row, as CSV and XLSX; an unknown one is a 404")
    func templates() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let csv = try await client.send(.get, "/templates/inspection.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("suyuan-inspection-template.csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[0].contains("检测项目 / test item") && lines[1].contains("农药残留"))
            let xlsx = try await client.send(.get, "/templates/transformation.xlsx")
            #expect(xlsx.status == .ok)
            #expect(Array(Data(buffer: xlsx.body).prefix(2)) == [0x50, 0x4B])
            // The downloaded template imports as it is: its example rows are a valid record
            let result = try SpreadsheetImporter(kind: .transformation).read(Data(buffer: xlsx.body))
            #expect(result.document.events.first?.type == .transformationEvent)
            #expect(try await client.send(.get, "/templates/fishing.csv").status == .notFound)
            #expect(try await client.send(.get, "/templates/harvest.ods").status == .notFound)
        }
    }

    @Test("reader and scale lines: repeats within the window are dropped, bad lines named, reads stored once")
    func feedReads() async throws {
        let server = try await Self.server()
        let feed = """
            # gate reader 1
            3074257BF7194E4000001A85,\(Self.market),2026-11-20T08:30:00+08:00
            3074257BF7194E4000001A85,\(Self.market),2026-11-20T08:30:05+08:00
            https://id.gs1.org/01/\(Self.cabbage)/10/C2611,\(Self.market),2026-11-20T08:31:00+08:00,12.5,kg
            not-an-epc,\(Self.market),2026-11-20T08:32:00+08:00
            """
        try await server.app.test(.router) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(server.admin)"
            headers[.contentType] = "text/plain"
            let first = try await client.execute(
                uri: "/feeds/reads?window=60", method: .post, headers: headers, body: ByteBuffer(string: feed))
            #expect(first.status == .ok)
            let answer = try first.json()
            #expect(answer["lines"] as? Int == 4 && answer["repeats"] as? Int == 1 && answer["stored"] as? Int == 2)
            let rejected = try #require(answer["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["line"] as? Int } == [5])
            // The same reads a few seconds later are still repeats of the window
            let later = try await client.execute(
                uri: "/feeds/reads", method: .post, headers: headers,
                body: ByteBuffer(string: "3074257BF7194E4000001A85,\(Self.market),2026-11-20T08:30:40+08:00\n"))
            let repeated = try later.json()
            #expect(repeated["repeats"] as? Int == 1 && repeated["stored"] as? Int == 0)
            // Nothing readable at all is a 400 naming the lines
            let none = try await client.execute(
                uri: "/feeds/reads", method: .post, headers: headers, body: ByteBuffer(string: "zz,yy,xx\n"))
            #expect(none.status == .badRequest)
            #expect(try Self.entries(none).first?.hasPrefix("line 1:") == true)
        }
        let events = try await server.store.events(matching: EPCISQuery(), page: PageRequest(size: 10)).events
        #expect(events.count == 2)
        #expect(events.contains { $0.event.epcList.map(\.text) == ["urn:epc:id:sgtin:0614141.812345.6789"] })
        #expect(events.contains { $0.event.quantityList.first?.quantity == 12.5 })
    }

    @Test("exports download as CSV and XLSX; the FSMA header has the template's column names; bad asks are 4xx")
    func exports() async throws {
        let server = try await Self.server()
        let harvest = Self.csv([
            Self.harvestChinese,
            ["2026-10-01 07:00", "+08:00", Self.farm, Self.cabbage, "C2611", "1000", "KGM", "东三号地块"],
        ])
        let shipping = Self.csv([
            Self.shippingEnglish,
            [
                "2026-10-01 09:00", "+08:00", Self.farm, Self.cabbage, "C2611", "800", "KGM", Self.market, "desadv",
                "FH-001",
            ],
        ])
        let lot = "https://id.gs1.org/01/\(Self.cabbage)/10/C2611"
        try await server.app.test(.router) { client in
            _ = try await Self.upload(client, as: "harvest", key: server.admin, body: Data(harvest.utf8))
            _ = try await Self.upload(client, as: "shipping", key: server.admin, body: Data(shipping.utf8))
            let csv = try await client.send(.get, "/exports/fsma204?lot=\(lot)", key: server.regulator)
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("\u{FEFF}Event ID,Critical Tracking Event (CTE),Traceability Lot Code (TLC)"))
            #expect(lines[1].contains(",Harvesting,(01)06901234100013(10)C2611,") && lines[1].contains("大白菜"))
            #expect(lines[2].contains(",Shipping,") && lines[2].contains("新发地批发市场"))
            let xlsx = try await client.send(
                .get, "/exports/gbt38156?party=\(Self.farmParty)&from=2026-10-01&to=2026-11-01&format=xlsx",
                key: server.regulator)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(try await client.send(.get, "/exports/eu178?lot=\(lot)", key: server.regulator).status == .ok)
            // A party exports its own records only
            let farmKey = try await server.partyKey(Self.farmParty)
            let marketKey = try await server.partyKey(Self.marketParty)
            let own = try await client.send(.get, "/exports/fsma204?party=\(Self.farmParty)", key: farmKey)
            #expect(own.status == .ok)
            let other = try await client.send(.get, "/exports/fsma204?party=\(Self.farmParty)", key: marketKey)
            #expect(other.status == .forbidden)
            // Bad asks
            #expect(try await client.send(.get, "/exports/haccp?lot=\(lot)", key: server.regulator).status == .notFound)
            let date = try await client.send(.get, "/exports/fsma204?lot=\(lot)&from=yesterday", key: server.regulator)
            #expect(date.status == .badRequest)
            #expect(
                try date.json()["detail"] as? String == "from=yesterday is not a date or a date and time with offset")
            let format = try await client.send(.get, "/exports/fsma204?lot=\(lot)&format=pdf", key: server.regulator)
            #expect(format.status == .badRequest)
            #expect(try await client.send(.get, "/exports/eu178", key: server.regulator).status == .badRequest)
            let none = try await client.send(
                .get, "/exports/fsma204?lot=https://id.gs1.org/01/\(Self.cabbage)/10/NONE", key: server.regulator)
            #expect(none.status == .notFound)
        }
    }
}
