import Foundation

extension DigitalLinkNormaliser {
    private static let dlShape = compile(
        #"^https?:(\/\/((([^\/?#]*)@)?([^\/?#:]*)(:([^\/?#]*))?))?((([^?#]*)(\/(01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai)\/)(\d{4}[^\/]+)(\/[^/]+\/[^/]+)?[/]?(\?([^?\n]*))?(#([^\n]*))?)|(\/[A-Za-z_-]{10}$))"#
    )
    private static let canonicalDomain = compile(
        #"^https:\/\/id.gs1.org\/(01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)\/(\d{4}[^\/]+)(\/[^\/]+\/[^\/]+)?[\/]?(\?([^?\n]*))?(#([^\n]*))?|(\/[A-Za-z_-]{10}$)"#
    )
    private static let shortNames: [(String, String)] = [
        ("/gtin/", "/01/"), ("/itip/", "/8006/"), ("/cpid/", "/8010/"), ("/gln/", "/414/"), ("/party/", "/417/"),
        ("/gsrnp/", "/8017/"), ("/gsrn/", "/8018/"), ("/gcn/", "/255/"), ("/sscc/", "/00/"), ("/gdti/", "/253/"),
        ("/ginc/", "/401/"), ("/gsin/", "/402/"), ("/grai/", "/8003/"), ("/giai/", "/8004/"), ("/cpv/", "/22/"),
        ("/lot/", "/10/"), ("/ser/", "/21/"),
    ]
    private static let keyOrder = [
        "/00/", "/01/", "/253/", "/255/", "/401/", "/402/", "/414/", "/417/", "/8003/", "/8004/", "/8006/", "/8010/",
        "/8017/", "/8018/",
    ]
    private static let safeRun = #"[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"#
    private static let safeSlashRun = #"[\x2F\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"#
    private static let gtin14 = compile(#"^https:\/\/id.gs1.org\/01\/\d{14}"#)
    private static let gtin13 = compile(#"^https:\/\/id.gs1.org\/01\/\d{13}"#)
    private static let gtin12 = compile(#"^https:\/\/id.gs1.org\/01\/\d{12}"#)
    private static let gtin8 = compile(#"^https:\/\/id.gs1.org\/01\/\d{8}"#)
    private static let cpvLast = [
        compile(#"https:\/\/id.gs1.org\/8006\/\d{18}\/22\/("# + safeRun + #"{0,20})$"#),
        compile(#"https:\/\/id.gs1.org\/01\/\d{14}\/22\/("# + safeRun + #"{0,20})$"#),
    ]
    private static let cpvFollowed = [
        compile(#"https:\/\/id.gs1.org\/8006\/\d{18}\/22\/("# + safeSlashRun + #"{0,20})$"#),
        compile(#"https:\/\/id.gs1.org\/01\/\d{14}\/22\/("# + safeSlashRun + #"{0,20})$"#),
    ]
    private static let lotAndSerial = [
        compile(#"https:\/\/id.gs1.org\/8006\/\d{18}\/10\/("# + safeRun + #"{0,20})\/21\/("# + safeRun + #"{0,20})$"#),
        compile(#"https:\/\/id.gs1.org\/01\/(\d{14})\/10\/("# + safeRun + #"{0,20})\/21\/("# + safeRun + #"{0,20})$"#),
    ]
    private static let valid: [NSRegularExpression?] = [
        #"https:\/\/id.gs1.org\/00\/(\d{18})$"#,
        #"https:\/\/id.gs1.org\/01\/(\d{14})\/21\/("# + safeRun + #"{0,20})$"#,
        #"https:\/\/id.gs1.org\/01\/(\d{14})\/10\/("# + safeRun + #"{0,20})$"#,
        #"https:\/\/id.gs1.org\/01\/(\d{14})$"#,
        #"https:\/\/id.gs1.org\/01\/(\d{14})\/235\/("# + safeRun + #"{0,28})$"#,
        #"https:\/\/id.gs1.org\/253\/(\d{13})("# + safeRun + #"{0,17})$"#,
        #"https:\/\/id.gs1.org\/255\/(\d{13})(\d{0,12})$"#,
        #"https:\/\/id.gs1.org\/401\/("# + safeRun + #"{0,30})$"#,
        #"https:\/\/id.gs1.org\/402\/(\d{17})$"#,
        #"https:\/\/id.gs1.org\/414\/(\d{13})$"#,
        #"https:\/\/id.gs1.org\/414\/(\d{13})\/254\/("# + safeRun + #"{0,20})$"#,
        #"https:\/\/id.gs1.org\/417\/(\d{13})$"#,
        #"https:\/\/id.gs1.org\/8003\/(\d{14})("# + safeRun + #"{0,16})$"#,
        #"https:\/\/id.gs1.org\/8004\/("# + safeRun + #"{0,30})$"#,
        #"https:\/\/id.gs1.org\/8006\/(\d{18})\/21\/("# + safeRun + #"{0,20})$"#,
        #"https:\/\/id.gs1.org\/8006\/(\d{18})\/10\/("# + safeRun + #"{0,20})$"#,
        #"https:\/\/id.gs1.org\/8006\/(\d{18})$"#,
        #"https:\/\/id.gs1.org\/8010\/([\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30})\/8011/(\d{0,12})$"#,
        #"https:\/\/id.gs1.org\/8010\/([\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30})$"#,
        #"https:\/\/id.gs1.org\/8017\/(\d{18})$"#,
        #"https:\/\/id.gs1.org\/8018\/(\d{18})$"#,
    ].map(compile)

    private static let pathKeys: Set<Substring> = [
        "01", "gtin", "8006", "itip", "8010", "cpid", "414", "gln", "417", "party", "8017", "gsrnp", "8018", "gsrn",
        "255", "gcn", "00", "sscc", "253", "gdti", "401", "ginc", "402", "gsin", "8003", "grai", "8004", "giai",
    ]

    /// A cheap necessary condition of `dlShape`: some path segment is a primary key followed by a segment that
    /// starts with four digits. Most URIs in events (CBV web URIs, transaction URLs) fail it and skip the regex.
    private static func mayBeDigitalLink(_ uri: String) -> Bool {
        let segments = uri.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard segments.count > 2 else { return false }
        for i in 0..<(segments.count - 1) where segments[i].count <= 5 {
            guard pathKeys.contains(Substring(segments[i])) else { continue }
            let next = segments[i + 1]
            if next.count >= 4, next.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        }
        return false
    }

    /// The Digital Link half of the reference's `normaliser`.
    static func normaliseWebURI(_ input: String) -> String? {
        guard mayBeDigitalLink(input), matches(dlShape, input) else { return nil }
        var uri = input
        if let q = uri.firstIndex(of: "?") { uri = String(uri[..<q]) }
        for (short, ai) in shortNames where uri.containsBytes(short) {
            uri = uri.replacingOccurrences(of: short, with: ai)
        }
        if !matches(canonicalDomain, uri) {
            for key in keyOrder {
                if let r = uri.range(of: key) {
                    uri = "https://id.gs1.org" + uri[r.lowerBound...]
                    break
                }
            }
        }
        if !matches(gtin14, uri) {
            if matches(gtin13, uri) {
                uri = uri.replacingOccurrences(of: "/01/", with: "/01/0")
            } else if matches(gtin12, uri) {
                uri = uri.replacingOccurrences(of: "/01/", with: "/01/00")
            } else if matches(gtin8, uri) {
                uri = uri.replacingOccurrences(of: "/01/", with: "/01/000000")
            }
        }
        if let cpv = uri.range(of: "/22/") {
            let after = uri[cpv.upperBound...]
            if cpvLast.contains(where: { matches($0, uri) }) {
                uri = String(uri[..<cpv.lowerBound])
            } else if cpvFollowed.contains(where: { matches($0, uri) }) {
                let rest = after.firstIndex(of: "/").map { String(after[$0...]) } ?? String(after.suffix(1))
                uri = String(uri[..<cpv.lowerBound]) + rest
            }
        }
        if lotAndSerial.contains(where: { matches($0, uri) }), let lot = uri.range(of: "/10/") {
            let after = uri[lot.upperBound...]
            let rest = after.firstIndex(of: "/").map { String(after[$0...]) } ?? String(after.suffix(1))
            uri = String(uri[..<lot.lowerBound]) + rest
        }
        return valid.contains(where: { matches($0, uri) }) ? uri : nil
    }
}
