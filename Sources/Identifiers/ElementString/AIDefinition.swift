/// The format and rules of one GS1 Application Identifier (GS1 General Specifications §3, GS1 Barcode Syntax
/// Dictionary).
public struct AIDefinition: Hashable, Sendable {
    /// A character set of a component.
    public enum Charset: String, Hashable, Sendable {
        /// Digits 0-9 (`N`).
        case numeric
        /// GS1 AI encodable character set 82 (`X`).
        case cset82
        /// GS1 AI encodable character set 39 (`Y`): digits, upper-case letters, `#`, `-`, `/`.
        case cset39
    }

    /// A rule a component's value must also meet.
    public enum Rule: String, Hashable, Sendable {
        /// The last digit is a GS1 check digit.
        case checkDigit
        /// YYMMDD; DD = 00 means the last day of the month.
        case date
        /// YYMMDD optionally followed by a second YYMMDD (a range, AI 7007).
        case dateRange
        /// YYMMDDHHMM (AI 7003).
        case dateTime
        /// YYMMDDHH with optional MM and SS (AI 8008).
        case dateHour
        /// An ISO 3166 numeric country code (three digits).
        case country
        /// The first digit is 0 (GRAI in AI 8003).
        case leadingZero
    }

    /// One fixed- or variable-length part of an AI's value.
    public struct Component: Hashable, Sendable {
        /// Characters allowed.
        public var charset: Charset
        /// Shortest length.
        public var minLength: Int
        /// Longest length.
        public var maxLength: Int
        /// Extra rules.
        public var rules: [Rule]
    }

    /// The AI, e.g. `17` or `3103`.
    public var ai: String
    /// GS1's data title in lower case, e.g. `expiry date`.
    public var title: String
    /// The value's components, in order.
    public var components: [Component]
    /// For decimal AIs (310n-369n…): the unit of the number, e.g. `kg`; the last AI digit gives the decimal places.
    public var unit: String?
    /// Whether the AI's length is predefined by its first two digits, so that no FNC1 separator follows it
    /// (GS1 General Specifications Figure 7.8.5-2).
    public var isPredefinedLength: Bool

    /// Shortest total value length.
    public var minLength: Int { components.reduce(0) { $0 + $1.minLength } }
    /// Longest total value length.
    public var maxLength: Int { components.reduce(0) { $0 + $1.maxLength } }
    /// Whether the value has one fixed length.
    public var isFixedLength: Bool { minLength == maxLength }
    /// For decimal AIs, the number of decimal places (the AI's last digit).
    public var decimalPlaces: Int? {
        unit == nil ? nil : ai.unicodeScalars.last?.digitValue
    }
}
