/// Bytes that are not well-formed JSON (RFC 8259), with the place: line and column (both from 1, the column
/// counted in bytes).
struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. `expected ':' after an object key`.
    var message: String
    /// The line, from 1.
    var line: Int
    /// The byte column in the line, from 1.
    var column: Int

    /// Not a syntax error: the consumer of events stopped the pass (its own error is rethrown instead).
    static let cancelled = JSONSyntaxError(message: "cancelled by the consumer", line: 0, column: 0)

    var description: String { "line \(line), column \(column): \(message)" }

    /// The diagnostic a decoder reports for it.
    var diagnostic: Diagnostic {
        Diagnostic(.error, at: "line \(line), column \(column)", "malformed JSON: \(message)")
    }
}

/// A JSON value read in full, for the parts of a document whose shape is free: user extensions, master-data
/// attributes, `@context` objects. Numbers keep their lexical form.
indirect enum JSONValue: Hashable, Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([JSONMember])

    /// The JSON type's name, for diagnostics (`string`, `number`, `object`, …).
    var typeName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One member of a JSON object, in document order.
struct JSONMember: Hashable, Sendable {
    var key: String
    var value: JSONValue
}

/// The kind of the next JSON value, seen from its first byte.
enum JSONValueKind: Sendable {
    case object, array, string, number, bool, null

    var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}
