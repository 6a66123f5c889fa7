import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import StorageSQLite
import Testing

/// Consumer pages of documents written by hand (HandWrittenDocuments), in both languages: names from whatever the
/// master data offers, times in each event's own zone, test results from any event of the chain, the sale check of
/// serialised drugs, and never a raw URL.
@Suite("Consumer pages of hand-written EPCIS data, in Chinese and English")
struct ConsumerPageDataTests {
    static let chinese: HTTPFields = [.acceptLanguage: "zh-CN,zh;q=0.9"]
    static let english: HTTPFields = [.acceptLanguage: "en-US,en;q=0.9"]

    static func server(_ documents: String...) async throws -> TestServer {
        let server = try await TestServer.make()
        for text in documents {
            let document = try EPCISDocumentReader().read(Data(text.utf8))
            _ = try await server.store.capture(document, context: CaptureContext())
        }
        return server
    }

    @Test("a cut of pork names its product in the reader's language and shows the carcass's inspection report")
    func porkLoin() async throws {
        // Given the pork chain in JSON-LD
        let server = try await Self.server(HandWrittenDocuments.porkJSON)
        try await server.app.test(.router) { client in
            // When the loin's page is read in Chinese, then in English
            let zh = try await client.send(.get, HandWrittenDocuments.loinPath, headers: Self.chinese)
            let en = try await client.send(.get, HandWrittenDocuments.loinPath, headers: Self.english).text
            // Then the Chinese page is Chinese throughout
            #expect(zh.headers[.contentLanguage] == "zh-CN")
            let page = zh.text
            #expect(page.contains("<html lang=\"zh-CN\">"))
            #expect(page.contains("<h1 id=\"product\">冷鲜猪里脊</h1>"))
            #expect(page.contains("这是该产品第1次查询"))
            for step in ["生产", "检验 · 合格", "加工", "发货", "收货"] { #expect(page.contains(step), "\(step)") }
            #expect(page.contains("2026年3月1日 12:00（北京时间）"))
            #expect(page.contains("金华屠宰场，金华"))
            #expect(page.contains("杭州农贸市场"))
            #expect(page.contains("主体码 GLN 6901234000092"))
            #expect(page.contains(HandWrittenDocuments.reportURL))
            #expect(page.contains("出具机构：金华屠宰场"))
            #expect(page.contains("GB 2707-2016"))
            #expect(page.contains("出具机构：浙江省食品检验研究院"))
            #expect(page.contains("温度</strong><span class=\"value\">：2–4 °C"))
            #expect(page.contains("2026-03-08"))
            #expect(page.contains(">English</a>"))
            // And the English page is English, with the market named in the only language it has
            #expect(en.contains("<h1 id=\"product\">Pork loin, chilled</h1>"))
            #expect(en.contains("This is look-up number 2 of this code"))
            for step in ["produced", "inspected · conformant", "made from inputs", "shipped", "received"] {
                #expect(en.contains(step), "\(step)")
            }
            #expect(en.contains("2026-03-01 12:00 China time"))
            #expect(en.contains("Jinhua Slaughterhouse, Jinhua"))
            #expect(en.contains("杭州农贸市场"))
            #expect(en.contains("GLN 6901234000092"))
            #expect(en.contains("By Jinhua Slaughterhouse"))
            #expect(en.contains("Temperature</strong><span class=\"value\">: 2–4 °C"))
            #expect(en.contains(">中文</a>"))
            // And neither shows a raw GS1 URL of a party or place
            for text in [page, en] {
                #expect(!text.contains("https://id.gs1.org/41"))
                #expect(!text.contains("urn:epc:id"))
            }
        }
    }

    @Test("the carcass lot's page names product, maker and origin from EPCClass master data in both languages")
    func carcass() async throws {
        let server = try await Self.server(HandWrittenDocuments.porkJSON)
        try await server.app.test(.router) { client in
            let zh = try await client.send(.get, HandWrittenDocuments.carcassPath, headers: Self.chinese).text
            let en = try await client.send(.get, HandWrittenDocuments.carcassPath, headers: Self.english).text
            #expect(zh.contains("<h1 id=\"product\">冷鲜猪胴体</h1>"))
            #expect(zh.contains("<dt>生产企业</dt><dd>金华肉联厂</dd>"))
            #expect(zh.contains("<dt>产地</dt><dd>中国"))
            #expect(zh.contains("<dt>生产日期</dt><dd>2026年3月1日</dd>"))
            #expect(en.contains("<h1 id=\"product\">Pork carcass, chilled</h1>"))
            #expect(en.contains("<dt>Manufacturer</dt><dd>Jinhua Meat Packers</dd>"))
            #expect(en.contains("<dt>Origin</dt><dd>China"))
            #expect(en.contains("Open the report"))
        }
    }

    @Test("sparse data: no master data, a New York time zone, readable keys, a product titled by its GTIN")
    func sparse() async throws {
        let server = try await Self.server(HandWrittenDocuments.sparseJSON)
        try await server.app.test(.router) { client in
            let zh = try await client.send(.get, "/01/06901234000047/21/77", headers: Self.chinese).text
            let en = try await client.send(.get, "/01/06901234000047/21/77", headers: Self.english).text
            #expect(zh.contains("<h1 id=\"product\">商品 GTIN 06901234000047</h1>"))
            #expect(zh.contains("2026年4月1日 09:00（UTC-5）"))
            #expect(zh.contains("位置码 GLN 6901234000078"))
            #expect(zh.contains("data-outcome=\"none\""))
            #expect(en.contains("<h1 id=\"product\">Product GTIN 06901234000047</h1>"))
            #expect(en.contains("2026-04-01 09:00 UTC-5"))
            #expect(en.contains("GLN 6901234000078"))
            #expect(!en.contains("https://id.gs1.org/414"))
        }
    }

    @Test("the NHSA sale check of drug packs: none, once (and elsewhere when not yours), not received, sold twice")
    func saleCheck() async throws {
        // Given the drug packs in XML
        let server = try await Self.server(HandWrittenDocuments.drugXML)
        try await server.app.test(.router) { client in
            func page(_ serial: Int, _ query: String = "", _ headers: HTTPFields = Self.english) async throws
                -> String
            {
                try await client.send(.get, "/01/06901234000030/21/\(serial)\(query)", headers: headers).text
            }
            // When each pack is looked up
            let none = try await page(1)
            let once = try await page(2)
            let onceZH = try await page(2, "", Self.chinese)
            let other = try await page(2, "?sale=other")
            let mine = try await page(2, "?sale=mine")
            let notReceived = try await page(3)
            let twice = try await page(4)
            let twiceZH = try await page(4, "", Self.chinese)
            // Then
            #expect(none.contains("<h1 id=\"product\">Amoxicillin capsules 0.25 g</h1>"))
            #expect(onceZH.contains("<h1 id=\"product\">阿莫西林胶囊</h1>"))
            #expect(none.contains("data-outcome=\"none\""))
            #expect(once.contains("data-outcome=\"once\""))
            #expect(once.contains("Sold once: sold on 2026-05-03 10:15 China time at Renxin Pharmacy."))
            #expect(once.contains("href=\"?sale=other&amp;lang=en\""))
            #expect(onceZH.contains("已销售一次：2026年5月3日 10:15（北京时间）于仁心大药房销售。"))
            #expect(other.contains("data-outcome=\"elsewhere\""))
            #expect(other.contains("not to you"))
            #expect(mine.contains("Sold once, to you"))
            #expect(notReceived.contains("data-outcome=\"elsewhere\""))
            #expect(notReceived.contains("at Kangjian Pharmacy, which never received it"))
            #expect(twice.contains("data-outcome=\"many\""))
            #expect(twice.contains("This code was sold 2 times"))
            #expect(twiceZH.contains("此编码已被销售2次"))
            #expect(!twice.contains("id=\"verified\""))
            // And the maker's batch release certificate, from the XML certificationInfo, is on every pack's page
            for text in [none, onceZH] { #expect(text.contains("href=\"\(HandWrittenDocuments.batchRelease)\"")) }
            #expect(onceZH.contains("检验 · 2026年5月1日"))
            #expect(none.contains("inspected · 2026-05-01"))
        }
    }

    @Test("the language switch sets a cookie that later pages follow over Accept-Language; the home page too")
    func languageSwitch() async throws {
        let server = try await Self.server(HandWrittenDocuments.sparseJSON)
        try await server.app.test(.router) { client in
            // Given a Chinese reader who switches to English
            let switched = try await client.send(.get, "/01/06901234000047/21/77?lang=en", headers: Self.chinese)
            #expect(switched.headers[.contentLanguage] == "en")
            let cookie = try #require(switched.headers[.setCookie])
            #expect(cookie.contains("suyuan_lang=en"))
            // When the next page comes with the cookie and a Chinese Accept-Language
            var headers = Self.chinese
            headers[.cookie] = "suyuan_lang=en"
            let next = try await client.send(.get, "/01/06901234000047/21/77", headers: headers)
            // Then it is English, and it offers the switch back
            #expect(next.headers[.contentLanguage] == "en")
            #expect(next.text.contains("href=\"?lang=zh-CN\" hreflang=\"zh-CN\" lang=\"zh-CN\">中文</a>"))
            // And the home page follows the same choice, and speaks Chinese to a browser that names no language
            let home = try await client.send(.get, "/", headers: [.accept: "text/html", .cookie: "suyuan_lang=en"])
            #expect(home.text.contains("Where does it come from?"))
            let homeZH = try await client.send(.get, "/", headers: [.accept: "text/html"])
            #expect(homeZH.text.contains("它从哪里来？"))
        }
    }

    @Test("a consumer's report is stored and reaches regulators as a consumerReport finding; a bad one is refused")
    func report() async throws {
        let server = try await Self.server(HandWrittenDocuments.drugXML)
        try await server.app.test(.router) { client in
            // Given a reader of pack 3's page
            let page = try await client.send(.get, "/01/06901234000030/21/3", headers: Self.chinese).text
            #expect(page.contains("<form method=\"post\" action=\"/report\">"))
            // When they report it
            let form = "key=https%3A%2F%2Fid.gs1.org%2F01%2F06901234000030%2F21%2F3"
                + "&back=%2F01%2F06901234000030%2F21%2F3"
                + "&lang=zh-CN&problem=fake&text=%E7%9B%92%E5%AD%90%E8%A2%AB%E6%8B%86%E8%BF%87&phone=13800000000"
            let sent = try await client.send(
                .post, "/report", body: form, headers: [.contentType: "application/x-www-form-urlencoded"])
            // Then they are sent back to the page, which thanks them
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            #expect(location == "/01/06901234000030/21/3?reported=1&lang=zh-CN#report")
            let thanked = try await client.send(.get, String(location.prefix { $0 != "#" })).text
            #expect(thanked.contains("id=\"report-thanks\""))
            // And the regulator finds it among the findings, with what was said
            let findings = try await client.send(.get, "/reconcile?kind=consumerReport", key: server.regulator).json()
            let list = try #require(findings["findings"] as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["identifier"] as? String == "https://id.gs1.org/01/06901234000030/21/3")
            #expect((list.first?["note"] as? String)?.contains("盒子被拆过") == true)
            #expect((list.first?["note"] as? String)?.contains("13800000000") == true)
            let console = try await client.send(.get, "/console/findings?kind=consumerReport", key: server.regulator)
            #expect(console.text.contains("盒子被拆过"))
            // And a report of an unknown kind is refused
            let bad = try await client.send(
                .post, "/report", body: "key=x&problem=spam&text=hi",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(bad.status == .badRequest)
        }
    }
}
