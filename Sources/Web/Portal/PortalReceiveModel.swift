/// The shipments addressed to a party that it has not confirmed yet (template `portal-receive`), each with a link
/// to its receipt form, and a photo upload that finds a shipment by its code.
public struct PortalReceiveModel: PageModel {
    public static let template = "portal-receive"

    /// One shipment waiting.
    public struct Row: Sendable, Hashable {
        /// Who sent it.
        public var from: String
        /// When it was shipped, in words.
        public var shipped: String
        /// What it holds, in words.
        public var contents: String
        /// Its business transaction (the delivery note's number).
        public var transaction: String
        /// The receipt form.
        public var href: String

        /// Makes a row.
        public init(from: String, shipped: String, contents: String, transaction: String, href: String) {
            self.from = from
            self.shipped = shipped
            self.contents = contents
            self.transaction = transaction
            self.href = href
        }
    }

    public let language: PageLanguage
    let frame: PortalFrame
    let rows: [Row]
    let hasRows: Bool
    let error: String?
    let scanning: Bool

    /// Makes the page.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - party: the party's name.
    ///   - rows: the shipments waiting.
    ///   - error: what went wrong with the last scan.
    ///   - scanning: whether this server decodes photos of codes.
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, party: String, rows: [Row], error: String? = nil, scanning: Bool,
        renderer: PageRenderer = .shared
    ) {
        self.language = language
        frame = PortalFrame(
            language: language, title: renderer.catalog(language).text("portal.receive.title"), party: party,
            current: "receive", renderer: renderer)
        self.rows = rows
        hasRows = !rows.isEmpty
        self.error = error
        self.scanning = scanning
    }
}
