import Identifiers
import Testing

@Suite struct ChinaDrugTraceCodeTests {
    @Test("a 20-digit drug code splits into type, level, resource code, serial and check code")
    func structure() throws {
        let code = try ChinaDrugTraceCode("8123456 789012345 6789")
        #expect(code.codeType == "8")
        #expect(code.level == 1)
        #expect(code.levelName == "unit")
        #expect(code.resourceCode == "23456")
        #expect(code.productIdentifier == "8123456")
        #expect(code.serial == "789012345")
        #expect(code.checkCode == "6789")
    }

    @Test("malformed drug codes name the digit that is wrong", arguments: [
        ("7123456789012345678", "has 19 digits"),
        ("71234567890123456789", "digit 1 must be 8"),
        ("80234567890123456789", "digit 2 (code level)"),
        ("8123456789012345678X", "position 20 is not a digit"),
    ])
    func malformed(text: String, message: String) {
        #expect { _ = try ChinaDrugTraceCode(text) } throws: { "\($0)".contains(message) }
    }
}
