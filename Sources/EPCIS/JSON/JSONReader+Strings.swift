extension JSONReader {
    /// Reads a string (the reader stands on its opening quote, or whitespace before it), decoding escapes and
    /// `\u` surrogate pairs, and checking that the bytes are UTF-8 with no raw control characters.
    mutating func readString() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string") }
        position += 1
        let start = position
        var ascii = true
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if !ascii { try checkUTF8(slice, at: start) }
                return String(decoding: slice, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if b < 0x20 { throw error("control character \(Self.describe(b)) inside a string; escape it") }
            if b >= 0x80 { ascii = false }
            position += 1
        }
        throw error("unterminated string")
    }

    /// The slow path: the string has escapes; `position` stands on the first backslash.
    private mutating func readEscapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        out.reserveCapacity(out.count + 16)
        while position < bytes.count {
            let b = bytes[position]
            switch b {
            case UInt8(ascii: "\""):
                position += 1
                try out.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
                    try checkUTF8(buffer, at: start)
                }
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(to: &out)
                default:
                    position -= 1
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
            default:
                if b < 0x20 { throw error("control character \(Self.describe(b)) inside a string; escape it") }
                out.append(b)
                position += 1
            }
        }
        throw error("unterminated string")
    }

    /// Reads the 4 hex digits after `\u` (and a low surrogate's `\uXXXX` after a high one) and appends UTF-8.
    private mutating func appendUnicodeEscape(to out: inout [UInt8]) throws(JSONSyntaxError) {
        var code = try readHex4()
        if (0xD800...0xDBFF).contains(code) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("unpaired high surrogate \\u\(String(code, radix: 16, uppercase: true))") }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("high surrogate not followed by a low surrogate")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw error("unpaired low surrogate \\u\(String(code, radix: 16, uppercase: true))")
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("\\u must be followed by 4 hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("\\u must be followed by 4 hex digits")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    /// Checks UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
    private func checkUTF8(_ s: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONSyntaxError) {
        var i = 0
        while i < s.count {
            let b = s[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            let lower: UInt8
            let upper: UInt8
            switch b {
            case 0xC2...0xDF: (need, lower, upper) = (1, 0x80, 0xBF)
            case 0xE0: (need, lower, upper) = (2, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (need, lower, upper) = (2, 0x80, 0xBF)
            case 0xED: (need, lower, upper) = (2, 0x80, 0x9F)
            case 0xF0: (need, lower, upper) = (3, 0x90, 0xBF)
            case 0xF1...0xF3: (need, lower, upper) = (3, 0x80, 0xBF)
            case 0xF4: (need, lower, upper) = (3, 0x80, 0x8F)
            default: throw error("invalid UTF-8 in a string")
            }
            guard i + need < s.count else { throw error("truncated UTF-8 sequence in a string") }
            guard s[i + 1] >= lower, s[i + 1] <= upper else { throw error("invalid UTF-8 in a string") }
            for k in 2..<(need + 1) where s[i + k] & 0xC0 != 0x80 { throw error("invalid UTF-8 in a string") }
            i += need + 1
        }
    }

    // MARK: Whole values

    /// Skips the next value, checking its syntax, without building anything.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        switch try peekKind() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(&first) != nil { try skipValue(depth: depth + 1) }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(&first) { try skipValue(depth: depth + 1) }
        case .string: try skipString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    private mutating func skipString() throws(JSONSyntaxError) {
        let save = position
        var simple = true
        position += 1
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 {
                simple = false
                break
            }
            position += 1
        }
        if simple, position < bytes.count {
            position += 1
            return
        }
        position = save
        _ = try readString()
    }

    /// Reads the next value into a tree (for extensions and other free-form parts).
    mutating func readValue(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        switch try peekKind() {
        case .object:
            try beginObject()
            var members: [JSONMember] = []
            var first = true
            while let key = try nextKey(&first) {
                members.append(JSONMember(key: key, value: try readValue(depth: depth + 1)))
            }
            return .object(members)
        case .array:
            try beginArray()
            var items: [JSONValue] = []
            var first = true
            while try nextElement(&first) { items.append(try readValue(depth: depth + 1)) }
            return .array(items)
        case .string: return .string(try readString())
        case .number: return .number(try readNumber())
        case .bool: return .bool(try readBool())
        case .null:
            try readNull()
            return .null
        }
    }
}
