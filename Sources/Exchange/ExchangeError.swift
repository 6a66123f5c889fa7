/// What went wrong reading a file, making an export or reading a feed. The shape of the project's errors: an
/// extensible ``Code``, a message, and here the problems of every row (``ImportIssue``) at once.
public struct ExchangeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case unreadable, invalidRows, notFound, badRequest, storage
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The file is not CSV or XLSX, not UTF-8, empty, or its archive is broken.
        public static let unreadable = Code(.unreadable)
        /// Rows break rules: ``ExchangeError/issues`` names each row, column and rule.
        public static let invalidRows = Code(.invalidRows)
        /// An export found nothing to report (an unknown lot or party).
        public static let notFound = Code(.notFound)
        /// A request that cannot be answered as asked (a missing lot or party, an unknown kind).
        public static let badRequest = Code(.badRequest)
        /// The store failed; ``ExchangeError/underlying`` holds its error.
        public static let storage = Code(.storage)

        public var description: String { value.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What is wrong, for a person.
    public var message: String
    /// Every problem of every row, in row order.
    public var issues: [ImportIssue]
    /// The error that caused this one, if any.
    public var underlying: (any Error)?

    /// Makes an error.
    /// - Parameters:
    ///   - code: what kind of failure.
    ///   - message: what is wrong.
    ///   - issues: the problems of the rows.
    ///   - underlying: the cause.
    public init(_ code: Code, _ message: String, issues: [ImportIssue] = [], underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.issues = issues
        self.underlying = underlying
    }

    public var description: String {
        ([message] + issues.map(\.description)).joined(separator: "\n")
    }
}

/// One problem of one row: the spreadsheet's row number (the header is row 1), the column as the file names it,
/// and the rule the value breaks.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    /// The row number as a spreadsheet program shows it (the header row is 1).
    public var row: Int
    /// The column's header as the template writes it (`数量 / quantity`), or nil for the whole row.
    public var column: String?
    /// The rule, for a person.
    public var rule: String

    /// Makes an issue.
    public init(row: Int, column: String?, rule: String) {
        self.row = row
        self.column = column
        self.rule = rule
    }

    public var description: String {
        column.map { "row \(row), column \($0): \(rule)" } ?? "row \(row): \(rule)"
    }
}
