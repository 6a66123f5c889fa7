import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import StorageSQLite
import Testing

/// Every console page of hand-written data (ConsoleDocuments: JSON-LD and XML, Chinese master data), in Chinese
/// and in English through a real server: the dashboard's figures, names instead of keys, and the language switch.
@Suite("Console pages of hand-written EPCIS data, in Chinese and English")
struct ConsoleLanguageTests {
    static let chinese = "zh-CN,zh;q=0.9"
    static let english = "en-US,en;q=0.9"

    /// A server holding the formula lot (captured now) and the cans (recorded two days ago).
    static func server(now: Date = Date()) async throws -> TestServer {
        let server = try await TestServer.make()
        let reader = EPCISDocumentReader()
        _ = try await server.store.capture(
            try reader.read(Data(ConsoleDocuments.formulaJSON(now: now).utf8)), context: CaptureContext())
        let twoDaysAgo = EPCISDateTime(now.addingTimeInterval(-2 * 86_400))
        _ = try await server.store.capture(
            try reader.read(Data(ConsoleDocuments.cansXML(now: now).utf8)),
            context: CaptureContext(recordTime: twoDaysAgo))
        return server
    }

    static func get(
        _ client: some TestClientProtocol, _ path: String, cookie: String, language: String
    ) async throws -> TestResponse {
        try await client.send(.get, path, headers: [.cookie: cookie, .acceptLanguage: language])
    }

    /// Text a page shows of a party or place must never be its raw key.
    static func expectNoRawKeys(_ page: String, _ comment: Comment) {
        #expect(!page.contains(">https://id.gs1.org/41"), comment)
        #expect(!page.contains(">urn:epc:id:pgln"), comment)
        #expect(!page.contains(">urn:epc:id:sgln"), comment)
        #expect(!page.contains("{{"), comment)
        #expect(!page.contains("console."), comment)
    }

    @Test("the dashboard counts today's captures, ranks the revoked cold chain first, and names kinds in each language")
    func dashboard() async throws {
        // Given the two hand-written documents, five events captured today and four two days ago
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            // When the dashboard is read in Chinese and in English
            let zh = try await Self.get(client, "/console", cookie: cookie, language: Self.chinese)
            let en = try await Self.get(client, "/console", cookie: cookie, language: Self.english).text
            #expect(zh.headers[.contentLanguage] == "zh-CN")
            #expect(zh.headers[.vary] == "Accept-Language, Cookie")
            let page = zh.text
            // Then the cards count today's events and the fourteen days'
            for text in [page, en] {
                #expect(text.contains(#"<div class="card" id="captured-today"><b>5</b>"#))
                #expect(text.contains(#"<div class="card" id="captured-days"><b>9</b>"#))
                #expect(text.contains(#"<g class="bar" data-total="5">"#))
                #expect(text.contains(#"id="findings-chart""#))
                Self.expectNoRawKeys(text, "dashboard")
            }
            // And the Chinese page names the kinds, the parties and their licences in Chinese
            #expect(page.contains("<h1>监管总览</h1>"))
            #expect(page.contains("<title id=\"captured-chart-title\">每日采集事件，"))
            #expect(page.contains("数量不符"))
            #expect(page.contains("无证主体"))
            let ranked = try #require(page.range(of: #"<ol class="ranked" id="ranked-parties">"#))
            let first = page[ranked.upperBound...].prefix(400)
            #expect(first.contains("杭州鲜达冷链物流</a>"), "\(first)")
            #expect(first.contains("<span class=\"pill bad\">吊销</span></li>"), "\(first)")
            // And the English one in English, with the market named in the only language it has
            #expect(en.contains("<h1>Dashboard</h1>"))
            #expect(en.contains("Quantity mismatch"))
            #expect(en.contains("Unlicensed party"))
            let rankedEN = try #require(en.range(of: #"<ol class="ranked" id="ranked-parties">"#))
            let firstEN = en[rankedEN.upperBound...].prefix(400)
            #expect(firstEN.contains("Hangzhou Xianda Cold Chain</a>"), "\(firstEN)")
            #expect(firstEN.contains("<span class=\"pill bad\">revoked</span></li>"), "\(firstEN)")
            #expect(en.contains("Inner Mongolia Dairy Co."))
            #expect(en.contains(">中文</a>"))
            #expect(page.contains(">English</a>"))
        }
    }

    @Test("a recall and a consumer's report reach the dashboard: the share of holders who acknowledged, the report")
    func recallAndReport() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            // Given a recall of the lot, acknowledged by one of its holders
            let recall = #"{"id":"\#(ConsoleDocuments.lot)","reason":"三聚氰胺 3.1 mg/kg"}"#
            let issued = try await client.send(.post, "/recalls", key: server.regulator, body: recall)
            #expect(issued.status == .created)
            let record = try #require(try await server.store.recalls(limit: 1).first)
            #expect(record.holders.count >= 2)
            let holder = try #require(record.holders.first?.party)
            let partyKey = try await server.partyKey(holder)
            let ack = try await client.send(.post, "/recalls/\(record.id)/ack", key: partyKey, body: #"{"by":"王店长"}"#)
            #expect(ack.status == .ok)
            let acknowledged = try #require(try await server.store.recall(id: record.id)).holders
                .count { $0.acknowledgement != nil }
            // And a consumer's report from the lot's page
            let lot = ConsoleDocuments.lot.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let form = "key=" + lot
                + "&problem=fake&text=%E7%BD%90%E5%BA%95%E6%97%A0%E5%96%B7%E7%A0%81&phone=138+0000+0000&lang=zh-CN"
                + "&back=%2F01%2F06920000000012%2F10%2FL2611"
            let reported = try await client.send(
                .post, "/report", body: form, headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(reported.status == .seeOther)
            // When the dashboard is read in both languages
            let zh = try await Self.get(client, "/console", cookie: cookie, language: Self.chinese).text
            let en = try await Self.get(client, "/console", cookie: cookie, language: Self.english).text
            // Then the open recall shows the share who acknowledged, and the report its product, problem and text
            let percent = acknowledged * 100 / record.holders.count
            #expect(zh.contains("\(record.holders.count)个持有方中\(acknowledged)个已确认（\(percent)%）"))
            #expect(en.contains("\(acknowledged) of \(record.holders.count) holders acknowledged (\(percent) %)"))
            #expect(zh.contains("婴幼儿配方奶粉 900克</a> · <strong>疑似假冒</strong> · 罐底无喷码 · ☎ 138 0000 0000"))
            #expect(en.contains("Infant formula 900 g</a> · <strong>It may be fake</strong> · 罐底无喷码"))
            #expect(zh.contains(
                #"<a class="card" id="reports-week" href="/console/findings?kind=consumerReport"><b>1</b>"#))
            #expect(zh.contains("消费者举报"))
            // And the recall's own page names its holders in each language
            let recallPath = "/console/recalls/\(record.id)"
            let recallZH = try await Self.get(client, recallPath, cookie: cookie, language: Self.chinese).text
            let recallEN = try await Self.get(client, recallPath, cookie: cookie, language: Self.english).text
            #expect(recallZH.contains("王店长"))
            #expect(recallZH.contains("杭州鲜达冷链物流") || recallZH.contains("西湖区惠民超市"))
            #expect(recallEN.contains("Hangzhou Xianda Cold Chain") || recallEN.contains("西湖区惠民超市"))
            #expect(recallEN.contains("id=\"ack-count\">\(acknowledged) of \(record.holders.count)</span>"))
            for page in [zh, en, recallZH, recallEN] { Self.expectNoRawKeys(page, "recall") }
        }
    }

    @Test("every console page reads in Chinese and English, with the switch remembered by a cookie")
    func everyPage() async throws {
        let server = try await Self.server()
        try await server.app.test(.router) { client in
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            let issued = try await client.send(
                .post, "/recalls", key: server.regulator,
                body: #"{"id":"\#(ConsoleDocuments.lot)","reason":"三聚氰胺"}"#)
            #expect(issued.status == .created)
            let lotPage = "/console/trace?id=" + (ConsoleDocuments.lot.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics) ?? "")
            // Given what each page must say in each language
            let pages: [(path: String, zh: [String], en: [String])] = [
                ("/console/recalls", ["<h1>召回</h1>", "三聚氰胺"], ["<h1>Recalls</h1>", "Recalled code"]),
                ("/console/findings", ["<h1>核查发现</h1>", "数量不符", "杭州鲜达冷链物流", "内蒙古乳业有限公司"],
                 ["<h1>Reconciliation findings</h1>", "Quantity mismatch", "Hangzhou Xianda Cold Chain",
                  "Inner Mongolia Dairy Co."]),
                ("/console/findings?kind=clone", ["编码被克隆"], ["Cloned code"]),
                ("/console/parties", ["<h1>主体名录</h1>", "杭州鲜达冷链物流", ">吊销</span>", "西湖区惠民超市"],
                 ["<h1>Party registry</h1>", "Hangzhou Xianda Cold Chain", ">revoked</span>", "西湖区惠民超市"]),
                (lotPage, ["婴幼儿配方奶粉 900克", "结存", "内蒙古乳业有限公司", "发货", "当前持有方", "向后追溯"],
                 ["Infant formula 900 g", "Balances", "Inner Mongolia Dairy Co.", "shipped", "Holders now",
                  "Backward trace"]),
            ]
            for (path, zhTexts, enTexts) in pages {
                // When each is read in each language
                let zh = try await Self.get(client, path, cookie: cookie, language: Self.chinese)
                let en = try await Self.get(client, path, cookie: cookie, language: Self.english)
                #expect(zh.status == .ok, "\(path)")
                #expect(en.status == .ok, "\(path)")
                // Then it is in that language, with the names its data gives
                #expect(zh.text.contains("<html lang=\"zh-CN\">"), "\(path)")
                #expect(en.text.contains("<html lang=\"en\">"), "\(path)")
                for text in zhTexts { #expect(zh.text.contains(text), "\(path) zh: \(text)") }
                for text in enTexts { #expect(en.text.contains(text), "\(path) en: \(text)") }
                Self.expectNoRawKeys(zh.text, "\(path) zh")
                Self.expectNoRawKeys(en.text, "\(path) en")
            }
            // And the switch keeps the code's page and is remembered
            let switched = try await client.send(
                .get, lotPage + "&lang=en", headers: [.cookie: cookie, .acceptLanguage: Self.chinese])
            #expect(switched.text.contains("<html lang=\"en\">"))
            let remembered = try #require(switched.headers[.setCookie])
            #expect(remembered.contains("suyuan_lang=en"))
            let chosen = try await client.send(
                .get, "/console/parties",
                headers: [.cookie: cookie + "; suyuan_lang=en", .acceptLanguage: Self.chinese])
            #expect(chosen.text.contains("<h1>Party registry</h1>"))
            // And the sign-in page and a bad search speak the reader's language too
            let login = try await client.send(.get, "/console/login", headers: [.acceptLanguage: Self.english]).text
            #expect(login.contains("Sign in with a regulator"))
            let refused = try await client.send(
                .post, "/console/login", body: "key=nope",
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: Self.chinese])
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("该密钥不存在"))
            let bad = try await Self.get(client, "/console/search?q=hello", cookie: cookie, language: Self.chinese)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("<h1>查询</h1>"))
            #expect(bad.text.contains("hello"))
            // And a problem is a page in the reader's language whose detail names the place and the rule
            let missing = try await Self.get(client, "/console/recalls/nope", cookie: cookie, language: Self.english)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<html lang=\"en\">"))
            #expect(missing.text.contains("no recall nope"))
            let kind = try await Self.get(client, "/console/findings?kind=spam", cookie: cookie, language: Self.chinese)
            #expect(kind.status == .badRequest)
            #expect(kind.text.contains("<html lang=\"zh-CN\">"))
            #expect(kind.text.contains("kind: spam is not one of"))
            #expect(kind.text.contains(">English</a>"))
        }
    }
}
