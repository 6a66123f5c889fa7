public import Foundation

/// The line each scan writes into its cached consumer page (template `scan-line`), after the MIIT pattern:
/// "这是该产品第N次查询" (this is query number N of this product), with the day of the first.
public struct ScanLineModel: PageModel {
    public static let template = "scan-line"

    public let language: PageLanguage
    let text: String
    let first: String?

    /// The line of a scan.
    /// - Parameters:
    ///   - count: how many scans there have been, this one included.
    ///   - first: when the first was.
    ///   - offsetMinutes: the offset to show the day in (where the product is).
    ///   - language: the reader's language.
    ///   - renderer: the catalogs.
    public init(
        count: Int, first: Date?, offsetMinutes: Int, language: PageLanguage, renderer: PageRenderer = .shared
    ) {
        let t = renderer.catalog(language)
        self.language = language
        text = t.format("scans.count", ["count": String(count)])
        self.first = count > 1 ? first.map {
            t.format("scans.first", ["day": LocalTime($0, offsetMinutes: offsetMinutes).day(t)])
        } : nil
    }

    /// A line of given texts (the frames of ``html`` are rendered with markers in them).
    public init(language: PageLanguage, text: String, first: String?) {
        self.language = language
        self.text = text
        self.first = first
    }
}
