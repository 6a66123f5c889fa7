import EPCIS
import Foundation
import Testing
import Web

@Suite("Page templates, catalogs, languages, local times and readable keys")
struct PageTemplateTests {
    let renderer = PageRenderer.shared

    @Test("the Chinese and English catalogs hold the same messages, every CBV step and disposition among them")
    func catalogsAgree() {
        let chinese = renderer.catalog(.zhCN)
        let english = renderer.catalog(.en)
        #expect(chinese.paths == english.paths)
        for term in CBVVocabulary.bizStep.standardTerms {
            #expect(chinese.message("bizStep.\(term)") != nil, "bizStep.\(term)")
        }
        for term in CBVVocabulary.disposition.standardTerms {
            #expect(chinese.message("disposition.\(term)") != nil, "disposition.\(term)")
        }
        #expect(chinese.text("bizStep.killing") == "屠宰")
        #expect(chinese.text("bizStep.retail_selling") == "销售")
        #expect(chinese.text("disposition.recalled") == "召回")
        #expect(english.format("scans.count", ["count": "3"]) == "This is look-up number 3 of this code")
        #expect(chinese.format("scans.count", ["count": "3"]) == "这是该产品第3次查询")
    }

    @Test("a catalog kept in several files joins their groups and refuses a group defined twice")
    func catalogParts() throws {
        let base = Data(#"{"scans": {"count": "第{count}次"}}"#.utf8)
        let area = Data(#"{"portal": {"title": "我的门户"}}"#.utf8)
        let joined = try MessageCatalog(parts: [("zh-CN.json", base), ("portal.zh-CN.json", area)], language: .zhCN)
        #expect(joined.paths == ["portal.title", "scans.count"])
        #expect(joined.text("portal.title") == "我的门户")
        let clash = Data(#"{"scans": {"other": "x"}}"#.utf8)
        #expect(throws: CatalogError.self) {
            try MessageCatalog(parts: [("zh-CN.json", base), ("more.zh-CN.json", clash)], language: .zhCN)
        }
    }

    @Test(
        "Accept-Language, the cookie and ?lang= choose the page language",
        arguments: [
            (nil, nil, nil, PageLanguage.zhCN), (nil, nil, "en-US,en;q=0.9", .en), (nil, nil, "fr-FR", .en),
            (nil, nil, "fr;q=1, zh-TW;q=0.5", .zhCN), (nil, nil, "en;q=0.2, zh;q=0.8", .zhCN), (nil, nil, "*", .zhCN),
            (nil, "en", "zh-CN", .en), ("zh-CN", "en", "en", .zhCN), ("xx", "en", "zh", .en),
        ] as [(String?, String?, String?, PageLanguage)])
    func negotiation(query: String?, cookie: String?, header: String?, expected: PageLanguage) {
        #expect(PageLanguage.negotiate(query: query, cookie: cookie, acceptLanguage: header) == expected)
    }

    @Test("times are written in their own offset, named in the reader's language")
    func localTimes() {
        let instant = Date(timeIntervalSince1970: 1_772_337_600)  // 2026-03-01T04:00:00Z
        let china = LocalTime(instant, offset: "+08:00")
        let newYork = LocalTime(instant, offset: "-05:00")
        let india = LocalTime(instant, offset: "+05:30")
        #expect(china.minute(renderer.catalog(.zhCN)) == "2026年3月1日 12:00（北京时间）")
        #expect(china.minute(renderer.catalog(.en)) == "2026-03-01 12:00 China time")
        #expect(newYork.minute(renderer.catalog(.en)) == "2026-02-28 23:00 UTC-5")
        #expect(india.minute(renderer.catalog(.en)) == "2026-03-01 09:30 UTC+5:30")
        #expect(china.isoText == "2026-03-01T12:00+08:00")
        #expect(LocalTime(instant, offset: "Z").minute(renderer.catalog(.en)) == "2026-03-01 04:00 UTC")
    }

    @Test("GS1 keys are shown readable, never as raw URLs")
    func readableKeys() {
        let chinese = renderer.catalog(.zhCN)
        let english = renderer.catalog(.en)
        #expect(ReadableKey.text("https://id.gs1.org/417/6901234000017", catalog: english) == "GLN 6901234000017")
        #expect(ReadableKey.text("https://id.gs1.org/414/6901234000017/254/2", catalog: english)
            == "GLN 6901234000017 · ext. 2")
        #expect(ReadableKey.text("https://id.gs1.org/01/06901234000016/10/L1", catalog: chinese)
            == "商品条码 GTIN 06901234000016 · 批号 L1")
        #expect(ReadableKey.text("https://example.com/parties/7", catalog: english) == "example.com · 7")
    }

    @Test("master data is read in the reader's language, else untagged, else any")
    func localizedText() {
        let both = LocalizedText(values: [
            .languageTagged("冷鲜猪胴体", language: "zh-Hans-CN"), .languageTagged("Pork carcass", language: "en-GB"),
        ])
        #expect(both.text(in: .zhCN) == "冷鲜猪胴体")
        #expect(both.text(in: .en) == "Pork carcass")
        let chineseOnly = LocalizedText(values: [.languageTagged("杭州农贸市场", language: "zh")])
        #expect(chineseOnly.text(in: .en) == "杭州农贸市场")
        let mixed = LocalizedText(values: [.languageTagged("Loin", language: "fr"), .string("Filet")])
        #expect(mixed.text(in: .en) == "Filet")
    }

    @Test("every page renders in both languages with every message found and no template text left")
    func pagesRender() {
        var story = ConsumerStory(key: "https://id.gs1.org/01/06901234000016/21/5")
        story.gtin = "06901234000016"
        story.serial = "5"
        story.journey = [ConsumerStory.Step(
            time: LocalTime(Date(timeIntervalSince1970: 1_772_337_600), offsetMinutes: 480), type: .objectEvent,
            bizStep: "commissioning", disposition: nil, party: nil,
            place: ConsumerStory.Name(LocalizedText(), key: "https://id.gs1.org/414/6901234000017"))]
        var result = ConsumerStory.TestResult(subject: "melamine", value: "0.1")
        result.uom = "NA"
        story.results = [result]
        for language in PageLanguage.allCases {
            var context = ConsumerPageModel.Context(path: "/01/06901234000016/21/5", linksetURL: "/l", qrURL: "/q")
            context.reported = true
            let pages = [
                renderer.render(ConsumerPageModel(
                    story: story, recalls: [.init(id: "R1", reason: "<melamine>", issuedAt: Date())], context: context,
                    language: language)),
                renderer.render(HomePageModel(language: language)),
                renderer.render(ScanLineModel(count: 2, first: Date(), offsetMinutes: 480, language: language)),
            ]
            for page in pages {
                #expect(!page.isEmpty)
                #expect(!page.contains("{{"))
                for prefix in ["consumer.", "report.", "home.", "scans.", "brand.", "format.", "bizStep.", "keys."] {
                    #expect(!page.contains(prefix), "\(language): a missing message \(prefix)…")
                }
            }
            #expect(pages[0].contains("&lt;melamine&gt;"))
            #expect(pages[0].contains("<html lang=\"\(language.rawValue)\">"))
        }
    }

    @Test("results that read the same are listed once")
    func sameResultsOnce() {
        var story = ConsumerStory(key: "https://id.gs1.org/01/06901234000016/10/L1")
        var first = ConsumerStory.TestResult(subject: "bulk tank temperature", value: "4")
        first.time = LocalTime(Date(timeIntervalSince1970: 1_772_337_600), offsetMinutes: 480)
        var second = first
        second.time = LocalTime(Date(timeIntervalSince1970: 1_772_341_200), offsetMinutes: 480)
        story.results = [first, second]
        let page = renderer.render(ConsumerPageModel(
            story: story, recalls: [], context: .init(path: "/", linksetURL: "/l", qrURL: "/q"), language: .en))
        #expect(page.components(separatedBy: "bulk tank temperature").count == 2)
    }

    @Test("a message's placeholders are filled in one pass: values are not searched again, unknown names stay")
    func placeholdersFillInOnePass() throws {
        // Given a hand-written catalog in Chinese with placeholders side by side, an unknown one and a stray brace
        let json = Data(#"""
            {"scans":{"count":"这是该产品第{count}次查询{first}","odd":"{a}{b}{missing} {a} {b"},
             "format":{"day":"{year}年{month}月{day}日"}}
            """#.utf8)
        let catalog = try MessageCatalog(json: json, language: .zhCN)
        // Then each placeholder gets its value, a value that looks like a placeholder is kept as it is
        #expect(catalog.format("scans.count", ["count": "3", "first": "（首次：{day}）"]) == "这是该产品第3次查询（首次：{day}）")
        #expect(catalog.format("format.day", ["year": "2026", "month": "3", "day": "1"]) == "2026年3月1日")
        #expect(catalog.format("scans.odd", ["a": "甲", "b": "}乙{"]) == "甲}乙{{missing} 甲 {b")
        #expect(catalog.format("scans.count", [:]) == "这是该产品第{count}次查询{first}")
        #expect(catalog.format("no.such.path", ["x": "y"]) == "no.such.path")
    }

    @Test("a scan line filled into its template's frame is the line the template engine renders, in every shape")
    func scanLineFrameMatchesTheEngine() {
        let renderer = PageRenderer.shared
        let first = Date(timeIntervalSince1970: 1_772_323_200)
        for language in PageLanguage.allCases {
            // Lines of the catalog: the first scan, a later one with the day of the first, a large count
            for (count, day) in [(1, first), (2, first), (12_345, first), (3, nil)] as [(Int, Date?)] {
                let line = ScanLineModel(count: count, first: day, offsetMinutes: 480, language: language)
                #expect(line.html == renderer.render(line), "\(language) \(count)")
            }
            // Texts that need escaping, Chinese, and a marker-like control character
            for (text, extra) in [("<b>\"第1次\"</b> & 'x'", "（首次：2026年3月1日）"), ("plain", nil), ("a\u{1}b", "&")]
                as [(String, String?)]
            {
                let line = ScanLineModel(language: language, text: text, first: extra)
                #expect(line.html == renderer.render(line), "\(language) \(text)")
            }
        }
        #expect(ScanLineModel(language: .en, text: "<b>", first: nil).html.contains("&lt;b&gt;"))
    }
}
