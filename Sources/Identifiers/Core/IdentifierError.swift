/// An error in an identifier: what is wrong and where, in words a person can act on.
///
/// The shape follows NIO's `FileSystemError`: an extensible ``Code`` plus a message, so a new code breaks no callers.
/// The message names the place (an AI, a URN field, a Digital Link path segment, a bit range) and the rule,
/// e.g. `AI 17 (expiry date): month 13 is not a month` or `GTIN 09506000134353: check digit should be 2`.
public struct IdentifierError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// What kind of rule the input broke.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case checkDigit, length, characterSet, date, unknownAI, syntax, qualifierOrder, unknownScheme
            case companyPrefix, range, unsupported, empty
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A GS1 check digit does not match the digits before it.
        public static let checkDigit = Code(.checkDigit)
        /// A value is too short or too long.
        public static let length = Code(.length)
        /// A value holds a character its format does not allow.
        public static let characterSet = Code(.characterSet)
        /// A date or time field is not a valid date or time.
        public static let date = Code(.date)
        /// An Application Identifier is not known.
        public static let unknownAI = Code(.unknownAI)
        /// The text does not have the structure of the form it claims to be.
        public static let syntax = Code(.syntax)
        /// Digital Link key qualifiers are missing their key or come in the wrong order.
        public static let qualifierOrder = Code(.qualifierOrder)
        /// An EPC scheme or RFID header is not known.
        public static let unknownScheme = Code(.unknownScheme)
        /// A GS1 Company Prefix (or its length) is missing or out of range.
        public static let companyPrefix = Code(.companyPrefix)
        /// A number is out of the range its field can hold (RFID partitions, filter values, serials).
        public static let range = Code(.range)
        /// A valid input that this implementation cannot translate (e.g. no binary encoding holds the serial).
        public static let unsupported = Code(.unsupported)
        /// The input is empty.
        public static let empty = Code(.empty)

        /// The code's name, e.g. `checkDigit`.
        public var description: String { value.rawValue }
    }

    /// The rule that was broken.
    public var code: Code
    /// What is wrong and where, e.g. `GTIN 09506000134353: check digit should be 2`.
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The rule that was broken.
    ///   - message: What is wrong and where.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
