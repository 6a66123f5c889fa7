/// One GS1 element: an Application Identifier and its value, e.g. `(21) 2017`.
public struct AIElement: Hashable, Sendable, CustomStringConvertible {
    /// The AI, e.g. `01`.
    public var ai: String
    /// The value as the element string carries it (no escapes), e.g. `10614141073464`.
    public var value: String

    /// Creates an element.
    /// - Parameters:
    ///   - ai: The AI.
    ///   - value: The value.
    public init(ai: String, value: String) {
        self.ai = ai
        self.value = value
    }

    /// Bracketed human-readable form, e.g. `(21)2017`.
    public var description: String { "(\(ai))\(value)" }
}
