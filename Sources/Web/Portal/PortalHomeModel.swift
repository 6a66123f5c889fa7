/// A party's portal home (template `portal-home`): what it holds now, recalls addressed to it with a one-tap
/// acknowledgement, findings about it, shipments waiting for its confirmation, and the forms it can fill.
public struct PortalHomeModel: PageModel {
    public static let template = "portal-home"

    /// One lot the party holds.
    public struct StockRow: Sendable, Hashable {
        /// The product's name (or its GTIN).
        public var product: String
        /// The lot number (or the readable key).
        public var lot: String
        /// The quantity on hand, formatted.
        public var quantity: String
        /// The unit's label (`kg`, `pcs`).
        public var unit: String
        /// The label sheet of this lot.
        public var labelsHref: String

        /// Makes a row.
        public init(product: String, lot: String, quantity: String, unit: String, labelsHref: String) {
            self.product = product
            self.lot = lot
            self.quantity = quantity
            self.unit = unit
            self.labelsHref = labelsHref
        }
    }

    /// One recall addressed to the party.
    public struct RecallRow: Sendable, Hashable {
        /// The recall's ID (posted back to acknowledge).
        public var id: String
        /// Why it was recalled.
        public var reason: String
        /// What to withdraw, in words (lot, quantity, place).
        public var withdraw: String
        /// The quantity to withdraw, as a number for the form's default.
        public var quantity: String
        /// When and by whom it was acknowledged; nil while pending.
        public var acknowledged: String?
        /// The element ID.
        public var elementID: String

        /// Makes a row.
        public init(id: String, reason: String, withdraw: String, quantity: String, acknowledged: String?) {
            self.id = id
            self.reason = reason
            self.withdraw = withdraw
            self.quantity = quantity
            self.acknowledged = acknowledged
            elementID = "recall-" + String(id.suffix(12))
        }
    }

    /// One finding about the party, in words.
    public struct FindingRow: Sendable, Hashable {
        /// The kind, in words.
        public var kind: String
        /// What it concerns and the figures.
        public var detail: String

        /// Makes a row.
        public init(kind: String, detail: String) {
            self.kind = kind
            self.detail = detail
        }
    }

    public let language: PageLanguage
    let frame: PortalFrame
    let notice: String?
    let stock: [StockRow]
    let recalls: [RecallRow]
    let findings: [FindingRow]
    let incoming: Int
    let hasIncoming: Bool
    let forms: [PortalFrame.Link]
    let hasStock: Bool
    let hasRecalls: Bool
    let hasFindings: Bool

    /// Makes the page.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - party: the party's name.
    ///   - notice: what the last action did (an event saved…), already in words.
    ///   - stock: its holdings.
    ///   - recalls: recalls addressed to it.
    ///   - findings: findings about it.
    ///   - incoming: shipments waiting for its confirmation.
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, party: String, notice: String?, stock: [StockRow], recalls: [RecallRow],
        findings: [FindingRow], incoming: Int, renderer: PageRenderer = .shared
    ) {
        self.language = language
        let catalog = renderer.catalog(language)
        frame = PortalFrame(
            language: language, title: catalog.text("portal.home.title"), party: party, current: "home",
            renderer: renderer)
        self.notice = notice
        self.stock = stock
        self.recalls = recalls
        self.findings = findings
        self.incoming = incoming
        hasIncoming = incoming > 0
        forms = PortalFormKind.allCases.map {
            PortalFrame.Link(
                href: "/portal/record/\($0.rawValue)", label: catalog.text("portal.form.\($0.rawValue).title"),
                id: "form-\($0.rawValue)", current: false)
        }
        hasStock = !stock.isEmpty
        hasRecalls = !recalls.isEmpty
        hasFindings = !findings.isEmpty
    }
}

/// The portal's forms, each writing one kind of EPCIS event.
public enum PortalFormKind: String, Sendable, Hashable, CaseIterable {
    /// A harvest or production: a new lot (ObjectEvent ADD, commissioning).
    case produce
    /// Processing: inputs consumed, outputs made (TransformationEvent).
    case process
    /// Shipping lots from stock to another party (ObjectEvent OBSERVE, shipping).
    case ship
    /// Selling to consumers (ObjectEvent OBSERVE, retail_selling).
    case sell
    /// Destroying goods (ObjectEvent DELETE, destroying).
    case destroy
    /// A farm input used: a pesticide sprayed on a field, a veterinary drug given to a herd.
    case input
}
