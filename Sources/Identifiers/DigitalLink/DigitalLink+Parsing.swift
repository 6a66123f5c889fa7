extension DigitalLink {
    /// Parses `text` when its path holds a GS1 primary key; nil when it is some other http(s) URI.
    static func parseIfGS1(_ text: String) throws(IdentifierError) -> DigitalLink? {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") else { return nil }
        let afterScheme = rest[rest.index(colon, offsetBy: 3)...]
        guard let pathStart = afterScheme.firstIndex(of: "/") else { return nil }
        let segments = afterScheme[pathStart...].split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let list = Array(segments)
        // The primary key is the first segment that is a primary-key AI followed by a plausible key value.
        guard
            let keyIndex = list.indices.first(where: { index in
                guard qualifierOrder[String(list[index])] != nil, index + 1 < list.count else { return false }
                let value = list[index + 1]
                return textKeys.contains(String(list[index])) || value.first?.isASCII == true && value.first?.isNumber == true
            })
        else { return nil }
        let prefixSegments = list[..<keyIndex]
        let domain = String(rest[..<pathStart]) + prefixSegments.map { "/" + $0 }.joined()
        var pairs: [AIElement] = []
        var index = keyIndex
        while index < list.count {
            let ai = String(list[index])
            guard index + 1 < list.count else {
                if ai.isEmpty { break }  // a trailing slash
                throw IdentifierError(.syntax, "Digital Link \(text): AI \(ai) has no value")
            }
            guard let value = PercentEncoding.decode(list[index + 1]) else {
                throw IdentifierError(.syntax, "Digital Link \(text): AI \(ai) value '\(list[index + 1])' has a malformed %-escape")
            }
            pairs.append(AIElement(ai: ai, value: value))
            index += 2
        }
        var key = pairs.removeFirst()
        if key.ai == "01", [8, 12, 13].contains(key.value.count), key.value.isAllDigits {
            key.value = key.value.leftPadded(to: 14)  // GTIN-8/12/13 in a Digital Link are padded to 14 digits
        }
        try validate(key, in: text)
        let allowed = qualifierOrder[key.ai] ?? []
        var position = 0
        for qualifier in pairs {
            guard let at = allowed.firstIndex(of: qualifier.ai) else {
                let known = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
                throw IdentifierError(
                    .qualifierOrder,
                    "Digital Link \(text): AI \(qualifier.ai) is not a key qualifier of AI \(key.ai) (allowed: \(known))")
            }
            guard at >= position else {
                let previous = pairs.prefix { $0 != qualifier }.last?.ai ?? key.ai
                let order = allowed.joined(separator: " → ").replacingPlace("21 → 235", with: "21 (or 235)")
                throw IdentifierError(
                    .qualifierOrder,
                    "Digital Link \(text): AI \(qualifier.ai) must come before AI \(previous) (order after AI \(key.ai): \(order))"
                )
            }
            if key.ai == "01", qualifier.ai == "235", pairs.contains(where: { $0.ai == "21" }) {
                throw IdentifierError(.qualifierOrder, "Digital Link \(text): AI 235 and AI 21 cannot both qualify a GTIN")
            }
            position = at + 1
            try validate(qualifier, in: text)
        }
        var attributes: [AIElement] = []
        for parameter in query.split(separator: "&") {
            let nameValue = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(nameValue[0])
            guard name.isAllDigits, AIDictionary.definition(for: name) != nil else { continue }
            let raw = nameValue.count > 1 ? nameValue[1] : ""
            guard let value = PercentEncoding.decode(raw) else {
                throw IdentifierError(.syntax, "Digital Link \(text): query AI \(name) has a malformed %-escape")
            }
            let element = AIElement(ai: name, value: value)
            try validate(element, in: text)
            attributes.append(element)
        }
        return DigitalLink(domain: domain, primaryKey: key, qualifiers: pairs, attributes: attributes)
    }

    private static func validate(_ element: AIElement, in text: String) throws(IdentifierError) {
        guard let definition = AIDictionary.definition(for: element.ai) else {
            throw IdentifierError(.unknownAI, "Digital Link \(text): AI \(element.ai) is not known")
        }
        try definition.validate(element.value)
    }
}
