import Foundation

/// The identifier normalisation of the GS1 event hash (CBV 2.0 section 8.9.2): any EPC URI, EPC class URI, EPC
/// pattern URI or GS1 Digital Link URI becomes a constrained canonical Digital Link on `https://id.gs1.org`, at
/// the finest level of identification and without key qualifiers such as CPV or a query string.
///
/// This is a line-by-line port of the reference implementation's `dl_normaliser.normaliser` (epcis-event-hash-generator
/// 1.9.3), regular expressions included, because the hash of an event is only useful when every implementation
/// produces the same string: what the reference accepts, rejects or rewrites, this does too. Values that are no GS1
/// identifier give nil and are hashed as they are.
enum DigitalLinkNormaliser {
    private static let chars = #"(\%2[125-9A-Fa-f]|\%3[0-9A-Fa-f]|\%4[1-9A-Fa-f]|\%5[0-9AaFf]|\%6[1-9A-Fa-f]|\%7[0-9Aa]|[!\')(*+,.0-9:;=A-Za-z_-])"#
    private static let cpiChars = #"(\%2[3dfDF]|\%3[0-9]|\%4[1-9A-Fa-f]|\%5[0-9Aa]|[0-9A-Z-])"#
    private static let gtinPrefix = #"((\d{6}\.\d{7})|(\d{7}\.\d{6})|(\d{8}\.\d{5})|(\d{9}\.\d{4})|(\d{10}\.\d{3})|(\d{11}\.\d{2})|(\d{12}\.\d{1}))"#
    private static let glnPrefix = #"((\d{6}\.\d{6})|(\d{7}\.\d{5})|(\d{8}\.\d{4})|(\d{9}\.\d{3})|(\d{10}\.\d{2})|(\d{11}\.\d{1})|(\d{12}\.))"#
    private static let glnPrefixDots = #"((\d{6}\.\d{6})|(\d{7}\.\d{5})|(\d{8}\.\d{4})|(\d{9}\.\d{3})|(\d{10}\.\d{2})|(\d{11}\.\d{1})|(\d{12}\.\.))"#
    private static let serviceRef = #"((\d{6}\.\d{11}$)|(\d{7}\.\d{10}$)|(\d{8}\.\d{9}$)|(\d{9}\.\d{8}$)|(\d{10}\.\d{7}$)|(\d{11}\.\d{6}$)|(\d{12}\.\d{5}$))"#
    private static func variable(_ c: String, _ total: Int) -> String {
        "(" + (6...12).map { #"(\d{\#($0)}\.\#(c){1,\#(total - $0)})"# }.joined(separator: "|") + ")"
    }
    private static let safe = #"[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"#

    /// One EPC URI scheme: its prefix, its pattern, and how the reference builds the Digital Link from it.
    private struct Rule: @unchecked Sendable {  // NSRegularExpression is immutable once compiled; only matched against.
        let prefix: String
        let regex: NSRegularExpression?
        let convert: @Sendable (_ uri: [UInt8], _ partition: Int) -> String
        /// A sufficient condition of the pattern for the plain shape `digits.digits[.alphanumerics]`, checked
        /// without the regex; when it does not hold, the regex decides.
        let fast: (@Sendable (PlainShape) -> Bool)?
    }

    private static func rule(
        _ prefix: String, _ body: String, fast: (@Sendable (PlainShape) -> Bool)? = nil,
        _ convert: @escaping @Sendable ([UInt8], Int) -> String
    ) -> Rule {
        let pattern = "^" + NSRegularExpression.escapedPattern(for: prefix) + body
        return Rule(prefix: prefix, regex: compile(pattern), convert: convert, fast: fast)
    }

    /// The lengths of `digits.digits[.alphanumerics]` after a scheme prefix; nil for any other shape.
    struct PlainShape {
        let companyPrefix: Int
        let reference: Int
        let tail: Int?

        init?(_ b: [UInt8], from start: Int) {
            var i = start
            func run(_ accept: (UInt8) -> Bool) -> Int {
                let begin = i
                while i < b.count, accept(b[i]) { i += 1 }
                return i - begin
            }
            let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
            let isAlphanumeric: (UInt8) -> Bool = {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
            }
            companyPrefix = run(isDigit)
            guard i < b.count, b[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            reference = run(isDigit)
            if i == b.count {
                tail = nil
                return
            }
            guard b[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            tail = run(isAlphanumeric)
            guard i == b.count else { return nil }
        }

        func key(_ total: Int, company: ClosedRange<Int> = 6...12) -> Bool {
            company.contains(companyPrefix) && companyPrefix + reference == total
        }
        func hasTail(_ range: ClosedRange<Int>) -> Bool { tail.map(range.contains) ?? false }
    }

    private static func str(_ b: [UInt8], _ from: Int, _ to: Int? = nil) -> String {
        let end = min(to ?? b.count, b.count)
        guard from < end else { return "" }
        return String(decoding: b[from..<end], as: UTF8.self)
    }

    private static func gtin(_ b: [UInt8], _ prefixStart: Int, _ partition: Int) -> String {
        let companyPrefix = str(b, prefixStart, partition)
        let itemRef = str(b, partition + 1, partition + 1 + (13 - companyPrefix.count))
        let raw = String(itemRef.prefix(1)) + companyPrefix + String(itemRef.dropFirst())
        return raw + checkDigit(raw)
    }

    private static func key12(_ b: [UInt8], _ prefixStart: Int, _ partition: Int, lead: String = "") -> String {
        let companyPrefix = str(b, prefixStart, partition)
        let ref = str(b, partition + 1, partition + 1 + (12 - companyPrefix.count))
        let raw = lead + companyPrefix + ref
        return raw + checkDigit(raw)
    }

    private static let rules: [Rule] = [
        rule(
            "urn:epc:id:sgtin:", gtinPrefix + #"\."# + chars + "{1,20}$",
            fast: { (shape: PlainShape) -> Bool in shape.key(13) && shape.hasTail(1...20) }
        ) { b, p in
            "https://id.gs1.org/01/" + gtin(b, 17, p) + "/21/" + percentEncode(str(b, 32))
        },
        rule("urn:epc:id:sscc:", serviceRef, fast: { $0.key(17) && $0.tail == nil }) { b, p in
            let companyPrefix = str(b, 16, p)
            let raw = str(b, p + 1, p + 2) + companyPrefix + str(b, p + 2)
            return "https://id.gs1.org/00/" + raw + checkDigit(raw)
        },
        rule(
            "urn:epc:id:sgln:", glnPrefix + #"\."# + chars + "{1,20}$",
            fast: { $0.key(12, company: 6...11) && $0.hasTail(1...20) }
        ) { b, p in
            let gln = key12(b, 16, p)
            let ext = str(b, 30)
            return "https://id.gs1.org/414/" + gln + (ext == "0" ? "" : "/254/" + percentEncode(ext))
        },
        rule(
            "urn:epc:id:grai:", glnPrefixDots + #"\."# + chars + "{1,16}$",
            fast: { $0.key(12, company: 6...11) && $0.hasTail(1...16) }
        ) { b, p in
            "https://id.gs1.org/8003/" + key12(b, 16, p, lead: "0") + percentEncode(str(b, 30))
        },
        rule("urn:epc:id:giai:", variable(chars, 30) + "$") { b, p in
            "https://id.gs1.org/8004/" + str(b, 16, p) + percentEncode(str(b, p + 1))
        },
        rule("urn:epc:id:gsrn:", serviceRef) { b, p in
            let raw = str(b, 16, p) + str(b, p + 1)
            return "https://id.gs1.org/8018/" + raw + checkDigit(raw)
        },
        rule("urn:epc:id:gsrnp:", serviceRef) { b, p in
            let raw = str(b, 17, p) + str(b, p + 1)
            return "https://id.gs1.org/8017/" + raw + checkDigit(raw)
        },
        rule("urn:epc:id:gdti:", glnPrefixDots + chars + "{1,20}$") { b, p in
            "https://id.gs1.org/253/" + key12(b, 16, p) + percentEncode(str(b, 30))
        },
        rule("urn:epc:id:cpi:", variable(cpiChars, 30) + #"\.[\d]{1,12}$"#) { b, p in
            let separator = b.lastIndex(of: UInt8(ascii: ".")) ?? p
            return "https://id.gs1.org/8010/" + percentEncode(str(b, 15, p) + str(b, p + 1, separator)) + "/8011/"
                + str(b, separator + 1)
        },
        rule("urn:epc:id:sgcn:", glnPrefix + #"\.[\d]{1,12}$"#) { b, p in
            "https://id.gs1.org/255/" + key12(b, 16, p) + str(b, 30)
        },
        rule("urn:epc:id:ginc:", variable(chars, 30) + "$") { b, p in
            "https://id.gs1.org/401/" + str(b, 16, p) + percentEncode(str(b, p + 1))
        },
        rule("urn:epc:id:gsin:", #"((\d{6}\.\d{10}$)|(\d{7}\.\d{9}$)|(\d{8}\.\d{8}$)|(\d{9}\.\d{7}$)|(\d{10}\.\d{6}$)|(\d{11}\.\d{5}$)|(\d{12}\.\d{4}$))"#) { b, p in
            let raw = str(b, 16, p) + str(b, p + 1)
            return "https://id.gs1.org/402/" + raw + checkDigit(raw)
        },
        rule("urn:epc:id:itip:", gtinPrefix + #"\.[\d]{2}\.[\d]{2}\."# + chars + "{1,20}$") { b, p in
            "https://id.gs1.org/8006/" + gtin(b, 16, p) + str(b, 31, 33) + str(b, 34, 36) + "/21/"
                + percentEncode(str(b, 37))
        },
        rule("urn:epc:id:upui:", gtinPrefix + #"\."# + chars + "{1,28}$") { b, p in
            "https://id.gs1.org/01/" + gtin(b, 16, p) + "/235/" + percentEncode(str(b, 31))
        },
        rule("urn:epc:id:pgln:", glnPrefix + "$", fast: { $0.key(12, company: 6...11) && $0.tail == nil }) { b, p in
            "https://id.gs1.org/417/" + key12(b, 16, p)
        },
        rule(
            "urn:epc:class:lgtin:", gtinPrefix + #"\."# + chars + "{1,20}$",
            fast: { $0.key(13) && $0.hasTail(1...20) }
        ) { b, p in
            "https://id.gs1.org/01/" + gtin(b, 20, p) + "/10/" + percentEncode(str(b, 35))
        },
        rule("urn:epc:idpat:sgtin:", gtinPrefix + #"\.\*$"#) { b, p in "https://id.gs1.org/01/" + gtin(b, 20, p) },
        rule("urn:epc:idpat:grai:", glnPrefixDots + #"\.\*$"#) { b, p in
            "https://id.gs1.org/8003/" + key12(b, 19, p, lead: "0")
        },
        rule("urn:epc:idpat:gdti:", glnPrefixDots + #"\.\*$"#) { b, p in "https://id.gs1.org/253/" + key12(b, 19, p) },
        rule("urn:epc:idpat:sgcn:", glnPrefixDots + #"\.\*$"#) { b, p in "https://id.gs1.org/255/" + key12(b, 19, p) },
        rule("urn:epc:idpat:cpi:", variable(cpiChars, 30) + #"\.\*$"#) { b, p in
            let separator = b.lastIndex(of: UInt8(ascii: ".")) ?? p
            return "https://id.gs1.org/8010/" + percentEncode(str(b, 18, p) + str(b, p + 1, separator))
        },
        rule("urn:epc:idpat:itip:", gtinPrefix + #"\.[\d]{2}\.[\d]{2}\.\*$"#) { b, p in
            "https://id.gs1.org/8006/" + gtin(b, 19, p) + str(b, 34, 36) + str(b, 37, 39)
        },
        rule("urn:epc:idpat:upui:", gtinPrefix + #"\.\*$"#) { b, p in "https://id.gs1.org/01/" + gtin(b, 19, p) },
    ]

    /// Normalises one value.
    /// - Parameter uri: any value of an event.
    /// - Returns: the constrained canonical Digital Link, or nil when `uri` is no GS1 identifier the reference reads.
    static func normalise(_ uri: String) -> String? {
        guard let dot = uri.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        if uri.hasPrefix("urn:epc:") {
            let partition = uri.utf8.distance(from: uri.utf8.startIndex, to: dot)
            for rule in rules where uri.hasPrefix(rule.prefix) {
                let bytes = Array(uri.utf8)
                if let fast = rule.fast, let shape = PlainShape(bytes, from: rule.prefix.utf8.count), fast(shape) {
                    return rule.convert(bytes, partition)
                }
                return matches(rule.regex, uri) ? rule.convert(bytes, partition) : nil
            }
            return nil
        }
        guard uri.hasPrefix("http") else { return nil }
        return DigitalLinkNormaliser.normaliseWebURI(uri)
    }

    static func matches(_ regex: NSRegularExpression?, _ text: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    static func compile(_ pattern: String) -> NSRegularExpression? {
        // Constant patterns of this file; a pattern that did not compile would match nothing, and the tests that
        // exercise every scheme would catch it.
        try? NSRegularExpression(pattern: pattern)
    }

    /// The GS1 check digit (GS1 General Specifications section 7.9.1).
    static func checkDigit(_ digits: String) -> String {
        var sum = 0
        for (i, c) in digits.utf8.reversed().enumerated() {
            let d = Int(c) - 48
            sum += i % 2 == 0 ? d * 3 : d
        }
        return String((10 - sum % 10) % 10)
    }

    /// Percent-encodes the characters the reference encodes (GS1 Digital Link 1.2 table 7-1, the part EPC URIs allow).
    static func percentEncode(_ text: String) -> String {
        guard text.utf8.contains(where: { "!()*+,:".utf8.contains($0) }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "!": out += "%21"
            case "(": out += "%28"
            case ")": out += "%29"
            case "*": out += "%2A"
            case "+": out += "%2B"
            case ",": out += "%2C"
            case ":": out += "%3A"
            default: out.append(c)
            }
        }
        return out
    }
}
