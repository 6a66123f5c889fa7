public import Foundation

/// A problem a consumer reported from a product's page (what is wrong, an optional phone number): it reaches the
/// regulators as a finding of its own kind.
public struct ConsumerReport: Hashable, Sendable {
    /// The kinds of problem the page offers; ``problem`` is one of them.
    public static let problems = ["fake", "quality", "alreadySold", "recalledOnSale", "other"]
    /// The longest ``text`` kept, in characters.
    public static let maxTextLength = 1_000
    /// The longest ``phone`` kept, in characters.
    public static let maxPhoneLength = 32

    /// The report's ID (given by the server).
    public var id: String
    /// The canonical key of the code the page was for.
    public var key: String
    /// Which kind of problem (one of ``problems``).
    public var problem: String
    /// What the consumer wrote; may be empty when the kind says enough.
    public var text: String
    /// A phone number to call back, when the consumer gave one.
    public var phone: String?
    /// The language of the page the report was made on (`zh-CN`, `en`).
    public var language: String
    /// The coarse network the report came from (as for scans; never a full address).
    public var origin: String?
    /// When, to the millisecond.
    public var reportedAt: Date

    /// Makes a report.
    public init(
        id: String, key: String, problem: String, text: String, phone: String? = nil, language: String,
        origin: String? = nil, reportedAt: Date
    ) {
        self.id = id
        self.key = key
        self.problem = problem
        self.text = text
        self.phone = phone
        self.language = language
        self.origin = origin
        self.reportedAt = RecallRecord.milliseconds(reportedAt)
    }

    /// Checks the rules every store enforces.
    /// - Throws: ``StorageError`` `.invalidDocument` naming the field and the rule.
    public func validate() throws(StorageError) {
        func require(_ condition: Bool, _ rule: String) throws(StorageError) {
            guard condition else { throw StorageError(.invalidDocument, "consumer report \(id): \(rule)") }
        }
        try require(!id.isEmpty, "id must not be empty")
        try require(!key.isEmpty, "key must name the code")
        try require(Self.problems.contains(problem), "problem must be one of \(Self.problems.joined(separator: ", "))")
        try require(text.count <= Self.maxTextLength, "text is longer than \(Self.maxTextLength) characters")
        try require(problem != "other" || !text.isEmpty, "a problem of kind other must say what is wrong")
        if let phone {
            try require(!phone.isEmpty && phone.count <= Self.maxPhoneLength, "phone must be 1–32 characters")
            try require(
                phone.allSatisfy { $0.isASCII && ($0.isNumber || " +-()".contains($0)) },
                "phone may hold only digits, spaces and + - ( )")
        }
        try require(!language.isEmpty, "language must not be empty")
    }
}

/// Where consumer reports are kept: appended, never changed, read newest first.
public protocol ConsumerReportStore: Sendable {
    /// Keeps a report.
    /// - Parameter report: the report.
    /// - Throws: `.invalidDocument` when it breaks a rule of ``ConsumerReport/validate()``, `.alreadyExists` when
    ///   its ID is taken; nothing is stored then.
    func recordConsumerReport(_ report: ConsumerReport) async throws(StorageError)

    /// The reports, newest first (by time, then ID).
    /// - Parameters:
    ///   - since: only reports made at or after this time, when given.
    ///   - limit: at most this many.
    /// - Returns: the reports.
    func consumerReports(since: Date?, limit: Int) async throws(StorageError) -> [ConsumerReport]
}
