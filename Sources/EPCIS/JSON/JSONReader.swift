/// A pull reader of JSON (RFC 8259) over bytes: the decoder asks for the next key, element or scalar, and the
/// reader checks the syntax as it goes, keeping line and column for messages.
///
/// It builds no tree: values the decoder does not want are skipped in place, so decoding needs memory for the
/// model only. The buffer must outlive the reader (it is used inside `withUnsafeBytes`).
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var position = 0
    /// The current line, from 1.
    private(set) var line = 1
    private var lineStart = 0
    /// Nesting limit, so that hostile input cannot exhaust the stack.
    static let maximumDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// The byte column of the next byte, from 1.
    var column: Int { position - lineStart + 1 }

    /// Where the reader stands, to come back to it (see ``restore(_:)``).
    struct Mark { fileprivate var position, line, lineStart: Int }

    var mark: Mark { Mark(position: position, line: line, lineStart: lineStart) }

    mutating func restore(_ mark: Mark) {
        position = mark.position
        line = mark.line
        lineStart = mark.lineStart
    }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: line, column: column)
    }

    // MARK: Structure

    /// Skips spaces, tabs and line breaks.
    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = position
            default: return
            }
        }
    }

    /// The kind of the next value, without reading it.
    mutating func peekKind() throws(JSONSyntaxError) -> JSONValueKind {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected character \(Self.describe(bytes[position])), expected a value")
        }
    }

    /// Consumes the `{` of an object; then call ``nextKey(_:)`` until it returns nil.
    mutating func beginObject() throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "{"), "expected '{'")
    }

    /// The next key of the object (its `:` consumed), or nil at the closing `}` (consumed).
    /// - Parameter first: true before the first key; the reader sets it to false.
    mutating func nextKey(_ first: inout Bool) throws(JSONSyntaxError) -> String? {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input inside an object") }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            return nil
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object") }
            position += 1
            skipWhitespace()
        }
        first = false
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a string key in an object")
        }
        let key = try readString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after an object key")
        }
        position += 1
        return key
    }

    /// Consumes the `[` of an array; then call ``nextElement(_:)`` until it returns false.
    mutating func beginArray() throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "["), "expected '['")
    }

    /// True when another element follows (the reader stands before it), false at the closing `]` (consumed).
    mutating func nextElement(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input inside an array") }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw error("expected ',' or ']' in an array") }
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                throw error("trailing ',' before ']'")
            }
        }
        first = false
        return true
    }

    /// Checks that only whitespace is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position == bytes.count else {
            throw error("unexpected \(Self.describe(bytes[position])) after the end of the JSON value")
        }
    }

    private mutating func expect(_ byte: UInt8, _ message: @autoclosure () -> String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw error(message()) }
        position += 1
    }

    // MARK: Scalars

    /// Reads `true` or `false`.
    mutating func readBool() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw error("expected true or false")
    }

    /// Reads `null`.
    mutating func readNull() throws(JSONSyntaxError) {
        skipWhitespace()
        guard matchLiteral("null") else { throw error("expected null") }
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for k in 0..<count where bytes[position + k] != start[k] { return false }
        let end = position + count
        if end < bytes.count, Self.isIdentifierByte(bytes[end]) { return false }
        position = end
        return true
    }

    /// Reads a number and returns it as written, after checking the RFC 8259 grammar.
    mutating func readNumber() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, Self.isDigit(bytes[position]) else { throw error("malformed number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, Self.isDigit(bytes[position]) {
                throw error("malformed number: leading zero")
            }
        } else {
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw error("malformed number: a digit must follow '.'")
            }
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw error("malformed number: a digit must follow the exponent")
            }
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, Self.isIdentifierByte(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
            throw error("malformed number")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "_")
    }

    static func describe(_ b: UInt8) -> String {
        b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }
}
