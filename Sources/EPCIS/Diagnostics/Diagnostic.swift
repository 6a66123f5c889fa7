/// One problem found in a document: where it is, which rule it breaks, and how bad it is.
///
/// Decoders and the validator collect every problem in one pass and throw ``EPCISDocumentError`` once with
/// the whole list, so that a capture interface can show a user all of them.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Hashable, Sendable {
        /// The document must be refused.
        case error
        /// Allowed, but probably not what the sender meant.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// Where: a JSON pointer (`/epcisBody/eventList/0/epcList/1`) for JSON, `line N` (plus the element path)
    /// for XML.
    public var location: String
    /// The rule, in words a user understands, e.g. `GTIN 09506000134353: check digit should be 2`.
    public var message: String

    /// Makes a diagnostic.
    public init(_ severity: Severity = .error, at location: String, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `location: message`, one line.
    public var description: String { "\(location): \(message)" }
}

/// A document could not be read or is not valid; carries every problem found.
public struct EPCISDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why a document was refused.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformed, invalid, unsupported
        }
        private let base: Base
        /// The bytes are not well-formed JSON or XML.
        public static let malformed = Code(base: .malformed)
        /// Well-formed, but it breaks the EPCIS schema or a semantic rule.
        public static let invalid = Code(base: .invalid)
        /// Not an EPCIS document this implementation reads (e.g. an unknown root element).
        public static let unsupported = Code(base: .unsupported)
        public var description: String { base.rawValue }
    }

    /// Malformed, invalid or unsupported.
    public var code: Code
    /// Every problem, in document order.
    public var diagnostics: [Diagnostic]

    /// Makes an error.
    public init(_ code: Code, diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// One problem per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
