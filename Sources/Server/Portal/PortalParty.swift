import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// What the portal knows of the signed-in party, read for each page: its locations, its name, the other parties it
/// can ship to, the products of the master data, and what it holds now (from the lot balance projection).
struct PortalParty: Sendable {
    /// A place of the party.
    struct Place: Sendable, Hashable {
        /// The identifier as the master data gives it (an SGLN URN…).
        var id: String
        /// Its canonical key.
        var key: String
        /// Its name, else its ID.
        var name: String
    }

    /// One lot on hand: the sum of the lot's balances at the party and at each of its places.
    struct Holding: Sendable, Hashable {
        /// The lot's canonical key (a Digital Link `…/01/GTIN/10/LOT`).
        var lot: String
        /// The unit (`KGM`…), empty for counts.
        var uom: String
        /// What is on hand.
        var onHand: Double
        /// The stable ID of its form fields.
        var fieldID: String { "qty-" + PortalParty.shortHash(lot + "|" + uom) }
    }

    let principal: Principal
    /// The party's canonical key.
    let key: String
    /// The party's identifier as the master data gives it (a PGLN URN), else its key.
    let id: String
    let name: String
    let places: [Place]
    /// Every party of the registry but this one: (canonical key, identifier as given, name).
    let others: [(key: String, id: String, name: String)]
    let names: Names
    let holdings: [Holding]
    let language: PageLanguage

    /// Every key the projections may hold the party's balances under: the party and each of its places.
    var keys: Set<String> { Set([key] + places.map(\.key)) }

    static func load<Store: PlatformStore>(
        _ principal: Principal, platform: Platform<Store>, language: PageLanguage
    ) async throws -> PortalParty {
        guard principal.role == .party, let key = principal.party else {
            throw Problem.forbidden("the portal is for a party's key")
        }
        let registry = try await platform.registry.registry()
        let names = try await platform.names.value()
        var partyIDs: [String: String] = [:]
        for element in try await platform.store.vocabularyElements(type: PartyRegistryView.partyType) {
            partyIDs[IdentifierURI(element.id).canonicalKey] = element.id
        }
        var places: [Place] = []
        for element in try await platform.store.vocabularyElements(type: PartyRegistryView.locationType) {
            let placeKey = IdentifierURI(element.id).canonicalKey
            guard registry.locationOwners[placeKey] == key else { continue }
            places.append(Place(
                id: element.id, key: placeKey,
                name: names.locationName(placeKey).text(PageRenderer.shared.catalog(language)) ?? element.id))
        }
        places.sort { $0.name < $1.name }
        let others = partyIDs.filter { $0.key != key }.map { otherKey, id in
            (key: otherKey, id: id, name: names.partyName(otherKey).text(PageRenderer.shared.catalog(language)) ?? id)
        }.sorted { $0.name < $1.name }
        let holdings = try await Self.holdings(
            keys: Set([key] + places.map(\.key)), places: places, store: platform.store)
        return PortalParty(
            principal: principal, key: key, id: partyIDs[key] ?? key,
            name: names.partyName(key).text(PageRenderer.shared.catalog(language)) ?? key, places: places,
            others: others, names: names, holdings: holdings, language: language)
    }

    /// The lots the party holds: each lot named by one of the newest ``maximumEventsPerPlace`` events at one of its
    /// places, with its balances at the party
    /// and its places summed per unit, less what it sold there; only what is on hand (more than zero).
    static func holdings<Store: PlatformStore>(
        keys: Set<String>, places: [Place], store: Store
    ) async throws -> [Holding] {
        var lots: [String] = []
        var seen: Set<String> = []
        // The lot balance projection follows custody (produced, received, shipped, consumed, destroyed); a sale to
        // consumers moves no custody between parties, so the party's own sales at its places are taken off here.
        var sold: [String: Double] = [:]
        for place in places {
            // Newest first, so that when a busy place has more events than are read, today's lots are among them.
            let query = try EPCISQuery(parameters: [
                ("EQ_bizLocation", place.id), ("orderBy", "recordTime"), ("orderDirection", "DESC"),
            ])
            var events: [StoredEvent] = []
            var token: String?
            repeat {
                let page = try await store.events(matching: query, page: PageRequest(size: 2_000, token: token))
                events += page.events
                token = page.nextPageToken
            } while token != nil && events.count < maximumEventsPerPlace
            for stored in events {
                let event = stored.event
                for element in event.quantityList + event.childQuantityList + event.outputQuantityList
                    + event.inputQuantityList
                {
                    let lot = element.epcClass.canonicalKey
                    if DigitalLinkKey(lot).value("10") != nil, seen.insert(lot).inserted { lots.append(lot) }
                }
                if event.bizStep?.standardTerm == "retail_selling" {
                    for element in event.quantityList {
                        let key = element.epcClass.canonicalKey + "|" + (element.uom ?? "")
                        sold[key, default: 0] += element.quantity ?? 0
                    }
                }
            }
        }
        var holdings: [Holding] = []
        for lot in lots {
            var byUnit: [String: Double] = [:]
            for balance in try await store.lotBalances(lot) where keys.contains(balance.party) {
                byUnit[balance.uom, default: 0] += balance.onHand
            }
            for (uom, balance) in byUnit.sorted(by: { $0.key < $1.key }) {
                let onHand = balance - (sold[lot + "|" + uom] ?? 0)
                if onHand > 1e-9 { holdings.append(Holding(lot: lot, uom: uom, onHand: onHand)) }
            }
        }
        return holdings
    }

    /// The most events read at one place to find the lots it may hold (the newest).
    static let maximumEventsPerPlace = 20_000

    /// The catalog of the page's language.
    var catalog: MessageCatalog { PageRenderer.shared.catalog(language) }

    /// A product's name by GTIN, else the GTIN.
    func productName(gtin: String) -> String {
        names.productClasses["https://id.gs1.org/01/\(gtin)"]?.name.text(in: language) ?? gtin
    }

    /// A lot in words: `Product · lot L1`.
    func lotName(_ lot: String) -> String {
        let parts = DigitalLinkKey(lot)
        let product = parts.value("01").map(productName(gtin:)) ?? lot
        return product + " · " + catalog.text("portal.home.lot") + " " + (parts.value("10") ?? "")
    }

    /// A unit's label (`kg`, `pcs`).
    func unitName(_ uom: String) -> String {
        catalog.message("portal.unit.\(uom.isEmpty ? "EA" : uom)") ?? uom
    }

    /// The products of the master data, GTIN → name, by name.
    var products: [(gtin: String, name: String)] {
        names.productClasses.keys.compactMap { key -> (String, String)? in
            let parts = DigitalLinkKey(key)
            guard let gtin = parts.value("01"), parts.value("10") == nil else { return nil }
            return (gtin, productName(gtin: gtin))
        }.sorted { $0.1 < $1.1 }
    }

    /// A quantity for people: no trailing `.0`.
    static func format(_ value: Double) -> String {
        let rounded = (value * 1_000).rounded() / 1_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// Eight hex digits of FNV-1a: stable field names for lots.
    static func shortHash(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(format: "%08x", hash)
    }
}

extension PortalParty {
    /// A query string of encoded pairs.
    static func query(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return items.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }
}
