/// The dot-separated fields of an EPC URN body, with the checks TDS 2.x §6 puts on each.
struct URNFields {
    let fields: [Substring]
    let place: String

    /// Splits `body` into `count` fields; the last field takes the rest (serials may hold dots).
    init(_ body: Substring, count: Int, place: String) throws(IdentifierError) {
        let fields = body.split(separator: ".", maxSplits: count - 1, omittingEmptySubsequences: false)
        guard fields.count == count else {
            throw IdentifierError(.syntax, "\(place):\(body): expected \(count) fields separated by '.'")
        }
        self.fields = fields
        self.place = place
        let cp = fields[0]
        guard cp.isAllDigits else {
            throw IdentifierError(.characterSet, "\(place): company prefix '\(cp)' must be digits")
        }
        guard (6...12).contains(cp.count) else {
            throw IdentifierError(.companyPrefix, "\(place): company prefix '\(cp)' has \(cp.count) digits, expected 6 to 12")
        }
    }

    var companyPrefix: String { String(fields[0]) }
    var prefixLength: Int { fields[0].count }

    /// GTIN-14 from `CP.IR` where IR starts with the indicator digit (CP + IR = 13 digits).
    func gtin() throws(IdentifierError) -> String {
        try numericKey(total: 13, extensionFirst: true, name: "item reference")
    }

    /// A numeric key from `CP.REF` with its check digit appended. `extensionFirst`: the first REF digit goes
    /// in front (GTIN indicator, SSCC extension). `leadingZero`: GRAI's '0' in front.
    func numericKey(
        total: Int, extensionFirst: Bool = false, name: String, leadingZero: Bool = false
    ) throws(IdentifierError) -> String {
        let ref = fields[1]
        guard ref.isAllDigits || (ref.isEmpty && fields[0].count == total) else {
            throw IdentifierError(.characterSet, "\(place): \(name) '\(ref)' must be digits")
        }
        guard fields[0].count + ref.count == total else {
            throw IdentifierError(
                .length,
                "\(place): company prefix (\(fields[0].count) digits) and \(name) (\(ref.count)) must have \(total) digits together"
            )
        }
        let digits =
            extensionFirst
            ? String(ref.prefix(1)) + fields[0] + ref.dropFirst()
            : (leadingZero ? "0" : "") + fields[0] + ref
        return digits + String(GS1CheckDigit.compute(digits) ?? 0)
    }

    /// A decimal field of exactly `length` digits.
    func digits(_ index: Int, length: Int, name: String) throws(IdentifierError) -> String {
        let field = fields[index]
        guard field.count == length, field.isAllDigits else {
            throw IdentifierError(.syntax, "\(place): \(name) '\(field)' must be \(length) digits")
        }
        return String(field)
    }

    /// A text field, percent-decoded and checked against AI `ai`'s character set and length.
    func text(_ index: Int, ai: String, name: String, maxLength: Int? = nil) throws(IdentifierError) -> String {
        let raw = fields[index]
        guard let value = PercentEncoding.decode(raw) else {
            throw IdentifierError(.syntax, "\(place): \(name) '\(raw)' has a malformed %-escape")
        }
        guard !value.isEmpty else {
            throw IdentifierError(.empty, "\(place): \(name) is empty")
        }
        if let definition = AIDictionary.definition(for: ai) {
            let limit = maxLength ?? definition.components.last?.maxLength ?? 20
            guard value.count <= limit else {
                throw IdentifierError(.length, "\(place): \(name) '\(value)' has \(value.count) characters, at most \(limit) allowed")
            }
            let charset = definition.components.last?.charset ?? .cset82
            try AIDefinition.checkCharset(Substring(value), charset, place: "\(place): \(name)")
        }
        for scalar in raw.unicodeScalars where "\"&/<>?#".unicodeScalars.contains(scalar) {
            throw IdentifierError(.characterSet, "\(place): \(name) '\(raw)': '\(scalar)' must be written %-escaped in a URN")
        }
        return value
    }
}
