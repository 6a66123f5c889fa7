public import EPCIS
internal import Foundation

/// What the reconciliation knows about parties, locations and products, from master data.
public struct PartyRegistry: Hashable, Sendable {
    /// The master-data attribute namespace for what CBV has no term for (licence, status, category, owner).
    public static let namespace = "https://ns.suyuan.org/mda#"

    /// A party's standing.
    public struct Party: Hashable, Sendable {
        /// Its licence status: `active`, `suspended` or `revoked`.
        public var licenceStatus: String
        /// Whether the regulator blacklisted it.
        public var blacklisted: Bool

        /// Whether it may ship, receive or produce.
        public var isLicensed: Bool { licenceStatus == "active" && !blacklisted }

        /// Makes a party record.
        public init(licenceStatus: String, blacklisted: Bool) {
            self.licenceStatus = licenceStatus
            self.blacklisted = blacklisted
        }
    }

    /// Parties by canonical key.
    public var parties: [String: Party]
    /// The owning party of each location, by canonical keys.
    public var locationOwners: [String: String]
    /// The product category of each GTIN-14.
    public var categories: [String: String]

    /// Makes a registry.
    public init(parties: [String: Party] = [:], locationOwners: [String: String] = [:], categories: [String: String] = [:]) {
        self.parties = parties
        self.locationOwners = locationOwners
        self.categories = categories
    }

    /// Reads parties (`…vtype:Party`), locations (`…vtype:BusinessLocation`, attribute `owner`) and products
    /// (`…vtype:EPCClass`, attributes `gtin` and `category`) from master data.
    /// - Parameter vocabularies: the master data.
    public init(masterData vocabularies: [Vocabulary]) {
        self.init()
        func text(_ element: VocabularyElement, _ name: String) -> String? {
            guard case .string(let value)? = element.attributes.first(where: { $0.id == Self.namespace + name })?.value
            else { return nil }
            return value
        }
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = IdentifierURI(element.id).canonicalKey
                switch vocabulary.type {
                case "urn:epcglobal:epcis:vtype:Party":
                    let flag = element.attributes.first { $0.id == Self.namespace + "blacklisted" }?.value
                    let blacklisted = flag == .bool(true) || flag == .string("true")
                    parties[key] = Party(licenceStatus: text(element, "licenceStatus") ?? "active", blacklisted: blacklisted)
                case "urn:epcglobal:epcis:vtype:BusinessLocation":
                    if let owner = text(element, "owner") { locationOwners[key] = IdentifierURI(owner).canonicalKey }
                case "urn:epcglobal:epcis:vtype:EPCClass":
                    if let gtin = text(element, "gtin"), let category = text(element, "category") { categories[gtin] = category }
                default:
                    break
                }
            }
        }
    }

    /// The category of a class or item key (a GS1 Digital Link naming a GTIN).
    func category(of key: String) -> String? {
        // A byte search: Foundation's range(of:) cost microseconds a call, once per shipped element.
        var key = key
        return key.withUTF8 { bytes in
            guard bytes.count >= 4 else { return nil }
            for start in 0...(bytes.count - 4)
            where bytes[start] == 0x2F && bytes[start + 1] == 0x30 && bytes[start + 2] == 0x31 && bytes[start + 3] == 0x2F {
                let gtin = UnsafeBufferPointer(rebasing: bytes[(start + 4)..<min(start + 18, bytes.count)])
                return categories[String(decoding: gtin, as: UTF8.self)]
            }
            return nil
        }
    }
}
