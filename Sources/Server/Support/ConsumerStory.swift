import EPCIS
import Foundation
import Storage
import TraceEngine

/// What a consumer's scan shows, gathered from the store: the product, its lot and dates, the manufacturer, the
/// origin, the test results and the journey. Built from the backward trace (one batched look-up per frontier) and
/// the few full events that carry ilmd and certificationInfo.
struct ConsumerStory: Sendable {
    struct Step: Sendable, Hashable {
        var time: Date
        var what: String
        var party: String?
        var place: String?
    }

    struct TestResult: Sendable, Hashable {
        var name: String
        var value: String
    }

    var key: String
    var gtin: String?
    var lot: String?
    var serial: String?
    var productName: String?
    var category: String?
    var manufacturer: String?
    var productionDate: Date?
    var expiry: String?
    var origins: [String] = []
    var tests: [TestResult] = []
    var certificates: [String] = []
    var journey: [Step] = []
    var sold: Step?
    /// The clone findings of a serialised item: the reconciler's clone rule over that item's own events (sold or
    /// dispensed twice, seen at another site after its sale, or at two sites too soon); 0 for a lot or class.
    var cloneFindings = 0
    var isKnown: Bool { !journey.isEmpty }

    /// Reads a code's story.
    static func read<Store: PlatformStore>(key: String, from store: Store, names: Names) async throws -> ConsumerStory {
        var story = ConsumerStory(key: key)
        let parts = DigitalLinkKey(key)
        story.gtin = parts.value("01")
        story.lot = parts.value("10")
        story.serial = parts.value("21")
        if let gtin = story.gtin, let product = names.products[gtin] {
            story.productName = product.name
            story.category = product.category
        }
        let trace = try await TraceEngine(source: store).back(from: key, budget: TraceBudget(maxDepth: 16, maxNodes: 2_000))
        let facts = trace.facts
        story.journey = facts.map { event in
            Step(
                time: event.time, what: Self.describe(event),
                party: Self.actor(of: event, names: names).map { names.party($0) },
                place: event.bizLocation.map { names.location($0) })
        }
        story.origins = trace.origins.map { names.location($0) }
        if story.serial != nil {
            story.cloneFindings = Reconciler().reconcile(trace.rootFacts)
                .filter { $0.kind == .clone && $0.key == key }.count
        }
        let own = facts.filter { $0.objectKeys.contains(key) }
        if let made = own.first(where: { $0.bizStep == "commissioning" || $0.type == .transformationEvent })
            ?? own.first
        {
            story.productionDate = made.time
            story.manufacturer = made.bizLocation.flatMap(names.owner).map { names.party($0) }
        }
        if let sale = own.last(where: { ["retail_selling", "dispensing"].contains($0.bizStep ?? "") }) {
            story.sold = Step(time: sale.time, what: sale.bizStep == "dispensing" ? "dispensed" : "sold", party: nil,
                              place: sale.bizLocation.map { names.location($0) })
        }
        // ilmd and certificationInfo live in the full events: read only the events that make things.
        let makers = facts.filter { $0.type == .transformationEvent || $0.bizStep == "commissioning" }.suffix(12)
        for fact in makers {
            for stored in try await store.events(withID: fact.id) {
                story.absorb(stored.event, isOwn: fact.objectKeys.contains(key) || own.contains(fact))
            }
        }
        return story
    }

    private mutating func absorb(_ event: EPCISEvent, isOwn: Bool) {
        for certificate in event.certificationInfo where !certificates.contains(certificate) {
            certificates.append(certificate)
        }
        for element in event.ilmd ?? [] {
            let name = element.name.localName
            let value = element.value.masterDataText
            switch name {
            case "lotNumber" where isOwn && lot == nil: lot = value
            case "itemExpirationDate", "bestBeforeDate", "sellByDate": if isOwn { expiry = value }
            case "lotNumber": break
            default:
                let result = TestResult(name: Self.words(name), value: value)
                if !tests.contains(result) { tests.append(result) }
            }
        }
    }

    /// Who did what an event records: the receiver of a receipt, the sender of a shipment, else the owner of the
    /// place where it happened.
    static func actor(of event: TraceEvent, names: Names) -> String? {
        let owner = event.bizLocation.flatMap(names.owner)
        switch event.bizStep {
        case "receiving": return event.destinationParty ?? owner ?? event.sourceParty
        case "shipping": return event.sourceParty ?? owner ?? event.destinationParty
        default: return owner ?? event.sourceParty ?? event.destinationParty
        }
    }

    /// `melamineMgPerKg` → "melamine mg per kg".
    static func words(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty { out.append(" ") }
            out.append(character.isUppercase ? Character(character.lowercased()) : character)
        }
        return out
    }

    static func describe(_ event: TraceEvent) -> String {
        switch event.bizStep {
        case "commissioning": event.type == .transformationEvent ? "produced from inputs" : "produced"
        case "killing": "slaughtered and cut"
        case "shipping": "shipped"
        case "receiving": "received"
        case "packing": "packed"
        case "unpacking": "unpacked"
        case "retail_selling": "sold"
        case "dispensing": "dispensed"
        case "holding": event.disposition == "recalled" ? "recall notice" : "held"
        case let step?: step.replacingOccurrences(of: "_", with: " ")
        case nil: event.type == .transformationEvent ? "transformed" : "recorded"
        }
    }
}

/// The AIs of a canonical Digital Link key (`https://id.gs1.org/01/…/10/…/21/…`).
struct DigitalLinkKey {
    private var values: [String: String] = [:]

    init(_ key: String) {
        guard let url = URL(string: key) else { return }
        let parts = url.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var index = 0
        while index + 1 < parts.count {
            values[parts[index]] = parts[index + 1]
            index += 2
        }
    }

    func value(_ ai: String) -> String? { values[ai] }
}

/// Display names from the master data: parties, locations (with their owner) and products by GTIN.
struct Names: Sendable {
    var parties: [String: String] = [:]
    var locations: [String: String] = [:]
    var owners: [String: String] = [:]
    var products: [String: (name: String, category: String?)] = [:]

    static func load<Store: PlatformStore>(_ store: Store) async throws -> Names {
        var names = Names()
        let mda = "urn:epcglobal:cbv:mda#"
        for element in try await store.vocabularyElements(type: PartyRegistryView.partyType) {
            if let name = PartyRegistryView.value(element, mda + "name") {
                names.parties[IdentifierURI(element.id).canonicalKey] = name
            }
        }
        for element in try await store.vocabularyElements(type: PartyRegistryView.locationType) {
            let key = IdentifierURI(element.id).canonicalKey
            let name = PartyRegistryView.value(element, mda + "name")
            let city = PartyRegistryView.value(element, mda + "city")
            if let name { names.locations[key] = city.map { "\(name), \($0)" } ?? name }
            if let owner = PartyRegistryView.value(element, PartyRegistry.namespace + "owner") {
                names.owners[key] = IdentifierURI(owner).canonicalKey
            }
        }
        for element in try await store.vocabularyElements(type: PartyRegistryView.productType) {
            guard let gtin = PartyRegistryView.value(element, PartyRegistry.namespace + "gtin") else { continue }
            let name = PartyRegistryView.value(element, mda + "descriptionShort") ?? gtin
            names.products[gtin] = (name, PartyRegistryView.value(element, PartyRegistry.namespace + "category"))
        }
        return names
    }

    func owner(_ location: String) -> String? { owners[location] ?? owners[IdentifierURI(location).canonicalKey] }
    /// A party's name; a location or GLN standing for a party is named by its owner, else by itself.
    func party(_ key: String) -> String {
        let canonical = IdentifierURI(key).canonicalKey
        if let name = parties[key] ?? parties[canonical] { return name }
        if let owner = owner(key), let name = parties[owner] { return name }
        return locations[canonical] ?? key
    }
    func location(_ key: String) -> String { locations[key] ?? locations[IdentifierURI(key).canonicalKey] ?? key }
}
