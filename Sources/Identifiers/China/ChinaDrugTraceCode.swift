/// China's 20-digit drug traceability code (药品追溯码), in the structure public documents describe (NMPA
/// 《药品追溯码编码要求》 NMPA/T 0002 and the former 中国药品电子监管码):
///
/// | digits | field |
/// |---|---|
/// | 1 | code type: `8` = drug |
/// | 2 | code level (packaging level): `1` = the smallest sales unit; higher digits are higher levels (case, pallet) |
/// | 3-7 | resource code: maker, product, strength and package as registered with the national platform |
/// | 8-16 | item serial |
/// | 17-20 | encryption/check code |
///
/// Digits 1-7 are the product identifier. What cannot be checked offline: the check code (digits 17-20) is
/// computed by the national drug traceability platform with a key that is not public, and the resource code's
/// meaning (which maker and product) is held only in the platform's registry; this type checks structure only.
public struct ChinaDrugTraceCode: Hashable, Sendable, CustomStringConvertible {
    /// The 20 digits.
    public let value: String

    /// Checks the structure of a code.
    /// - Parameter text: 20 digits starting with `8` (spaces and hyphens are ignored).
    /// - Throws: ``IdentifierError`` naming the digit position that is wrong.
    public init(_ text: String) throws(IdentifierError) {
        let digits = String(text.filter { $0 != " " && $0 != "-" })
        for (offset, character) in digits.enumerated() where !character.isASCII || !character.isNumber {
            throw IdentifierError(.characterSet, "drug traceability code \(text): character '\(character)' at position \(offset + 1) is not a digit")
        }
        guard digits.count == 20 else {
            throw IdentifierError(.length, "drug traceability code \(text): has \(digits.count) digits, expected 20")
        }
        guard digits.first == "8" else {
            throw IdentifierError(.syntax, "drug traceability code \(text): digit 1 must be 8 (drug), found \(digits.prefix(1))")
        }
        guard digits.dropFirst().first != "0" else {
            throw IdentifierError(.syntax, "drug traceability code \(text): digit 2 (code level) must be 1-9, found 0")
        }
        value = digits
    }

    private func digits(_ from: Int, _ to: Int) -> String {
        String(value.dropFirst(from - 1).prefix(to - from + 1))
    }

    /// Digit 1: the code type (`8`, drug).
    public var codeType: String { digits(1, 1) }
    /// Digit 2: the code (packaging) level.
    public var level: Int { Int(digits(2, 2)) ?? 0 }
    /// The level in words as far as public documents name it.
    public var levelName: String {
        switch level {
        case 1: "unit"
        case 2: "case"
        case 3: "pallet"
        default: "level \(level)"
        }
    }
    /// Digits 3-7: the resource code (maker, product, strength, package).
    public var resourceCode: String { digits(3, 7) }
    /// Digits 1-7: the product identifier.
    public var productIdentifier: String { digits(1, 7) }
    /// Digits 8-16: the item serial.
    public var serial: String { digits(8, 16) }
    /// Digits 17-20: the encryption/check code, verifiable only by the national platform.
    public var checkCode: String { digits(17, 20) }

    /// The 20 digits.
    public var description: String { value }
}
