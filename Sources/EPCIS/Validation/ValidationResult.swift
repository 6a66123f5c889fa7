/// What ``EPCISValidator/check(_:)`` found in a document: every problem of the decoder and of the validator.
public struct ValidationResult: Hashable, Sendable {
    /// Every problem, errors and warnings, in document order.
    public var diagnostics: [Diagnostic]
    /// How many events were read without a schema error.
    public var eventCount: Int

    /// Makes a result.
    /// - Parameters:
    ///   - diagnostics: the problems, in document order.
    ///   - eventCount: the number of events read.
    public init(diagnostics: [Diagnostic], eventCount: Int) {
        self.diagnostics = diagnostics
        self.eventCount = eventCount
    }

    /// True when no problem is an error: the document may be captured.
    public var accepted: Bool { EPCISValidator.accepts(diagnostics) }

    /// The errors only.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
