import Identifiers

/// Deterministic generator of GS1 test inputs (a 64-bit LCG, so every run produces the same table).
struct InputGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(next(10))) })
    }

    mutating func withCheckDigit(_ count: Int) -> String {
        let body = digits(count - 1)
        return body + String(GS1CheckDigit.compute(body) ?? 0)
    }

    mutating func text(_ maxLength: Int, charset: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./_:") -> String {
        let chars = Array(charset)
        return String((0..<(1 + next(maxLength))).map { _ in chars[next(chars.count)] })
    }

    mutating func date(dayZero: Bool = false) -> String {
        let day = dayZero && next(5) == 0 ? 0 : 1 + next(28)
        return digits(2) + String(1 + next(12)).leftPad(2) + String(day).leftPad(2)
    }

    mutating func primaryKey() -> [AIElement] {
        switch next(10) {
        case 0: [AIElement(ai: "00", value: withCheckDigit(18))]
        case 1: [AIElement(ai: "414", value: withCheckDigit(13)), AIElement(ai: "254", value: text(20))]
        case 2: [AIElement(ai: "8003", value: "0" + withCheckDigit(13) + digits(next(8)))]
        case 3: [AIElement(ai: "8004", value: digits(7) + text(20))]
        case 4: [AIElement(ai: "8018", value: withCheckDigit(18))]
        case 5: [AIElement(ai: "253", value: withCheckDigit(13) + text(17))]
        case 6: [AIElement(ai: "01", value: withCheckDigit(14)), AIElement(ai: "10", value: text(20))]
        default: [AIElement(ai: "01", value: withCheckDigit(14)), AIElement(ai: "21", value: text(20))]
        }
    }

    mutating func attribute() -> AIElement {
        let decimals = ["310", "311", "315", "320", "330", "356", "3370"]
        switch next(16) {
        case 0: return AIElement(ai: "17", value: date(dayZero: true))
        case 1: return AIElement(ai: "11", value: date())
        case 2: return AIElement(ai: "15", value: date(dayZero: true))
        case 3:
            let base = decimals[next(decimals.count)]
            return AIElement(ai: base.count == 4 ? base : base + String(next(6)), value: digits(6))
        case 4: return AIElement(ai: "30", value: String(1 + next(9999)))
        case 5: return AIElement(ai: "400", value: text(30))
        case 6: return AIElement(ai: "410", value: withCheckDigit(13))
        case 7: return AIElement(ai: "422", value: String(100 + next(800)))
        case 8: return AIElement(ai: "7003", value: date() + String(next(24)).leftPad(2) + String(next(60)).leftPad(2))
        case 9: return AIElement(ai: "240", value: text(30))
        case 10: return AIElement(ai: "20", value: digits(2))
        case 11: return AIElement(ai: "91", value: text(90))
        case 12: return AIElement(ai: "8008", value: date() + String(next(24)).leftPad(2))
        case 13: return AIElement(ai: "7006", value: date())
        case 14: return AIElement(ai: "420", value: text(20, charset: "0123456789ABCDEF"))
        default: return AIElement(ai: "37", value: String(1 + next(99_999)))
        }
    }

    mutating func message() -> [AIElement] {
        var elements = primaryKey()
        for _ in 0..<next(4) {
            let attribute = attribute()
            if !elements.contains(where: { $0.ai == attribute.ai }) { elements.append(attribute) }
        }
        return elements
    }

    mutating func symbology(_ index: Int) -> String {
        ["]d2", "]C1", "]Q3", ""][index % 4]
    }

    /// Breaks a bracketed string: a wrong check digit, month 13, or a value one character too long.
    mutating func broken(_ text: String) -> String {
        switch next(3) {
        case 0:
            // Change the last digit of the first value (a check digit for most keys).
            guard let close = text.firstIndex(of: ")") else { return text }
            let rest = text[text.index(after: close)...]
            guard let end = rest.firstIndex(of: "(") ?? Optional(rest.endIndex), end > rest.startIndex else { return text }
            let lastIndex = rest.index(before: end)
            guard let digit = rest[lastIndex].wholeNumberValue else { return text + "(17)201301" }
            return String(text[..<lastIndex]) + String((digit + 1) % 10) + String(text[rest.index(after: lastIndex)...])
        case 1:
            return text + "(17)" + digits(2) + "13" + "01"
        default:
            return text + "(20)" + digits(3)
        }
    }

    mutating func domain() -> String {
        ["https://id.gs1.org", "https://example.com", "http://shop.example.org/qr", "https://brand.example/a/b"][next(4)]
    }

    /// A pure identity URN with a binary scheme and filter that should encode.
    mutating func epcQuestion() -> OracleDifferentialTests.Question {
        let cpLength = 6 + next(7)
        let cp = "0" + digits(cpLength - 1)
        let serialNumber = String(1 + next(1_000_000_000))
        let filter = next(8)
        let alnum = text(12, charset: "ABCXYZabcxyz0123456789-_")
        switch next(10) {
        case 0:
            return .init(urn: "urn:epc:id:sgtin:\(cp).\(digits(13 - cpLength)).\(serialNumber)", scheme: "sgtin-96", filter: filter)
        case 1:
            return .init(urn: "urn:epc:id:sgtin:\(cp).\(digits(13 - cpLength)).\(alnum)", scheme: "sgtin-198", filter: filter)
        case 2:
            return .init(urn: "urn:epc:id:sscc:\(cp).\(digits(17 - cpLength))", scheme: "sscc-96", filter: filter)
        case 3:
            return .init(urn: "urn:epc:id:sgln:\(cp).\(digits(12 - cpLength)).\(serialNumber)", scheme: "sgln-96", filter: filter)
        case 4:
            return .init(urn: "urn:epc:id:sgln:\(cp).\(digits(12 - cpLength)).\(alnum)", scheme: "sgln-195", filter: filter)
        case 5:
            return .init(urn: "urn:epc:id:grai:\(cp).\(digits(12 - cpLength)).\(serialNumber)", scheme: "grai-96", filter: filter)
        case 6:
            return .init(urn: "urn:epc:id:grai:\(cp).\(digits(12 - cpLength)).\(alnum)", scheme: "grai-170", filter: filter)
        case 7:
            return .init(urn: "urn:epc:id:giai:\(cp).\(serialNumber)", scheme: "giai-96", filter: filter)
        case 8:
            return .init(urn: "urn:epc:id:giai:\(cp).\(alnum)", scheme: "giai-202", filter: filter)
        default:
            let manager = String(1 + next(99_999_999))
            return .init(urn: "urn:epc:id:gid:\(manager).\(next(9_999_999)).\(next(99_999_999))", scheme: "gid-96", filter: 0)
        }
    }
}

extension String {
    func leftPad(_ length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension InputGenerator {
    /// A URN-escaped text of up to `maxLength` characters, mixing characters EPC URNs write literally with
    /// ones they escape.
    mutating func urnText(_ maxLength: Int) -> String {
        let literal = Array("ABCxyz0189-_.:;=!'()*+,")
        let escaped = ["%2F", "%25", "%26", "%3C", "%3E", "%3F", "%22"]
        var out = ""
        for _ in 0..<(1 + next(maxLength)) {
            if next(6) == 0 { out += escaped[next(escaped.count)] } else { out.append(literal[next(literal.count)]) }
        }
        return out
    }

    /// A pure identity, class or pattern URN of any GS1 scheme.
    mutating func anyURN() -> String {
        let cpLength = 6 + next(7)
        let cp = digits(cpLength)
        let gtinRef = digits(13 - cpLength)
        let ref12 = digits(12 - cpLength)
        switch next(17) {
        case 0: return "urn:epc:id:sgtin:\(cp).\(gtinRef).\(urnText(20))"
        case 1: return "urn:epc:id:sscc:\(cp).\(digits(17 - cpLength))"
        case 2: return "urn:epc:id:sgln:\(cp).\(ref12).\(next(3) == 0 ? "0" : urnText(20))"
        case 3: return "urn:epc:id:grai:\(cp).\(ref12).\(urnText(16))"
        case 4: return "urn:epc:id:giai:\(cp).\(urnText(30 - cpLength))"
        case 5: return "urn:epc:id:gsrn:\(cp).\(digits(17 - cpLength))"
        case 6: return "urn:epc:id:gsrnp:\(cp).\(digits(17 - cpLength))"
        case 7: return "urn:epc:id:gdti:\(cp).\(ref12).\(urnText(17))"
        case 8: return "urn:epc:id:cpi:\(cp).\(text(min(12, 30 - cpLength), charset: "ABC0189-")).\(String(next(1_000_000)))"
        case 9: return "urn:epc:id:sgcn:\(cp).\(ref12).\(digits(1 + next(12)))"
        case 10: return "urn:epc:id:ginc:\(cp).\(urnText(30 - cpLength))"
        case 11: return "urn:epc:id:gsin:\(cp).\(digits(16 - cpLength))"
        case 12: return "urn:epc:id:itip:\(cp).\(gtinRef).\(digits(2)).\(digits(2)).\(urnText(20))"
        case 13: return "urn:epc:id:upui:\(cp).\(gtinRef).\(urnText(28))"
        case 14: return "urn:epc:id:pgln:\(cp).\(ref12)"
        case 15: return "urn:epc:class:lgtin:\(cp).\(gtinRef).\(urnText(20))"
        default: return "urn:epc:idpat:sgtin:\(cp).\(gtinRef).*"
        }
    }
}
