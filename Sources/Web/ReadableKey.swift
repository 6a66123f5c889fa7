import Foundation

/// A GS1 key as people read it, in place of the URL the stores keep (`https://id.gs1.org/417/6901234000017` →
/// "GLN 6901234000017"): the name of the key from the catalog (`keys.417`), its value, and its qualifiers.
public enum ReadableKey {
    /// The readable form of a canonical key (a GS1 Digital Link URI); other URIs without their scheme and host
    /// noise, never as a raw URL.
    /// - Parameters:
    ///   - key: a canonical key or any URI.
    ///   - catalog: the reader's catalog, which names the AIs.
    /// - Returns: e.g. `GLN 6901234000017`, `GTIN 06901234000016 · 批号 L1`.
    public static func text(_ key: String, catalog: MessageCatalog) -> String {
        let pairs = digitalLinkPairs(key)
        guard !pairs.isEmpty else { return plain(key) }
        return pairs.map { ai, value in
            catalog.message("keys.ai\(ai)").map { "\($0) \(value)" } ?? "(\(ai)) \(value)"
        }.joined(separator: catalog.text("list.dot"))
    }

    /// The AI/value pairs of a GS1 Digital Link path, empty when the key is not one.
    public static func digitalLinkPairs(_ key: String) -> [(ai: String, value: String)] {
        guard let range = key.range(of: "://") else { return [] }
        let afterScheme = key[range.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return [] }
        let path = afterScheme[slash...].prefix { $0 != "?" && $0 != "#" }
        let parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        guard parts.count >= 2, parts.count % 2 == 0,
            parts.enumerated().allSatisfy({ $0.offset % 2 == 1 || $0.element.allSatisfy(\.isNumber) })
        else { return [] }
        return stride(from: 0, to: parts.count, by: 2).map { (parts[$0], parts[$0 + 1]) }
    }

    /// A URI that is no GS1 key, without `https://` or `urn:` noise: its last meaningful part.
    private static func plain(_ key: String) -> String {
        if key.hasPrefix("urn:") {
            return key.split(separator: ":").last.map(String.init) ?? key
        }
        guard let range = key.range(of: "://") else { return key }
        let rest = key[range.upperBound...]
        let host = rest.prefix { $0 != "/" }
        let last = rest.split(separator: "/").dropFirst().last.map(String.init)
        return last.map { "\(host) · \($0)" } ?? String(host)
    }
}
