@testable import EPCIS
import Testing

@Suite struct JSONReaderTests {
    private func read(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONValue in
            var reader = JSONReader(buffer)
            let value = try reader.readValue()
            try reader.expectEnd()
            return value
        }
    }

    private func syntaxError(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("escapes, including surrogate pairs, decode to the characters they name")
    func escapes() throws {
        #expect(try read(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try read(#""\u00e9\u4E2D\ud83d\ude00""#) == .string("é中😀"))
        #expect(try read("\"溯源\"") == .string("溯源"))
    }

    @Test("numbers are kept as written and checked against the RFC 8259 grammar")
    func numbers() throws {
        #expect(try read("[0, -1.50, 2e3, 1E-7, 123456789012345678901234567890]")
            == .array([.number("0"), .number("-1.50"), .number("2e3"), .number("1E-7"), .number("123456789012345678901234567890")]))
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "0x10", "NaN", "1.5.2"] {
            #expect(syntaxError(bad) != nil, "\(bad)")
        }
    }

    @Test("malformed input is reported with line and column")
    func malformed() throws {
        let cases: [(String, Int, Int, String)] = [
            ("{\"a\": 1,}", 1, 9, "string key"),
            ("[1, 2,]", 1, 7, "trailing ','"),
            ("{\n  \"a\" 1\n}", 2, 7, "':'"),
            ("\"\u{1}\"", 1, 2, "control character"),
            (#""\ud83d""#, 1, 8, "unpaired high surrogate"),
            (#""\ude00""#, 1, 8, "unpaired low surrogate"),
            (#""\x""#, 1, 3, "invalid escape"),
            ("\"abc", 1, 5, "unterminated"),
            ("{} x", 1, 4, "after the end"),
            ("[", 1, 2, "end of input"),
            ("nul", 1, 1, "expected null"),
        ]
        for (text, line, column, fragment) in cases {
            let error = try #require(syntaxError(text), "\(text)")
            #expect(error.line == line && error.column == column, "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error)")
        }
    }

    @Test("bytes that are not UTF-8 are refused")
    func invalidUTF8() throws {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE4, 0xB8, 0x22]] {
            let error = bytes.withUnsafeBufferPointer { buffer -> JSONSyntaxError? in
                var reader = JSONReader(buffer)
                do throws(JSONSyntaxError) {
                    _ = try reader.readString()
                    return nil
                } catch {
                    return error
                }
            }
            #expect(error?.message.contains("UTF-8") == true, "\(bytes)")
        }
    }

    @Test("skipping a value checks it and leaves the reader after it")
    func skip() throws {
        let bytes = Array(#"{"a": [1, {"b": "\u0041"}], "c": true} 7"#.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            var reader = JSONReader(buffer)
            try reader.skipValue()
            #expect(try reader.readNumber() == "7")
        }
    }

    @Test("nesting beyond the limit is refused instead of exhausting the stack")
    func depth() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(syntaxError(deep)?.message.contains("nesting") == true)
    }
}
