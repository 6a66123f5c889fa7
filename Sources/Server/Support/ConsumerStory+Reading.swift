import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// Reads a code's ``Web/ConsumerStory`` from the store: the backward trace (one batched look-up per frontier) gives
/// the chain; the full events of the chain give time zones, ILMD, certificates and sensor results; the master data
/// gives names. The order in which names are chosen is docs/decisions/0014-page-languages-and-names.md.
extension ConsumerStory {
    /// The most events of a chain read in full (the rest keep their trace facts and UTC-less offsets of 0).
    static let fullEventLimit = 400

    /// How far back a story's trace goes.
    static let budget = TraceBudget(maxDepth: 16, maxNodes: 2_000)

    /// ILMD elements that are facts of the product, not test results.
    static let productILMD: Set<String> = Set(
        ["lotNumber", "itemExpirationDate", "bestBeforeDate", "sellByDate", "productionDate", "firstFreezeDate"]
            + Names.productNameAttributes + Names.manufacturerAttributes + Names.originAttributes)

    /// Reads a code's story; `sectorRules` carry the store's master data and `sprayedFields` the places a pesticide
    /// was applied to (both cached by the platform).
    static func read<Store: PlatformStore>(
        key: String, from store: Store, names: Names, sectorRules: SectorRules, sprayedFields: Set<String>
    ) async throws -> ConsumerStory {
        try await read(
            key: key, source: store, names: names,
            event: { try await store.events(withID: $0).first?.event },
            sectorNotes: { facts, full in
                try await sectorNotes(
                    key: key, facts: facts, full: full, store: store, names: names, rules: sectorRules,
                    sprayed: sprayedFields)
            })
    }

    /// Reads a code's story from a trace source and the full events it names (a store, or another platform's
    /// answer held in memory); with `sectorNotes`, what the sector rules say of the chain's events.
    static func read<Source: TraceGraphSource>(
        key: String, source: Source, names: Names, event: (String) async throws -> EPCISEvent?,
        sectorNotes: ((_ facts: [TraceEvent], _ full: [String: EPCISEvent]) async throws -> [SectorNote])? = nil
    ) async throws -> ConsumerStory {
        var story = ConsumerStory(key: key)
        let parts = DigitalLinkKey(key)
        story.gtin = parts.value("01")
        story.lot = parts.value("10")
        story.serial = parts.value("21")
        let trace = try await TraceEngine(source: source).back(from: key, budget: budget)
        let facts = trace.facts
        var full: [String: EPCISEvent] = [:]
        for fact in facts.suffix(fullEventLimit) {
            if let stored = try await event(fact.id) { full[fact.id] = stored }
        }
        func time(_ fact: TraceEvent) -> LocalTime {
            LocalTime(fact.time, offset: full[fact.id]?.eventTimeZoneOffset ?? "Z")
        }
        story.journey = facts.map { fact in
            Step(
                time: time(fact), type: fact.type, bizStep: fact.bizStep, disposition: fact.disposition,
                party: actor(of: fact, names: names).map(names.partyName),
                place: fact.bizLocation.map(names.locationName))
        }
        story.localOffsetMinutes = story.journey.last?.time.offsetMinutes ?? 0
        if story.serial != nil {
            story.cloneFindings = Reconciler().reconcile(trace.rootFacts)
                .filter { $0.kind == .clone && $0.key == key }.count
        }
        if let sectorNotes { story.sectorNotes = try await sectorNotes(facts, full) }
        let own = facts.filter { $0.objectKeys.contains(key) }
        let made = own.first { $0.bizStep == "commissioning" || $0.type == .transformationEvent } ?? own.first
        story.production = made.map(time)
        story.readProduct(
            names: names, made: made.flatMap { full[$0.id] }, madeBy: made.flatMap { actor(of: $0, names: names) })
        if story.origins.isEmpty { story.origins = trace.origins.map(names.locationName) }
        story.sales = Self.sales(own: own, chain: facts, names: names, time: time)
        for fact in facts {
            guard let event = full[fact.id] else { continue }
            story.absorb(event, fact: fact, isOwn: own.contains(fact), names: names, time: time(fact))
        }
        return story
    }

    /// The sector rules over the chain (and the events at the sprayed places its goods were harvested at, where a
    /// field's spraying is recorded): excursions of the code or anything in its chain, and the withdrawal or pre-harvest
    /// status of the code's sources, a broken period before a kept one.
    private static func sectorNotes<Store: PlatformStore>(
        key: String, facts: [TraceEvent], full: [String: EPCISEvent], store: Store, names: Names, rules: SectorRules,
        sprayed: Set<String>
    ) async throws -> [SectorNote] {
        var events = facts.compactMap { fact in full[fact.id].map { SectorEvent($0, id: fact.id) } }
        // Only the harvest places a pesticide was sprayed on are read: the others hold no treatment of a field.
        let fields = Set(facts.filter { $0.type == .objectEvent && $0.action == .add }.compactMap(\.bizLocation))
            .intersection(sprayed)
        for field in fields.sorted().prefix(8) {
            let query = try EPCISQuery(parameters: [(name: "EQ_bizLocation", value: field)])
            let page = try await store.events(matching: query, page: PageRequest(size: 200, token: nil))
            let known = Set(events.map(\.facts.id))
            events += page.events.filter { !known.contains($0.id) }.map { SectorEvent($0.event, id: $0.id) }
        }
        let chain = Set(facts.flatMap(\.objectKeys)).union([key])
        func inputName(_ label: String?) -> Name? {
            guard let label else { return nil }
            let key = IdentifierURI(label).canonicalKey
            let classKey = DigitalLinkKey(key).value("01").map { "https://id.gs1.org/01/\($0)" }
            let product = names.productClasses[key] ?? classKey.flatMap { names.productClasses[$0] }
            return Name(product?.name ?? LocalizedText(), key: key)
        }
        var notes: [SectorNote] = []
        for kind in [FindingKind.withdrawalPeriod, .preHarvestInterval] {
            let checks = rules.inputChecks(events).filter { $0.kind == kind && chain.contains($0.product) }
            guard let check = checks.first(where: { !$0.kept }) ?? checks.first else { continue }
            notes.append(SectorNote(
                kind: kind.rawValue, kept: check.kept, expected: check.finding.expected, actual: check.finding.actual,
                input: inputName(check.finding.note)))
        }
        for finding in rules.excursions(events) where chain.contains(finding.key) {
            notes.append(SectorNote(
                kind: finding.kind.rawValue, kept: false, expected: finding.expected, actual: finding.actual,
                uom: finding.uom, duration: finding.duration, place: finding.place.map(names.locationName)))
        }
        return notes
    }

    /// Product name, manufacturer and origin: the lot's EPCClass, the GTIN's EPCClass, the ILMD of the event that
    /// made the code, the party that made it (decision 0014).
    private mutating func readProduct(names: Names, made: EPCISEvent?, madeBy: String?) {
        let keys = [
            lot.flatMap { lot in gtin.map { "https://id.gs1.org/01/\($0)/10/\(lot)" } },
            gtin.map { "https://id.gs1.org/01/\($0)" },
        ]
        let classes = keys.compactMap { $0 }.compactMap { names.productClasses[$0] }
        let ilmd = made?.ilmd ?? []
        func fromILMD(_ attributes: [String]) -> LocalizedText {
            for attribute in attributes {
                let text = LocalizedText(values: ilmd.filter { $0.name.localName == attribute }.map(\.value))
                if !text.isEmpty { return text }
            }
            return LocalizedText()
        }
        let name = classes.map(\.name).first { !$0.isEmpty } ?? fromILMD(Names.productNameAttributes)
        if !name.isEmpty { product = Name(name, key: nil) }
        category = classes.compactMap(\.category).first
        let maker = classes.map(\.manufacturer).first { !$0.isEmpty } ?? fromILMD(Names.manufacturerAttributes)
        manufacturer = maker.isEmpty ? madeBy.map(names.partyName) : Name(maker, key: nil)
        let origin = classes.map(\.origin).first { !$0.isEmpty } ?? fromILMD(Names.originAttributes)
        if !origin.isEmpty { origins = [Name(Self.countries(origin), key: nil)] }
        for element in ilmd {
            switch element.name.localName {
            case "lotNumber" where lot == nil: lot = element.value.masterDataText
            case "itemExpirationDate", "bestBeforeDate", "sellByDate": expiry = element.value.masterDataText
            default: break
            }
        }
    }

    /// Country codes (ISO 3166 `CN`) as names in both languages; other text as it is.
    static func countries(_ text: LocalizedText) -> LocalizedText {
        var out = LocalizedText()
        for variant in text.variants {
            let code = variant.text.uppercased()
            guard variant.language == nil, code.count == 2, code.allSatisfy(\.isLetter) else {
                out.add(variant.text, language: variant.language)
                continue
            }
            for language in PageLanguage.allCases {
                let name = Locale(identifier: language.rawValue).localizedString(forRegionCode: code) ?? code
                out.add(name, language: language.rawValue)
            }
        }
        return out
    }

    /// The sales and dispensings of the code, each with whether the place had received it (when the chain records
    /// receipts at all).
    static func sales(own: [TraceEvent], chain: [TraceEvent], names: Names, time: (TraceEvent) -> LocalTime) -> [Sale] {
        let receipts = chain.filter { ["receiving", "arriving", "accepting"].contains($0.bizStep ?? "") }
        var places = Set(receipts.compactMap(\.bizLocation))
        places.formUnion(receipts.compactMap(\.destinationParty))
        places.formUnion(receipts.compactMap(\.destinationLocation))
        return own.filter { ["retail_selling", "dispensing"].contains($0.bizStep ?? "") }.map { sale in
            let location = sale.bizLocation
            let received = receipts.isEmpty
                || location.map { place in
                    places.contains(place) || names.owner(place).map { places.contains($0) } == true
                } ?? true
            return Sale(
                time: time(sale), bizStep: sale.bizStep ?? "retail_selling", place: location.map(names.locationName),
                receivedThere: received)
        }
    }

    /// Who did what an event records: the receiver of a receipt, the sender of a shipment, else the owner of the
    /// place where it happened.
    static func actor(of event: TraceEvent, names: Names) -> String? {
        let owner = event.bizLocation.flatMap(names.owner)
        switch event.bizStep {
        case "receiving": return event.destinationParty ?? owner ?? event.sourceParty ?? event.bizLocation
        case "shipping": return event.sourceParty ?? owner ?? event.destinationParty ?? event.bizLocation
        default: return owner ?? event.sourceParty ?? event.destinationParty ?? event.bizLocation
        }
    }
}
