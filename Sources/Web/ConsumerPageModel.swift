import EPCIS
public import Foundation

/// The view model of the consumer page (template `consumer`): a ``ConsumerStory`` in the reader's language, with
/// its banners, the sale check of a serialised pack, and the report form.
public struct ConsumerPageModel: PageModel {
    public static let template = "consumer"
    /// Where the scan line of each request goes: the controller renders the page once and splits it there.
    public static let scanLineMarker = "\u{0}scan-line\u{0}"

    /// A recall that reached the code or its lot.
    public struct Recall: Sendable, Hashable {
        public var id: String
        public var reason: String
        public var issuedAt: Date

        public init(id: String, reason: String, issuedAt: Date) {
            self.id = id
            self.reason = reason
            self.issuedAt = issuedAt
        }
    }

    /// What the consumer answered to "was it sold to you there?" (links on the page, no script).
    public enum SaleAnswer: String, Sendable, Hashable {
        case mine, other
    }

    /// What the page needs beside the story.
    public struct Context: Sendable, Hashable {
        /// The page's own path (canonical), which the forms and links come back to.
        public var path: String
        public var linksetURL: String
        public var qrURL: String
        public var manyNetworks = false
        public var saleAnswer: SaleAnswer?
        /// Whether a report was just received from this page.
        public var reported = false
        /// The platform the page's data came from, when the code is homed on another platform and it answered.
        public var source: Source?
        /// The code's home platform, when it is another one and it did not answer: the page shows only what this
        /// platform knows, and says so.
        public var homeUnreachable: String?

        public init(path: String, linksetURL: String, qrURL: String) {
            self.path = path
            self.linksetURL = linksetURL
            self.qrURL = qrURL
        }
    }

    /// Where a page's data came from: the code's home platform, and whether its signed ledger proved every event.
    public struct Source: Sendable, Hashable {
        public var platform: String
        /// Whether every event came with a proof that verified (false for a platform that signs nothing).
        public var verified: Bool
        /// Whether the platform had no event of the code at all.
        public var empty: Bool

        public init(platform: String, verified: Bool, empty: Bool = false) {
            self.platform = platform
            self.verified = verified
            self.empty = empty
        }
    }

    struct Fact: Hashable { var label: String, value: String, id: String }
    struct RecallLine: Hashable { var text: String }
    struct ResultLine: Hashable {
        var title: String, value: String?, authority: String?, link: String?, linkLabel: String?, detail: String?
    }
    struct StepLine: Hashable { var time: String, datetime: String, what: String, party: String?, place: String? }
    struct SaleBlock: Hashable {
        var outcome: String, tone: String, text: String, mineHref: String?, otherHref: String?
    }
    struct Option: Hashable { var value: String, label: String }
    struct ReportForm: Hashable { var key: String, back: String, lang: String, problems: [Option], thanks: Bool }

    public let language: PageLanguage
    let page: PageFrame
    let title: String
    let brand: String
    let scanLine = ConsumerPageModel.scanLineMarker
    let recalls: [RecallLine]
    let recalled: Bool
    /// Where the data came from, or that the code's home platform cannot be reached.
    let source: String?
    let unknown: Bool
    let verified: Bool
    let warnings: [String]
    let sale: SaleBlock?
    let facts: [Fact]
    let results: [ResultLine]
    let journey: [StepLine]
    let hasResults: Bool
    let hasJourney: Bool
    let report: ReportForm
    let qrURL: String
    let linksetURL: String
    let keyText: String

    /// Puts a story in a language.
    /// - Parameters:
    ///   - story: what the store knows of the code.
    ///   - recalls: the recalls that reached it.
    ///   - context: the page's links and the reader's answers.
    ///   - language: the reader's language.
    ///   - renderer: the catalogs.
    public init(
        story: ConsumerStory, recalls: [Recall], context: Context, language: PageLanguage,
        renderer: PageRenderer = .shared
    ) {
        let t = renderer.catalog(language)
        self.language = language
        let gtinText = story.gtin.map { t.format("consumer.untitled", ["gtin": $0]) }
        title = story.product?.text(t) ?? gtinText ?? ReadableKey.text(story.key, catalog: t)
        page = PageFrame(
            language: language, title: title, otherCatalog: renderer.catalog(language.other),
            query: context.saleAnswer.map { ["sale=\($0.rawValue)"] } ?? [])
        brand = t.text("brand.tagline")
        let local = { (date: Date) in LocalTime(date, offsetMinutes: story.localOffsetMinutes) }
        self.recalls = recalls.map {
            RecallLine(text: t.format(
                "consumer.banner.recallLine", ["reason": $0.reason, "since": local($0.issuedAt).day(t), "id": $0.id]))
        }
        recalled = !recalls.isEmpty
        if let home = context.homeUnreachable {
            source = t.format("consumer.source.unreachable", ["platform": home])
        } else if let origin = context.source {
            let message = origin.empty ? "empty" : origin.verified ? "verified" : "unsigned"
            source = t.format("consumer.source.\(message)", ["platform": origin.platform])
        } else {
            source = nil
        }
        // A code whose home cannot be asked is not "unknown": nobody could say.
        unknown = recalls.isEmpty && !story.isKnown && context.homeUnreachable == nil
        var warnings: [String] = []
        if story.cloneFindings > 0 { warnings.append(t.text("consumer.warning.clone")) }
        warnings += Self.sectorWarnings(story, t: t)
        if story.serial != nil, context.manyNetworks { warnings.append(t.text("consumer.warning.manyNetworks")) }
        let sale = story.serial == nil || !story.isKnown ? nil : Self.sale(story, context: context, t: t)
        if sale?.tone == "warning" { warnings.removeAll { $0 == t.text("consumer.warning.clone") } }
        self.warnings = warnings
        self.sale = sale
        verified = recalls.isEmpty && story.isKnown && warnings.isEmpty && sale?.tone != "warning"
        facts = Self.facts(story, t: t)
        // Results that read the same (the same ILMD value on three intakes of one day) are shown once.
        var lines: [ResultLine] = []
        for line in story.results.map({ Self.line($0, t: t) }) where !lines.contains(line) { lines.append(line) }
        results = lines + Self.sectorLines(story, t: t)
        journey = story.journey.map { step in
            let party = step.party?.text(t)
            let place = step.place?.text(t)
            return StepLine(
                time: step.time.minute(t), datetime: step.time.isoText,
                what: Self.stepName(step.bizStep, type: step.type, disposition: step.disposition, t: t),
                party: party, place: place == party ? nil : place)
        }
        hasResults = !results.isEmpty
        hasJourney = !journey.isEmpty
        report = ReportForm(
            key: story.key, back: context.path, lang: language.rawValue,
            problems: ["fake", "quality", "alreadySold", "recalledOnSale", "other"].map {
                Option(value: $0, label: t.text("report.problems.\($0)"))
            }, thanks: context.reported)
        qrURL = context.qrURL
        linksetURL = context.linksetURL
        keyText = ReadableKey.text(story.key, catalog: t)
    }

    private static func facts(_ story: ConsumerStory, t: MessageCatalog) -> [Fact] {
        let values: [(String, String?)] = [
            ("product", story.product?.text(t)), ("category", story.category.map { t.message("category.\($0)") ?? $0 }),
            ("gtin", story.gtin), ("lot", story.lot), ("serial", story.serial),
            ("manufacturer", story.manufacturer?.text(t)), ("produced", story.production?.day(t)),
            ("expiry", story.expiry),
            ("origin", story.origins.isEmpty
                ? nil : story.origins.compactMap { $0.text(t) }.joined(separator: t.text("list.separator"))),
        ]
        return values.compactMap { id, value in
            guard let value, !value.isEmpty else { return nil }
            return Fact(label: t.text("consumer.facts.\(id)"), value: value, id: id)
        }
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "?" }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Excursions, and periods not kept, as warnings.
    private static func sectorWarnings(_ story: ConsumerStory, t: MessageCatalog) -> [String] {
        story.sectorNotes.filter { !$0.kept }.compactMap { note in
            let input = note.input?.text(t) ?? ""
            switch note.kind {
            case "temperatureExcursion":
                let unit = note.uom.map { t.message("uom.\($0)") ?? $0 } ?? ""
                return t.format("consumer.sector.excursion", [
                    "hours": number((note.duration ?? 0) / 3_600), "place": note.place?.text(t) ?? "?",
                    "actual": number(note.actual), "limit": number(note.expected), "unit": unit,
                ])
            case "withdrawalPeriod":
                return t.format("consumer.sector.withdrawalBroken", [
                    "actual": number(note.actual), "expected": number(note.expected), "input": input,
                ])
            case "preHarvestInterval":
                return t.format("consumer.sector.preHarvestBroken", [
                    "actual": number(note.actual), "expected": number(note.expected), "input": input,
                ])
            default: return nil
            }
        }
    }

    /// Periods kept, as result lines.
    private static func sectorLines(_ story: ConsumerStory, t: MessageCatalog) -> [ResultLine] {
        story.sectorNotes.filter(\.kept).map { note in
            let title = note.kind == "withdrawalPeriod" ? "withdrawalTitle" : "preHarvestTitle"
            let figures = ["actual": number(note.actual), "expected": number(note.expected)]
            return ResultLine(
                title: t.text("consumer.sector." + title), value: t.format("consumer.sector.kept", figures),
                authority: nil, link: nil, linkLabel: nil, detail: note.input?.text(t))
        }
    }

    private static func line(_ result: ConsumerStory.TestResult, t: MessageCatalog) -> ResultLine {
        let type = result.measurementType.map { t.message("measurement.\($0)") ?? Self.words($0) }
        let title = [result.subject, type].compactMap { $0 }.first
            ?? (result.link != nil ? t.text("consumer.results.certificate") : t.text("consumer.results.result"))
        var value = result.value.map { number in
            result.uom.map {
                t.format("consumer.results.withUnit", ["value": number, "unit": t.message("uom.\($0)") ?? $0])
            }
                ?? number
        }
        if let identification = result.identification {
            let number = t.format("consumer.results.number", ["number": identification])
            value = value.map { $0 + t.text("list.dot") + number } ?? number
        }
        var detail: [String] = []
        if let step = result.bizStep { detail.append(stepName(step, type: .objectEvent, disposition: nil, t: t)) }
        if let time = result.time { detail.append(time.day(t)) }
        if let place = result.place?.text(t) { detail.append(place) }
        return ResultLine(
            title: title, value: value,
            authority: result.authority?.text(t).map { t.format("consumer.results.by", ["authority": $0]) },
            link: result.link,
            linkLabel: result.link.map { _ in t.text("consumer.results.open") },
            detail: detail.isEmpty ? nil : detail.joined(separator: t.text("list.dot")))
    }

    private static func sale(_ story: ConsumerStory, context: Context, t: MessageCatalog) -> SaleBlock {
        guard let first = story.sales.first else {
            return SaleBlock(
                outcome: "none", tone: "info", text: t.text("consumer.sale.none"), mineHref: nil, otherHref: nil)
        }
        let values = [
            "date": first.time.minute(t), "place": first.place?.text(t) ?? t.text("consumer.sale.unknownPlace"),
            "count": String(story.sales.count),
            "step": stepName(first.bizStep, type: .objectEvent, disposition: nil, t: t),
        ]
        if story.sales.count >= 2 {
            return SaleBlock(
                outcome: "many", tone: "warning", text: t.format("consumer.sale.many", values), mineHref: nil,
                otherHref: nil)
        }
        if context.saleAnswer == .other || !first.receivedThere {
            let key = first.receivedThere ? "consumer.sale.elsewhere" : "consumer.sale.notReceived"
            return SaleBlock(
                outcome: "elsewhere", tone: "warning", text: t.format(key, values), mineHref: nil, otherHref: nil)
        }
        if context.saleAnswer == .mine {
            return SaleBlock(
                outcome: "once", tone: "ok", text: t.format("consumer.sale.mine", values), mineHref: nil,
                otherHref: nil)
        }
        return SaleBlock(
            outcome: "once", tone: "info", text: t.format("consumer.sale.once", values),
            mineHref: "?sale=mine&lang=\(t.language.rawValue)", otherHref: "?sale=other&lang=\(t.language.rawValue)")
    }

    /// The name of a CBV business step in the reader's language (a step outside CBV by its last word), with the
    /// disposition when it says more than the step.
    static func stepName(_ bizStep: String?, type: EventType, disposition: String?, t: MessageCatalog) -> String {
        var name: String
        switch bizStep {
        case "commissioning" where type == .transformationEvent: name = t.text("bizStep.-transformed")
        case let step?: name = t.message("bizStep.\(step)") ?? Self.words(Self.lastWord(step))
        case nil: name = t.text(type == .transformationEvent ? "bizStep.-transformed" : "bizStep.-recorded")
        }
        if let disposition, !["active", "in_progress", "in_transit", "retail_sold", "dispensed"].contains(disposition) {
            let named = t.message("disposition.\(disposition)") ?? Self.words(Self.lastWord(disposition))
            name += t.text("list.dot") + named
        }
        return name
    }

    static func lastWord(_ uri: String) -> String {
        String(uri.split(whereSeparator: { "/:#".contains($0) }).last ?? Substring(uri))
    }

    /// `melamineMgPerKg` → "melamine mg per kg"; `non_conformant` → "non conformant".
    static func words(_ name: String) -> String {
        var out = ""
        for character in name {
            if character == "_" || character == "-" { out.append(" "); continue }
            if character.isUppercase, let last = out.last, last != " " { out.append(" ") }
            out.append(character.isUppercase ? Character(character.lowercased()) : character)
        }
        return out
    }
}
