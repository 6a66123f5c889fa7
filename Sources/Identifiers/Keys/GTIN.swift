/// A Global Trade Item Number. GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14 are accepted and
/// normalised to 14 digits with leading zeros (GS1 General Specifications §3.3.2).
public struct GTIN: Hashable, Sendable, CustomStringConvertible {
    /// The GTIN-14.
    public let value: String

    /// Validates and normalises a GTIN.
    /// - Parameter text: 8, 12, 13 or 14 digits, check digit last.
    /// - Throws: ``IdentifierError``, e.g. `GTIN 09506000134353: check digit should be 2`.
    public init(_ text: String) throws(IdentifierError) {
        guard text.isAllDigits else {
            throw IdentifierError(.characterSet, "GTIN \(text): only digits are allowed")
        }
        guard [8, 12, 13, 14].contains(text.count) else {
            throw IdentifierError(.length, "GTIN \(text): has \(text.count) digits, expected 8, 12, 13 or 14")
        }
        try GS1CheckDigit.verify(text, name: "GTIN")
        value = text.leftPadded(to: 14)
    }

    /// The shortest form: GTIN-8, -12 or -13 when the leading zeros allow it, else GTIN-14.
    public var shortest: String {
        if value.hasPrefix("000000") { return String(value.dropFirst(6)) }
        if value.hasPrefix("00") { return String(value.dropFirst(2)) }
        if value.hasPrefix("0") { return String(value.dropFirst(1)) }
        return value
    }

    /// The indicator digit (packaging level) of a GTIN-14.
    public var indicator: Character { value.first ?? "0" }

    /// The GTIN-14.
    public var description: String { value }
}
