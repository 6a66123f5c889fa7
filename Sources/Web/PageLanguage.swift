import Foundation

/// The languages of Suyuan's pages: Simplified Chinese for the people the platform serves, English for everyone
/// else. How a request chooses one is docs/decisions/0014-page-languages-and-names.md.
public enum PageLanguage: String, CaseIterable, Hashable, Sendable {
    /// Simplified Chinese, as in China.
    case zhCN = "zh-CN"
    /// English.
    case en

    /// The cookie that remembers a reader's choice.
    public static let cookieName = "suyuan_lang"

    /// The language a request asks for: `?lang=` first (a choice just made), then the remembered cookie, then the
    /// browser's `Accept-Language`; Chinese when the browser says nothing, English when it names only other languages.
    /// - Parameters:
    ///   - query: the `lang` query parameter, if any.
    ///   - cookie: the value of the ``cookieName`` cookie, if any.
    ///   - acceptLanguage: the `Accept-Language` header, if any.
    /// - Returns: the language to render in.
    public static func negotiate(query: String?, cookie: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let language = PageLanguage(tag: query) { return language }
        if let cookie, let language = PageLanguage(tag: cookie) { return language }
        return preferred(acceptLanguage)
    }

    /// The first of our languages in an `Accept-Language` header, by quality (RFC 9110 section 12.5.4).
    /// - Parameter header: the header, e.g. `en-US,en;q=0.9,zh-CN;q=0.8`.
    /// - Returns: the language; ``zhCN`` when there is no header or it is only `*`, ``en`` when it names others only.
    public static func preferred(_ header: String?) -> PageLanguage {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { return .zhCN }
        var ranges: [(tag: String, quality: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0 { ranges.append((tag, quality, order)) }
        }
        ranges.sort { ($0.quality, -$0.order) > ($1.quality, -$1.order) }
        for range in ranges {
            if range.tag == "*" { return .zhCN }
            if let language = PageLanguage(tag: range.tag) { return language }
        }
        return .en
    }

    /// Reads a language tag: any Chinese (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`) is ``zhCN``, any English is ``en``.
    /// - Parameter tag: a BCP 47 tag, case-insensitive.
    public init?(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        switch primary {
        case "zh": self = .zhCN
        case "en": self = .en
        default: return nil
        }
    }

    /// Whether a master data value's language tag names this language (`zh-Hans-CN` and `zh` are Chinese).
    /// - Parameter tag: the value's BCP 47 tag.
    public func matches(_ tag: String) -> Bool { PageLanguage(tag: tag) == self }

    /// The other language, which the page's switch offers.
    public var other: PageLanguage { self == .zhCN ? .en : .zhCN }
}
