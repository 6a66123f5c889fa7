public import EPCIS
internal import Identifiers

/// A licence's standing with the regulator.
public enum LicenceStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case active, suspended, revoked
}

/// The part a party plays in the demo chains.
public enum DemoRole: String, Hashable, Sendable, CaseIterable {
    case pigFarm, slaughterhouse, wholesaleMarket, supermarket, foodMarket, vegetableFarm
    case dairyFarm, formulaFactory, dairyDistributor, drugManufacturer, drugDistributor, pharmacy, hospital
}

/// One party of the demo world with its one location.
public struct DemoParty: Hashable, Sendable {
    /// The party's PGLN, as an EPC URN.
    public var pgln: String
    /// The party's site, an SGLN EPC URN.
    public var location: String
    /// The party's GS1 Company Prefix (7 digits), used for its SSCCs and documents.
    public var companyPrefix: String
    /// The party's name.
    public var name: String
    /// What it does.
    public var role: DemoRole
    /// Its licence number.
    public var licenceNumber: String
    /// Its licence's standing.
    public var licenceStatus: LicenceStatus
    /// Whether the regulator blacklisted it.
    public var blacklisted: Bool

    /// Whether it may trade: an active licence and not blacklisted.
    public var isLicensed: Bool { licenceStatus == .active && !blacklisted }
}

/// One product (a trade item class) of the demo world.
public struct DemoProduct: Hashable, Sendable {
    /// The GTIN-14.
    public var gtin: String
    /// The EPC URN stem `prefix.indicatorItemRef` for SGTIN/LGTIN URNs.
    public var stem: String
    /// The product's name.
    public var name: String
    /// The category the Reconciler's tolerances are keyed by (`meat`, `vegetables`, `dairy`, `drugs`).
    public var category: String
    /// The unit its class-level quantities use (`KGM`) or `EA` for serialised items.
    public var unit: String

    /// The LGTIN class URN of one lot.
    public func lgtin(_ lot: String) -> String { "urn:epc:class:lgtin:\(stem).\(lot)" }
    /// The SGTIN URN of one item.
    public func sgtin(_ serial: String) -> String { "urn:epc:id:sgtin:\(stem).\(serial)" }
    /// The SGTIN pattern URN of every item of the product.
    public var idpat: String { "urn:epc:idpat:sgtin:\(stem).*" }
}

/// The parties, locations and products of a demo world, and their EPCIS master data.
public struct DemoWorld: Sendable {
    /// The namespace of the master-data attributes CBV has no term for (licence, status, category).
    public static let namespace = "https://ns.suyuan.org/mda#"
    /// Every party, good and bad.
    public private(set) var parties: [DemoParty] = []
    /// The products by short key (`pig`, `belly`, `loin`, …).
    public private(set) var products: [String: DemoProduct] = [:]
    private var licensedByRole: [DemoRole: [DemoParty]] = [:]
    private var unlicensedByRole: [DemoRole: [DemoParty]] = [:]

    /// Builds the world for a scale.
    /// - Parameters:
    ///   - targetEvents: the number of events the world must carry; more events, more parties.
    ///   - rng: the generator to draw names and licence numbers from.
    init(targetEvents: Int, rng: inout SplitMix64) {
        let scale = max(1, Int(Double(max(targetEvents, 1) / 2_000).squareRoot()))
        var index = 0
        for role in DemoRole.allCases {
            let count = 2 * scale
            for number in 0...count {
                index += 1
                let prefix = "69\(String(100_000 + index).suffix(5))"
                let bad = number == count
                let status: LicenceStatus = bad ? [.suspended, .revoked, .active][index % 3] : .active
                let party = DemoParty(
                    pgln: "urn:epc:id:pgln:\(prefix).00001",
                    location: "urn:epc:id:sgln:\(prefix).00001.0",
                    companyPrefix: prefix,
                    name: "\(Self.names[role, default: "Party"]) \(number + 1)",
                    role: role,
                    licenceNumber: "SC\(rng.digits(14))",
                    licenceStatus: status,
                    blacklisted: bad && status == .active
                )
                parties.append(party)
                if bad { unlicensedByRole[role, default: []].append(party) } else {
                    licensedByRole[role, default: []].append(party)
                }
            }
        }
        let catalogue: [(String, String, String, String)] = [
            ("pig", "Live pigs", "meat", "KGM"), ("belly", "Pork belly", "meat", "KGM"),
            ("loin", "Pork loin", "meat", "KGM"), ("cabbage", "Chinese cabbage", "vegetables", "KGM"),
            ("bokchoy", "Bok choy", "vegetables", "KGM"), ("tomato", "Tomatoes", "vegetables", "KGM"),
            ("milk", "Raw cow milk", "dairy", "KGM"), ("powder", "Whole milk powder", "dairy", "KGM"),
            ("formula", "Infant formula stage 1, 800 g can", "dairy", "EA"),
            ("api", "Amoxicillin (API)", "drugs", "KGM"), ("tablets", "Amoxicillin 250 mg, 24 capsules", "drugs", "EA"),
        ]
        for (offset, entry) in catalogue.enumerated() {
            let itemRef = String(10_001 + offset)
            let body = "0" + "6901234" + itemRef
            let check = GS1CheckDigit.compute(body).map(String.init) ?? "0"
            products[entry.0] = DemoProduct(
                gtin: body + check, stem: "6901234.0\(itemRef)", name: entry.1, category: entry.2, unit: entry.3)
        }
    }

    /// A licensed party for a role.
    func licensed(_ role: DemoRole, _ rng: inout SplitMix64) -> DemoParty {
        rng.pick(licensedByRole[role] ?? [])
    }

    /// An unlicensed (suspended, revoked or blacklisted) party for a role.
    func unlicensed(_ role: DemoRole, _ rng: inout SplitMix64) -> DemoParty {
        rng.pick(unlicensedByRole[role] ?? [])
    }

    /// The product with a short key from the catalogue.
    func product(_ key: String) -> DemoProduct {
        products[key] ?? DemoProduct(gtin: "", stem: "", name: key, category: "", unit: "KGM")
    }

    private static let names: [DemoRole: String] = [
        .pigFarm: "Hog Farm", .slaughterhouse: "Slaughterhouse", .wholesaleMarket: "Wholesale Market",
        .supermarket: "Supermarket", .foodMarket: "Food Market", .vegetableFarm: "Vegetable Farm",
        .dairyFarm: "Dairy Farm", .formulaFactory: "Milk Powder Factory", .dairyDistributor: "Dairy Distributor",
        .drugManufacturer: "Pharmaceutical Works", .drugDistributor: "Pharma Distributor", .pharmacy: "Pharmacy",
        .hospital: "Hospital",
    ]

    /// The world as EPCIS master data: parties, locations and products.
    public var vocabularies: [Vocabulary] {
        let mda = "urn:epcglobal:cbv:mda#"
        func text(_ id: String, _ value: String) -> VocabularyAttribute { VocabularyAttribute(id: id, value: .string(value)) }
        let partyElements = parties.map { party in
            VocabularyElement(id: party.pgln, attributes: [
                text(mda + "name", party.name),
                text(Self.namespace + "role", party.role.rawValue),
                text(Self.namespace + "licenceNumber", party.licenceNumber),
                text(Self.namespace + "licenceStatus", party.licenceStatus.rawValue),
                // The JSON schema allows a number, a string or an object as an attribute value, not a boolean.
                text(Self.namespace + "blacklisted", party.blacklisted ? "true" : "false"),
            ])
        }
        let locationElements = parties.map { party in
            VocabularyElement(id: party.location, attributes: [
                text(mda + "name", party.name + " site"),
                text(mda + "streetAddressOne", "\(party.companyPrefix.suffix(3)) Industrial Road"),
                text(mda + "city", ["Beijing", "Shanghai", "Chengdu", "Harbin", "Guangzhou"][party.name.count % 5]),
                text(mda + "countryCode", "CN"),
                text(Self.namespace + "owner", party.pgln),
            ])
        }
        let productElements = products.values.sorted { $0.gtin < $1.gtin }.map { product in
            VocabularyElement(id: product.idpat, attributes: [
                text(mda + "descriptionShort", product.name),
                text(Self.namespace + "gtin", product.gtin),
                text(Self.namespace + "category", product.category),
                text(mda + "netContentUom", product.unit),
            ])
        }
        return [
            Vocabulary(type: "urn:epcglobal:epcis:vtype:Party", elements: partyElements),
            Vocabulary(type: "urn:epcglobal:epcis:vtype:BusinessLocation", elements: locationElements),
            Vocabulary(type: "urn:epcglobal:epcis:vtype:EPCClass", elements: productElements),
        ]
    }
}
