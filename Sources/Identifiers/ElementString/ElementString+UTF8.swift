/// Byte-level parsing of element strings. Every character of a valid element string is ASCII, so the parser
/// walks UTF-8 bytes; whenever a value is not plainly valid, the character-level validator runs to produce the
/// precise message (or to accept a value that only the rarer rules decide).
extension ElementString {
    static let gsByte: UInt8 = 0x1D

    static func parseRawUTF8(_ bytes: [UInt8]) throws(IdentifierError) -> [AIElement] {
        var elements: [AIElement] = []
        var index = 0
        let end = bytes.count
        while index < end {
            if bytes[index] == gsByte {
                index += 1
                continue
            }
            guard let definition = AIDictionary.definition(atStartOf: bytes[index...]) else {
                let start = String(decoding: bytes[index..<min(index + 4, end)], as: UTF8.self)
                throw IdentifierError(.unknownAI, "element string: no known AI at position \(index + 1) ('\(start)…')")
            }
            index += definition.ai.utf8.count
            var valueEnd = index
            let limit = min(end, index + definition.maxLength)
            if definition.isPredefinedLength {
                valueEnd = limit
            } else {
                while valueEnd < limit && bytes[valueEnd] != gsByte { valueEnd += 1 }
            }
            elements.append(try makeElement(definition, bytes[index..<valueEnd]))
            index = valueEnd
        }
        return elements
    }

    static func parseBracketedUTF8(_ bytes: [UInt8]) throws(IdentifierError) -> [AIElement] {
        let open = UInt8(ascii: "("), close = UInt8(ascii: ")")
        var elements: [AIElement] = []
        var index = 0
        let end = bytes.count
        while index < end {
            guard bytes[index] == open, let shut = bytes[index...].firstIndex(of: close) else {
                let at = String(decoding: bytes[index..<min(index + 8, end)], as: UTF8.self)
                throw IdentifierError(.syntax, "element string: expected '(AI)' at '\(at)…'")
            }
            let aiBytes = bytes[(index + 1)..<shut]
            guard let definition = AIDictionary.definition(exactly: aiBytes) else {
                let ai = String(decoding: aiBytes, as: UTF8.self)
                throw IdentifierError(.unknownAI, "element string: AI (\(ai)) is not a known GS1 Application Identifier")
            }
            // The value runs to the next "(AI)" that names a known AI (values may themselves hold brackets).
            var valueEnd = shut + 1
            while valueEnd < end {
                if bytes[valueEnd] == open, let next = bytes[(valueEnd + 1)...].firstIndex(of: close),
                    AIDictionary.definition(exactly: bytes[(valueEnd + 1)..<next]) != nil
                {
                    break
                }
                valueEnd += 1
            }
            elements.append(try makeElement(definition, bytes[(shut + 1)..<valueEnd]))
            index = valueEnd
        }
        return elements
    }

    private static func makeElement(_ definition: AIDefinition, _ value: ArraySlice<UInt8>) throws(IdentifierError) -> AIElement {
        let text = String(decoding: value, as: UTF8.self)
        if !definition.isPlainlyValid(value) { try definition.validate(text) }
        return AIElement(ai: definition.ai, value: text)
    }
}

extension AIDictionary {
    /// The definition of the 2-, 3- or 4-digit AI at the start of `bytes` (AIs are prefix-free).
    static func definition(atStartOf bytes: ArraySlice<UInt8>) -> AIDefinition? {
        var key = 0
        var index = bytes.startIndex
        for length in 1...4 {
            guard index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
            key = key * 10 + Int(bytes[index] - 0x30)
            index += 1
            if length >= 2, let definition = byNumber[length * 100_000 + key] { return definition }
        }
        return nil
    }

    /// The definition of exactly the AI digits in `bytes`.
    static func definition(exactly bytes: ArraySlice<UInt8>) -> AIDefinition? {
        guard (2...4).contains(bytes.count) else { return nil }
        var key = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            key = key * 10 + Int(byte - 0x30)
        }
        return byNumber[bytes.count * 100_000 + key]
    }

    /// Definitions keyed by digit count × 100000 + numeric value, for byte-level look-ups.
    private static let byNumber: [Int: AIDefinition] = {
        var result: [Int: AIDefinition] = [:]
        for ai in allAIs {
            guard let definition = definition(for: ai), let number = Int(ai) else { continue }
            result[ai.count * 100_000 + number] = definition
        }
        return result
    }()
}

extension AIDefinition {
    /// True when `value` certainly meets this AI's format: length, character set, check digit and plain dates.
    /// False means "let the full validator decide" — it either throws the precise error or accepts the value.
    func isPlainlyValid(_ value: ArraySlice<UInt8>) -> Bool {
        var index = value.startIndex
        var total = 0
        for component in components { total += component.maxLength }
        guard value.count <= total else { return false }
        for (number, component) in components.enumerated() {
            let remaining = value.endIndex - index
            let take = number == components.count - 1 ? remaining : min(component.maxLength, remaining)
            guard take >= component.minLength, take <= component.maxLength else { return false }
            let part = value[index..<(index + take)]
            index += take
            for byte in part {
                let ok: Bool =
                    switch component.charset {
                    case .numeric: byte >= 0x30 && byte <= 0x39
                    case .cset82: byte < 0x80 && CharacterSets.isCSet82(Unicode.Scalar(byte))
                    case .cset39: byte < 0x80 && CharacterSets.isCSet39(Unicode.Scalar(byte))
                    }
                if !ok { return false }
            }
            for rule in component.rules {
                switch rule {
                case .checkDigit:
                    guard let last = part.last else { return false }
                    var sum = 0
                    var weight = 3
                    for byte in part.dropLast().reversed() {
                        sum += Int(byte - 0x30) * weight
                        weight = 4 - weight
                    }
                    if (10 - sum % 10) % 10 != Int(last - 0x30) { return false }
                case .date:
                    guard part.count == 6 else { return false }
                    let d = part.map { Int($0 - 0x30) }
                    let year = d[0] * 10 + d[1], month = d[2] * 10 + d[3], day = d[4] * 10 + d[5]
                    guard (1...12).contains(month) else { return false }
                    let fullYear = GS1Date.century(forTwoDigitYear: year) + year
                    guard day == 0 || day <= GS1Date.daysIn(month: month, year: fullYear) else { return false }
                default:
                    return false
                }
            }
        }
        return true
    }
}
