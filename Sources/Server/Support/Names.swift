import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// The values of a Digital Link's path by AI (`01` → GTIN, `10` → lot, `21` → serial).
struct DigitalLinkKey {
    private var values: [String: String] = [:]

    init(_ key: String) {
        for (ai, value) in ReadableKey.digitalLinkPairs(key) where values[ai] == nil { values[ai] = value }
    }

    func value(_ ai: String) -> String? { values[ai] }
}

/// Display names from the master data: parties, locations (with their owner) and product classes, in every language
/// the data gives them. The consumer pages choose by the reader's language (decision 0014); the console reads the
/// plain ``parties``/``locations``/``products`` maps.
struct Names: Sendable {
    /// What EPCClass master data says of a product class (CBV 2.0 section 10 trade item attributes).
    struct Product: Sendable {
        var name = LocalizedText()
        var manufacturer = LocalizedText()
        var origin = LocalizedText()
        var category: String?
    }

    var parties: [String: String] = [:]
    var locations: [String: String] = [:]
    var owners: [String: String] = [:]
    /// Product names and categories by GTIN, for the console.
    var products: [String: (name: String, category: String?)] = [:]
    var partyTexts: [String: LocalizedText] = [:]
    var locationTexts: [String: LocalizedText] = [:]
    /// Product classes by canonical key: a GTIN (`https://id.gs1.org/01/…`) or a lot (`…/10/…`).
    var productClasses: [String: Product] = [:]

    static let mda = "urn:epcglobal:cbv:mda#"
    /// The attributes that name a product, in the order they are tried.
    static let productNameAttributes = [
        "descriptionShort", "regulatedProductName", "functionalName", "tradeItemDescription", "labelDescription",
        "productName", "name",
    ]
    static let manufacturerAttributes = ["manufacturerOfTradeItemPartyName", "brandOwnerName", "brandName"]
    static let originAttributes = ["countryOfOrigin", "tradeItemCountryOfOrigin", "countryOfOriginStatement"]

    static func load<Store: PlatformStateStore>(_ store: Store) async throws -> Names {
        var names = Names()
        for element in try await store.vocabularyElements(type: PartyRegistryView.partyType) {
            let key = IdentifierURI(element.id).canonicalKey
            let name = text(element, ["name"])
            if !name.isEmpty {
                names.partyTexts[key] = name
                names.parties[key] = name.text(in: .en)
            }
        }
        for element in try await store.vocabularyElements(type: PartyRegistryView.locationType) {
            let key = IdentifierURI(element.id).canonicalKey
            let name = text(element, ["name"])
            let city = text(element, ["city"])
            if !name.isEmpty {
                var joined = LocalizedText()
                for variant in name.variants {
                    let place = variant.language.flatMap { PageLanguage(tag: $0) }.flatMap { city.text(in: $0) }
                        ?? city.variants.first { $0.language == nil }?.text
                    let comma = PageRenderer.shared.catalog(
                        variant.language.flatMap { PageLanguage(tag: $0) } ?? .en).text("list.comma")
                    joined.add(place.map { variant.text + comma + $0 } ?? variant.text, language: variant.language)
                }
                names.locationTexts[key] = joined
                names.locations[key] = joined.text(in: .en)
            }
            if let owner = PartyRegistryView.value(element, PartyRegistry.namespace + "owner") {
                names.owners[key] = IdentifierURI(owner).canonicalKey
            }
        }
        for element in try await store.vocabularyElements(type: PartyRegistryView.productType) {
            var product = Product(
                name: text(element, productNameAttributes), manufacturer: text(element, manufacturerAttributes),
                origin: text(element, originAttributes),
                category: PartyRegistryView.value(element, PartyRegistry.namespace + "category"))
            if product.name.isEmpty, let gtin = PartyRegistryView.value(element, PartyRegistry.namespace + "gtin") {
                product.name = LocalizedText(gtin)
            }
            guard let key = classKey(element) else { continue }
            names.productClasses[key] = product
            if let gtin = DigitalLinkKey(key).value("01"), DigitalLinkKey(key).value("10") == nil {
                names.products[gtin] = (product.name.text(in: .en) ?? gtin, product.category)
            }
        }
        return names
    }

    /// Every value of the first of `attributes` that the element has (CBV `cbvmda:` or any namespace), with languages.
    static func text(_ element: VocabularyElement, _ attributes: [String]) -> LocalizedText {
        for attribute in attributes {
            let values = element.attributes.filter { localName($0.id) == attribute }.map(\.value)
            let text = LocalizedText(values: values)
            if !text.isEmpty { return text }
        }
        return LocalizedText()
    }

    /// `urn:epcglobal:cbv:mda#name`, `cbvmda:name`, `https://ns.example.com/mda/name` → `name`.
    static func localName(_ id: String) -> String {
        String(id.split(whereSeparator: { "#:/".contains($0) }).last ?? Substring(id))
    }

    /// The canonical class key of an EPCClass element: its GTIN or lot as a Digital Link; an `idpat` of SGTINs
    /// (`urn:epc:idpat:sgtin:0690123.400001.*`) names its GTIN; the registry's own products carry `gtin`.
    static func classKey(_ element: VocabularyElement) -> String? {
        if let gtin = PartyRegistryView.value(element, PartyRegistry.namespace + "gtin") {
            return "https://id.gs1.org/01/\(gtin)"
        }
        let prefix = "urn:epc:idpat:sgtin:"
        if element.id.hasPrefix(prefix) {
            let fields = element.id.dropFirst(prefix.count).split(separator: ".").map(String.init)
            guard fields.count >= 2, let indicator = fields[1].first else { return nil }
            let body = String(indicator) + fields[0] + fields[1].dropFirst()
            guard body.count == 13, body.allSatisfy(\.isNumber) else { return nil }
            return "https://id.gs1.org/01/\(body)\(checkDigit(body))"
        }
        let key = IdentifierURI(element.id).canonicalKey
        return DigitalLinkKey(key).value("01") == nil ? nil : key
    }

    /// The GS1 mod-10 check digit of the digits before it.
    static func checkDigit(_ digits: String) -> Int {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            sum += (character.wholeNumberValue ?? 0) * (index % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    func owner(_ location: String) -> String? { owners[location] ?? owners[IdentifierURI(location).canonicalKey] }

    /// A party's name in English for the console; a location or GLN standing for a party is named by its owner,
    /// else by itself; else its readable GS1 key.
    func party(_ key: String) -> String {
        partyName(key).text(Self.console) ?? key
    }

    /// A location's name for the console, else its readable GS1 key.
    func location(_ key: String) -> String {
        locationName(key).text(Self.console) ?? key
    }

    /// A party as the consumer pages name it: its master data name, its owner's, the place's, else its key.
    func partyName(_ key: String) -> ConsumerStory.Name {
        let canonical = IdentifierURI(key).canonicalKey
        if let name = partyTexts[canonical] { return ConsumerStory.Name(name, key: canonical) }
        if let owner = owner(canonical), let name = partyTexts[owner] { return ConsumerStory.Name(name, key: owner) }
        return ConsumerStory.Name(locationTexts[canonical] ?? LocalizedText(), key: canonical)
    }

    /// A location as the consumer pages name it.
    func locationName(_ key: String) -> ConsumerStory.Name {
        let canonical = IdentifierURI(key).canonicalKey
        return ConsumerStory.Name(locationTexts[canonical] ?? LocalizedText(), key: canonical)
    }

    private static var console: MessageCatalog { PageRenderer.shared.catalog(.en) }
}
