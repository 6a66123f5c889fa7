import Foundation

/// The value rules of the GS1 event hash (CBV 2.0 section 8.9.2), as the reference implementation applies them:
/// CBV URNs become web URIs, numbers lose leading `+`, leading and trailing zeros, GS1 identifiers become
/// constrained canonical Digital Links, and timestamps become UTC with milliseconds.
enum HashValueCanonicaliser {
    private static let vocabularyURNs: [(String, String)] = [
        ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"),
        ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
        ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
        ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
        ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
    ]

    /// Any value that is not a timestamp.
    static func canonical(_ text: String) -> String {
        var value = text
        if value.containsBytes("urn:epcglobal:cbv:") {
            // Most such values are business transaction URNs (`urn:epcglobal:cbv:bt:…`), which hold none of these.
            for (urn, web) in vocabularyURNs where value.containsBytes(urn) {
                value = value.replacingOccurrences(of: urn, with: web)
            }
        }
        value = numeric(value) ?? value
        return DigitalLinkNormaliser.normalise(value) ?? value
    }

    /// A timestamp in UTC with exactly three fraction digits, the microseconds rounded half to even to milliseconds
    /// (Python's `round(microsecond, -3)`); text that is no timestamp is kept.
    static func timestamp(_ text: String) -> String {
        guard let time = EPCISDateTime(text) else { return text }
        return timestamp(time)
    }

    /// A timestamp in UTC with exactly three fraction digits, rounded as ``timestamp(_:)-swift.type.method`` does.
    static func timestamp(_ time: EPCISDateTime) -> String {
        let micro = Int64(time.nanoseconds / 1000)
        var millis = micro / 1000
        let rest = micro % 1000
        if rest > 500 || (rest == 500 && millis % 2 == 1) { millis += 1 }
        if millis == Int64(time.nanoseconds / 1_000_000) { return time.utcMillisecondText }
        let total = time.epochSeconds * 1000 + millis
        // Half a millisecond of margin keeps the floating-point instant inside the intended millisecond.
        return EPCISDateTime(Date(timeIntervalSince1970: (Double(total) + 0.5) / 1000)).utcMillisecondText
    }

    /// Python's `float(text)` then `str(int(x))` for whole numbers or `str(x)` otherwise; nil when `text` is no
    /// number Python reads (or is NaN or infinite, which the reference cannot write either).
    static func numeric(_ text: String) -> String? {
        guard let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39)
        else { return nil }
        guard let cleaned = pythonFloatLiteral(text), let value = Double(cleaned), value.isFinite else { return nil }
        return format(value)
    }

    /// A finite double as the reference writes it after its numeric normalisation.
    static func format(_ value: Double) -> String {
        if value == value.rounded() {
            if abs(value) < 9.0e18 { return String(Int64(value)) }
            return String(format: "%.0f", value)
        }
        return "\(value)"
    }

    /// The text without digit-group underscores, when it is a decimal literal Python's `float()` accepts.
    private static func pythonFloatLiteral(_ text: String) -> String? {
        let b = Array(text.utf8)
        var i = 0
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func digits() -> Int {
            var count = 0
            while i < b.count {
                if isDigit(b[i]) {
                    out.append(b[i])
                    count += 1
                    i += 1
                } else if b[i] == UInt8(ascii: "_"), count > 0, i + 1 < b.count, isDigit(b[i + 1]) {
                    i += 1
                } else {
                    break
                }
            }
            return count
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            out.append(b[i])
            i += 1
        }
        var mantissa = digits()
        if i < b.count, b[i] == UInt8(ascii: ".") {
            out.append(b[i])
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            out.append(UInt8(ascii: "e"))
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                out.append(b[i])
                i += 1
            }
            guard digits() > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        if out.last == UInt8(ascii: ".") { out.append(UInt8(ascii: "0")) }
        if out.first == UInt8(ascii: ".") { out.insert(UInt8(ascii: "0"), at: 0) }
        return String(decoding: out, as: UTF8.self)
    }
}
