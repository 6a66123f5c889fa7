import Foundation
import Testing
import TraceEngine
import Web

/// The console's view models and charts, with facts written by hand: every page renders in both languages with
/// every message found, names in the reader's language, kinds from the catalog (or readable without a message),
/// and the dashboard's figures counted per day and week of China time.
@Suite("Console pages, charts and dashboard figures")
struct ConsolePageTests {
    let renderer = PageRenderer.shared
    /// 2026-03-10T12:00:00+08:00.
    static let now = Date(timeIntervalSince1970: 1_773_115_200)
    static let dairy = ConsoleFacts.Party(
        key: "https://id.gs1.org/417/6920000000014",
        name: ConsumerStory.Name(Self.text(zh: "内蒙古乳业", en: "Inner Mongolia Dairy"), key: nil))
    static let coldChain = ConsoleFacts.Party(
        key: "https://id.gs1.org/417/6920000000021", name: ConsumerStory.Name(LocalizedText(), key: nil))

    static func text(zh: String, en: String) -> LocalizedText {
        var text = LocalizedText()
        text.add(zh, language: "zh-CN")
        text.add(en, language: "en")
        return text
    }

    static func finding(_ kind: String, daysAgo: Double, from: ConsoleFacts.Party? = nil) -> ConsoleFacts.Finding {
        var finding = ConsoleFacts.Finding(
            kind: kind, identifier: "https://id.gs1.org/01/06920000000012/10/L1",
            key: "https://id.gs1.org/01/06920000000012/10/L1", events: ["ni:///sha-256;abc"],
            at: now.addingTimeInterval(-daysAgo * 86_400))
        finding.from = from
        finding.to = coldChain
        return finding
    }

    static var facts: ConsoleDashboardModel.Facts {
        var facts = ConsoleDashboardModel.Facts(
            now: now, reconciledEvents: 42, reconciledAt: now, elapsedMilliseconds: 12, kinds: [
                "quantityMismatch", "notReceived", "unlicensedParty", "consumerReport",
            ])
        let today = ConsoleText.day(of: now)
        facts.captured = [today: 12, today - 1: 3, today - 13: 6, today - 14: 100]
        facts.findings = [
            finding("quantityMismatch", daysAgo: 0.1, from: dairy), finding("quantityMismatch", daysAgo: 1),
            finding("notReceived", daysAgo: 8, from: dairy), finding("farmInputMisuse", daysAgo: 2),
            finding("quantityMismatch", daysAgo: 200),
        ]
        facts.registry = [ConsoleFacts.RegistryParty(
            id: "urn:epc:id:pgln:6920000.00002", key: coldChain.key,
            name: ConsumerStory.Name(Self.text(zh: "鲜达冷链", en: "Xianda Cold Chain"), key: coldChain.key), role: nil,
            licenceNumber: nil, licenceStatus: "revoked", blacklisted: false)]
        var holder = ConsoleFacts.Holder(
            party: ConsumerStory.Name(Self.text(zh: "惠民超市", en: "Huimin Market"), key: nil),
            location: ConsumerStory.Name(LocalizedText(), key: "https://id.gs1.org/414/6920000000038"),
            identifier: "urn:epc:class:lgtin:6920000.000001.L1", quantity: 90, uom: "EA")
        let pending = holder
        holder.acknowledgedBy = "王店长"
        holder.acknowledgedAt = now
        facts.recalls = [ConsoleFacts.Recall(
            id: "R-1", root: "urn:epc:class:lgtin:6920000.000001.L1",
            rootKey: "https://id.gs1.org/01/06920000000012/10/L1",
            reason: "三聚氰胺 <3.1 mg/kg>", initiatedBy: "regulator", issuedAt: now, identifiers: 3, parties: 2, events: 5,
            truncated: false, origin: nil, holders: [holder, pending, pending])]
        facts.reports = [ConsoleFacts.Report(
            key: "https://id.gs1.org/01/06920000000012/10/L1",
            product: ConsumerStory.Name(Self.text(zh: "婴幼儿配方奶粉", en: "Infant formula"), key: nil), problem: "fake",
            text: "罐底无喷码", phone: "138 0000 0000", at: now.addingTimeInterval(-3_600))]
        return facts
    }

    @Test("the dashboard counts captures per China day, findings per week and kind, and ranks parties by findings")
    func figures() throws {
        // Given the hand-written facts, when the dashboard is drawn in each language
        for language in PageLanguage.allCases {
            let page = renderer.render(ConsoleDashboardModel(Self.facts, language: language, user: "王监管"))
            // Then nothing is left of the templates and every message is found
            #expect(!page.contains("{{"))
            #expect(!page.contains("console."), "\(language): a missing message")
            #expect(page.contains("<html lang=\"\(language.rawValue)\">"))
            // And today's 12 captures are a card, and 21 = 12 + 3 + 6 in the 14 days (the 100 of day 15 are outside)
            #expect(page.contains(#"<div class="card" id="captured-today"><b>12</b>"#))
            #expect(page.contains(#"<div class="card" id="captured-days"><b>21</b>"#))
            // And the capture chart has 14 bars, today's drawn 12 high, with an accessible title
            #expect(page.components(separatedBy: "<g class=\"bar\"").count - 1 == 14 + 12)
            #expect(page.contains(#"<g class="bar" data-total="12">"#))
            #expect(page.contains(#"role="img" aria-labelledby="captured-chart-title""#))
            // And the findings chart stacks the kinds of the last 12 weeks; the 200-day-old one is left out and said
            #expect(page.contains(#"<g class="bar" data-total="3">"#))
            #expect(page.contains(#"id="findings-earlier""#))
            // And the party with most findings comes first, with its revoked licence
            #expect(page.contains("&lt;3.1 mg/kg&gt;"))
            if language == .zhCN {
                #expect(page.contains("数量不符"))
                #expect(page.contains("Farm input misuse"))
                #expect(page.contains("鲜达冷链</a>"))
                #expect(page.contains("5项发现 <span class=\"pill bad\">吊销</span>"))
                #expect(page.contains("2项发现 <span class=\"pill wait\">未登记</span>"))
                #expect(page.contains("内蒙古乳业</a>"))
                #expect(page.contains("3个持有方中1个已确认（33%）"))
                #expect(page.contains("疑似假冒"))
                #expect(page.contains("罐底无喷码"))
                #expect(page.contains(">English</a>"))
            } else {
                #expect(page.contains("Quantity mismatch"))
                #expect(page.contains("Farm input misuse"))
                #expect(page.contains("Xianda Cold Chain</a>"))
                #expect(page.contains("findings: 5 <span class=\"pill bad\">revoked</span>"))
                #expect(page.contains("Inner Mongolia Dairy</a>"))
                #expect(page.contains("1 of 3 holders acknowledged (33 %)"))
                #expect(page.contains("It may be fake"))
                #expect(page.contains(">中文</a>"))
            }
            #expect(!page.contains("https://id.gs1.org/417"))
            #expect(page.components(separatedBy: "<li><a href=\"/console/findings?party=").count - 1 == 2)
        }
    }

    @Test("a finding kind without a message is named from its raw value; kinds with one from the catalog")
    func kindLabels() {
        #expect(ConsoleText.kind("quantityMismatch", renderer.catalog(.zhCN)) == "数量不符")
        #expect(ConsoleText.kind("quantityMismatch", renderer.catalog(.en)) == "Quantity mismatch")
        #expect(ConsoleText.kind("farmInputMisuse", renderer.catalog(.zhCN)) == "Farm input misuse")
        #expect(ConsoleText.readable("x") == "X")
        for kind in FindingKind.allCases {
            for language in PageLanguage.allCases {
                #expect(renderer.catalog(language).message("console.findingKinds.\(kind.rawValue)") != nil,
                        "\(language): \(kind.rawValue)")
            }
        }
    }

    @Test("a chart's bars are as high as their values on a scale of whole quarters, each with a title")
    func chart() throws {
        let svg = ConsoleChartSVG.render(id: "c", title: "Events <per day>", bars: [
            .init(label: "3/1", segments: [.init(value: 3, color: "#1565c0", title: "3/1: 3")]),
            .init(label: "3/2", segments: [
                .init(value: 6, color: "#1565c0", title: "a"), .init(value: 0, color: "#c62828", title: "none"),
            ]),
        ])
        // Then the scale tops at 8 (6 rounded up to whole quarters), and the bars are 3/8 and 6/8 of 180 high
        #expect(svg.contains(#"<title id="c-title">Events &lt;per day&gt;</title>"#))
        #expect(svg.contains(#">8</text>"#))
        #expect(svg.contains(#"height="67.5""#))
        #expect(svg.contains(#"height="135.0""#))
        #expect(!svg.contains("none"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2)
    }

    @Test("every other console page renders in both languages with its names and no message missing")
    func pages() async throws {
        let facts = Self.facts
        let trace = try await TraceScenarios.slaughter()
        var identifier = ConsoleIdentifierModel.Facts(
            key: "https://id.gs1.org/01/06920000000012/10/L1", root: trace.root, back: trace, forward: trace)
        identifier.balances = [ConsoleIdentifierModel.Balance(
            party: Self.dairy.name, figures: [0, 100, 0, 100, 0, 0], uom: "EA")]
        identifier.holders = facts.recalls[0].holders
        identifier.events = [ConsoleIdentifierModel.Event(
            time: LocalTime(Self.now, offsetMinutes: 480), type: "ObjectEvent", bizStep: "shipping",
            disposition: "in_transit", place: Self.dairy.name, id: "ni:///sha-256;abc")]
        for language in PageLanguage.allCases {
            let catalog = renderer.catalog(language)
            let pages = [
                renderer.render(ConsoleRecallsModel(facts.recalls, language: language, user: "王监管")),
                renderer.render(ConsoleRecallModel(facts.recalls[0], language: language, user: "王监管")),
                renderer.render(ConsoleFindingsModel(
                    shown: facts.findings, total: 5, events: 42, at: Self.now, kinds: ["quantityMismatch"],
                    filter: .init(kind: "quantityMismatch"), language: language, user: "王监管")),
                renderer.render(ConsolePartiesModel(
                    parties: facts.registry, changes: [ConsoleFacts.RegistryChange(
                        party: facts.registry[0].name, attribute: "licenceStatus", oldValue: "active",
                        newValue: "revoked", by: "王监管", at: Self.now, reason: "假证")],
                    statuses: ["active", "suspended", "revoked"], language: language, user: "王监管")),
                renderer.render(ConsoleIdentifierModel(identifier, language: language, user: "王监管")),
                renderer.render(ConsoleLoginModel(language: language, refused: true)),
                renderer.render(ConsoleProblemModel(
                    title: "Bad Request", detail: "q: <hello> is no code", places: [("/q", "not a GS1 key")],
                    language: language, user: "王监管")),
            ]
            for page in pages {
                #expect(!page.isEmpty)
                #expect(!page.contains("{{"))
                #expect(!page.contains("console."), "\(language): a missing message in \(page.prefix(400))")
                #expect(page.contains("<html lang=\"\(language.rawValue)\">"))
            }
            #expect(pages[1].contains(#"<meta http-equiv="refresh" content="5">"#))
            #expect(pages[1].contains(catalog.format("console.recall.ackCount", ["acknowledged": "1", "holders": "3"])))
            #expect(pages[1].contains(language == .zhCN ? "惠民超市" : "Huimin Market"))
            #expect(pages[1].contains("王店长"))
            #expect(pages[2].contains(#"<option value="quantityMismatch" selected>"#))
            #expect(pages[2].contains(language == .zhCN ? "内蒙古乳业" : "Inner Mongolia Dairy"))
            #expect(pages[2].contains(language == .zhCN ? "数量不符" : "Quantity mismatch"))
            #expect(pages[3].contains(language == .zhCN ? "吊销" : "revoked"))
            #expect(pages[3].contains(language == .zhCN ? "鲜达冷链" : "Xianda Cold Chain"))
            #expect(pages[4].contains(language == .zhCN ? "内蒙古乳业" : "Inner Mongolia Dairy"))
            #expect(pages[4].contains(language == .zhCN ? "发货" : "shipped"))
            #expect(pages[4].contains(language == .zhCN ? "<td>对象</td>" : "<td>object</td>"))
            #expect(pages[4].contains("100.000 EA"))
            #expect(pages[4].contains(#"id="graph-backward""#))
            // And the trace graphs' own words are in the reader's language too
            #expect(pages[4].contains(language == .zhCN ? "的向后追溯：" : "Backward trace of "))
            #expect(pages[4].contains(language == .zhCN ? "批次 · 追溯起点" : "lot · root"))
            #expect(pages[4].contains(language == .zhCN ? ">加工" : ">transformed"))
            #expect(pages[5].contains(#"id="login-error""#))
            #expect(pages[6].contains("q: &lt;hello&gt; is no code"))
            for page in pages { #expect(!page.contains("https://id.gs1.org/414")) }
        }
    }
}
