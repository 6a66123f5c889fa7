/// The 32-digit unit identification code (单元识别代码) of a pesticide label's QR code in China.
///
/// The Ministry of Agriculture's announcement on the format of pesticide label QR codes (农业部公告第2579号,
/// 2017, 《农药标签二维码管理规定》; labels carry the code from 2018) lays the code out as follows, as public
/// summaries of the announcement quote it:
///
/// | digits | field |
/// |---|---|
/// | 1 | registration class: `1` = `PD`, `2` = `WP` (public-health use), `3` = temporary (`LS`/`WL`) |
/// | 2-7 | the last six digits of the pesticide registration number (登记证号, e.g. `PD20080005` → `080005`) |
/// | 8 | production type: `1` = the holder's own, `2` = contract processing (委托加工), `3` = contract packing (委托分装) |
/// | 9-11 | specification code (产品规格码), assigned by the enterprise |
/// | 12-32 | random code |
///
/// The QR code holds a tracing URL and this code ("追溯网址 + 单元识别代码"), one code per sales unit; the codes of
/// inner and outer packages are linked. What cannot be checked offline: the code has no check digit, the random
/// part is the enterprise's, and whether a registration number exists is held only in the ministry's registry
/// (中国农药信息网). This type checks the structure and names the fields. (The announcement is sometimes cited as
/// 农业农村部公告第7号; the text quoted here is that of 第2579号.)
public struct ChinaPesticideCode: Hashable, Sendable, CustomStringConvertible {
    /// The 32 digits.
    public let value: String

    /// Checks the structure of a code.
    /// - Parameter text: 32 digits (spaces and hyphens are ignored).
    /// - Throws: ``IdentifierError`` naming the digit position and the rule it breaks.
    public init(_ text: String) throws(IdentifierError) {
        let digits = try ChinaCodeDigits.read(text, count: 32, name: "pesticide code")
        guard let registration = digits.first, ("1"..."3").contains(registration) else {
            throw IdentifierError(
                .syntax,
                "pesticide code \(text): digit 1 (registration class) must be 1 (PD), 2 (WP) or 3 (temporary), "
                    + "found \(digits.prefix(1))")
        }
        let production = digits[digits.index(digits.startIndex, offsetBy: 7)]
        guard ("1"..."3").contains(production) else {
            throw IdentifierError(
                .syntax,
                "pesticide code \(text): digit 8 (production type) must be 1 (own production), 2 (contract "
                    + "processing) or 3 (contract packing), found \(production)")
        }
        value = digits
    }

    /// Digit 1: the registration class (1, 2 or 3).
    public var registrationClass: Int { Int(ChinaCodeDigits.slice(value, 1, 1)) ?? 0 }

    /// The registration class in words.
    public var registrationClassName: String {
        switch registrationClass {
        case 1: "PD (registration)"
        case 2: "WP (public-health registration)"
        default: "temporary registration (LS/WL)"
        }
    }

    /// Digits 2-7: the last six digits of the registration number.
    public var registrationNumberDigits: String { ChinaCodeDigits.slice(value, 2, 7) }

    /// Digit 8: the production type (1, 2 or 3).
    public var productionType: Int { Int(ChinaCodeDigits.slice(value, 8, 8)) ?? 0 }

    /// The production type in words.
    public var productionTypeName: String {
        switch productionType {
        case 1: "own production"
        case 2: "contract processing"
        default: "contract packing"
        }
    }

    /// Digits 9-11: the specification code the enterprise assigned.
    public var specificationCode: String { ChinaCodeDigits.slice(value, 9, 11) }

    /// Digits 12-32: the random code.
    public var randomCode: String { ChinaCodeDigits.slice(value, 12, 32) }

    /// Digits 1-11: what every sales unit of one registered product, maker and specification shares.
    public var productPrefix: String { ChinaCodeDigits.slice(value, 1, 11) }

    /// Whether a registration number (`PD20080005`, `WP20150012`, `LS20071573`; a packed product's `F` suffix
    /// part, e.g. `PD20080005F090001`, is ignored) is the one this code names: its class letters agree with
    /// digit 1 and its last six digits are digits 2-7.
    /// - Parameter registrationNumber: the registration number from the label or master data.
    /// - Returns: whether they agree.
    public func matches(registrationNumber: String) -> Bool {
        let upper = registrationNumber.uppercased().filter { $0 != " " }
        let main = upper.split(separator: "F", maxSplits: 1).first.map(String.init) ?? upper
        let letters = main.prefix { $0.isLetter }
        let number = main.dropFirst(letters.count)
        guard number.count >= 6, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let classAgrees: Bool
        switch letters {
        case "PD": classAgrees = registrationClass == 1
        case "WP": classAgrees = registrationClass == 2
        case "LS", "WL": classAgrees = registrationClass == 3
        default: classAgrees = false
        }
        return classAgrees && number.suffix(6) == registrationNumberDigits
    }

    /// The 32 digits.
    public var description: String { value }
}

/// Reading and slicing the all-digit China codes.
enum ChinaCodeDigits {
    /// The digits of `text` with spaces and hyphens removed, all of them ASCII digits and `count` of them.
    static func read(_ text: String, count: Int, name: String) throws(IdentifierError) -> String {
        let digits = String(text.filter { $0 != " " && $0 != "-" })
        for (offset, character) in digits.enumerated() where !character.isASCII || !character.isNumber {
            throw IdentifierError(
                .characterSet, "\(name) \(text): character '\(character)' at position \(offset + 1) is not a digit")
        }
        guard digits.count == count else {
            throw IdentifierError(.length, "\(name) \(text): has \(digits.count) digits, expected \(count)")
        }
        return digits
    }

    /// Digits `from` through `to`, counted from 1.
    static func slice(_ value: String, _ from: Int, _ to: Int) -> String {
        String(value.dropFirst(from - 1).prefix(to - from + 1))
    }
}
