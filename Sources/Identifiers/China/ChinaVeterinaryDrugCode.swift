/// The 24-digit tracing code (追溯码) of a veterinary drug's QR code (兽药二维码) in China.
///
/// The national veterinary drug traceability system (国家兽药产品追溯系统) issues the codes at random; the Ministry's
/// requirements for the QR code, as public summaries quote them, say:
///
/// | digits | field |
/// |---|---|
/// | 1-8 | the date the code was applied for, `YYYYMMDD` |
/// | 9-13 | the enterprise identifier (企业标识) in the national system |
/// | 14-24 | random digits |
///
/// The QR code (GB/T 18284 QR Code, UTF-8) holds the code, one code per sales package; every packaging level
/// gets codes, and two or more levels are linked (inner to outer). Makers upload warehouse-in and warehouse-out
/// records against them. What cannot be checked offline: there is no check digit, and which enterprise an
/// identifier stands for, and whether a code was issued at all, is known only to the national system. This type
/// checks the structure (24 digits, a real calendar date) and names the fields.
public struct ChinaVeterinaryDrugCode: Hashable, Sendable, CustomStringConvertible {
    /// The 24 digits.
    public let value: String

    /// Checks the structure of a code.
    /// - Parameter text: 24 digits (spaces and hyphens are ignored).
    /// - Throws: ``IdentifierError`` naming the digit positions and the rule they break.
    public init(_ text: String) throws(IdentifierError) {
        let digits = try ChinaCodeDigits.read(text, count: 24, name: "veterinary drug code")
        let year = Int(ChinaCodeDigits.slice(digits, 1, 4)) ?? 0
        let month = Int(ChinaCodeDigits.slice(digits, 5, 6)) ?? 0
        let day = Int(ChinaCodeDigits.slice(digits, 7, 8)) ?? 0
        // The national system dates from the 2010s; a year outside 2000-2099 is not an application date.
        guard (2000...2099).contains(year) else {
            throw IdentifierError(
                .date,
                "veterinary drug code \(text): digits 1-4 (application year) must be a year 2000-2099, found \(year)")
        }
        guard (1...12).contains(month) else {
            throw IdentifierError(
                .date, "veterinary drug code \(text): digits 5-6 (application month) must be 01-12, found "
                    + ChinaCodeDigits.slice(digits, 5, 6))
        }
        guard (1...GS1Date.daysIn(month: month, year: year)).contains(day) else {
            throw IdentifierError(
                .date,
                "veterinary drug code \(text): digits 7-8 (application day) \(ChinaCodeDigits.slice(digits, 7, 8)) "
                    + "is not a day of \(year)-\(ChinaCodeDigits.slice(digits, 5, 6))")
        }
        value = digits
    }

    /// Digits 1-8 as an ISO 8601 date, `YYYY-MM-DD`.
    public var applicationDate: String {
        [(1, 4), (5, 6), (7, 8)].map { ChinaCodeDigits.slice(value, $0.0, $0.1) }.joined(separator: "-")
    }

    /// The year, month and day of the application date.
    public var applicationDateParts: (year: Int, month: Int, day: Int) {
        (
            Int(ChinaCodeDigits.slice(value, 1, 4)) ?? 0, Int(ChinaCodeDigits.slice(value, 5, 6)) ?? 0,
            Int(ChinaCodeDigits.slice(value, 7, 8)) ?? 0
        )
    }

    /// Digits 9-13: the enterprise identifier in the national system.
    public var enterpriseID: String { ChinaCodeDigits.slice(value, 9, 13) }

    /// Digits 14-24: the random digits.
    public var randomCode: String { ChinaCodeDigits.slice(value, 14, 24) }

    /// The 24 digits.
    public var description: String { value }
}
