public import EPCIS
import Foundation
import Identifiers
import Storage

/// Names and addresses of parties and locations, and descriptions of products, from CBV master data: what
/// regulators' records print beside identifiers.
public struct MasterDataDirectory: Sendable {
    /// A party or a location as a record prints it.
    public struct Place: Hashable, Sendable {
        public var name: String?
        public var street: String?
        public var city: String?
        public var state: String?
        public var postalCode: String?
        public var countryCode: String?
        /// For a location: its owning party's canonical key.
        public var owner: String?

        /// The address on one line: street, city, state, postal code, country.
        public var address: String {
            [street, city, state, postalCode, countryCode].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ", ")
        }
    }

    /// Parties and locations by canonical key.
    public var places: [String: Place] = [:]
    /// Product descriptions by GTIN-14.
    public var products: [String: String] = [:]
    /// A drug's strength, dosage form and container size by GTIN-14, for DSCSA records.
    public var drugDetails: [String: DrugDetails] = [:]

    /// What DSCSA's transaction information names of a drug beside its name.
    public struct DrugDetails: Hashable, Sendable {
        public var strengthAndForm: String
        public var containerSize: String
    }

    private static let mda = "urn:epcglobal:cbv:mda#"

    /// Reads parties (`vtype:Party`), locations (`vtype:BusinessLocation`) and products (`vtype:EPCClass`).
    /// - Parameter vocabularies: the master data.
    public init(_ vocabularies: [Vocabulary] = []) {
        for vocabulary in vocabularies {
            for element in vocabulary.elements { add(element, type: vocabulary.type) }
        }
    }

    /// Adds one vocabulary element of a type.
    public mutating func add(_ element: VocabularyElement, type: String) {
        func text(_ name: String) -> String? {
            element.attributes.first { $0.id == Self.mda + name || $0.id == name }.map(\.value.masterDataText)
        }
        switch type {
        case "urn:epcglobal:epcis:vtype:EPCClass":
            let gtin = text(SpreadsheetImporter.namespace + "gtin")
                ?? ((try? EPCIdentifier.parse(element.id)) ?? nil)?.value(of: "01")
            if let gtin, let name = text("descriptionShort") ?? text("name") ?? text("tradeItemDescription") {
                products[gtin] = name
            }
            let strength = [text("strengthDescription"), text("dosageFormType")].compactMap { $0 }
            let size = [text("netContent"), text("netContentUom")].compactMap { $0 }.joined(separator: " ")
            if let gtin, !strength.isEmpty || !size.isEmpty {
                drugDetails[gtin] = DrugDetails(strengthAndForm: strength.joined(separator: ", "), containerSize: size)
            }
        default:
            let owner = text(SpreadsheetImporter.namespace + "owner").map { IdentifierURI($0).canonicalKey }
            places[IdentifierURI(element.id).canonicalKey] = Place(
                name: text("name"), street: text("streetAddressOne"), city: text("city"), state: text("state"),
                postalCode: text("postalCode"), countryCode: text("countryCode"), owner: owner)
        }
    }

    /// A place by any spelling of its identifier.
    public func place(_ id: String?) -> Place? {
        id.flatMap { places[IdentifierURI($0).canonicalKey] }
    }

    /// The place's name, else its identifier.
    public func name(_ id: String?) -> String {
        guard let id else { return "" }
        return place(id)?.name ?? Self.plainKey(id)
    }

    /// `Name, address` of a place, else its identifier.
    public func describe(_ id: String?) -> String {
        guard let id else { return "" }
        guard let place = place(id) else { return Self.plainKey(id) }
        return [place.name, place.address].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// The locations a party owns (canonical keys).
    public func locations(of party: String) -> Set<String> {
        let key = IdentifierURI(party).canonicalKey
        return Set(places.filter { $0.value.owner == key }.map(\.key))
    }

    /// A GLN or other key as a person reads it: the 13 digits of a GLN, else the identifier.
    public static func plainKey(_ id: String) -> String {
        guard let parsed = (try? EPCIdentifier.parse(id)) ?? nil else { return id }
        if let gln = parsed.value(of: "414") ?? parsed.value(of: "417") { return gln }
        return parsed.digitalLink() ?? id
    }

    /// The product description of a GTIN.
    public func product(gtin: String?) -> String {
        guard let gtin else { return "" }
        return products[gtin] ?? ""
    }
}
