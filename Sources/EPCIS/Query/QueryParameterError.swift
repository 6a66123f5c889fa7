/// A SimpleEventQuery could not be run as asked (EPCIS 2.0 section 8.2.7: `QueryParameterException`,
/// `QueryTooLargeException`).
public struct QueryParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; each maps to one EPCIS exception type.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case queryParameter, queryTooLarge
        }
        private let base: Base
        /// A parameter is unknown, malformed, or conflicts with another (`QueryParameterException`).
        public static let queryParameter = Code(base: .queryParameter)
        /// More events match than `maxEventCount` allows (`QueryTooLargeException`).
        public static let queryTooLarge = Code(base: .queryTooLarge)
        /// The EPCIS exception name, e.g. `QueryParameterException`.
        public var exceptionName: String {
            switch base {
            case .queryParameter: "QueryParameterException"
            case .queryTooLarge: "QueryTooLargeException"
            }
        }
        public var description: String { exceptionName }
    }

    /// The kind of problem.
    public var code: Code
    /// The parameter at fault, when there is one.
    public var parameter: String?
    /// What is wrong, in words a user understands.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, parameter: String? = nil, _ message: String) {
        self.code = code
        self.parameter = parameter
        self.message = message
    }

    public var description: String {
        parameter.map { "\($0): \(message)" } ?? message
    }
}
