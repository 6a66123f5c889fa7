/// The label page (template `portal-labels`): print QR labels for a lot the party holds, or for a series of serial
/// numbers of a product, as an SVG sheet sized for A4 label paper with 3 × 8 labels.
public struct PortalLabelsModel: PageModel {
    public static let template = "portal-labels"

    public let language: PageLanguage
    let frame: PortalFrame
    let lots: [PortalFormModel.Field.Option]
    let products: [PortalFormModel.Field.Option]
    let hasLots: Bool

    /// Makes the page.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - party: the party's name.
    ///   - lots: the lots it holds (value: the lot's key).
    ///   - products: the products of the master data (value: GTIN).
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, party: String, lots: [PortalFormModel.Field.Option],
        products: [PortalFormModel.Field.Option], renderer: PageRenderer = .shared
    ) {
        self.language = language
        frame = PortalFrame(
            language: language, title: renderer.catalog(language).text("portal.labels.title"), party: party,
            current: "labels", renderer: renderer)
        self.lots = lots
        self.products = products
        hasLots = !lots.isEmpty
    }
}
