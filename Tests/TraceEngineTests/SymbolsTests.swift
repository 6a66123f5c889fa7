import Testing
@testable import TraceEngine

@Suite struct SymbolsTests {
    @Test("each distinct string gets one dense number and reads back the same, through many table growths")
    func internsAndReadsBack() {
        // Given a quarter of a million identifiers, some seen twice, and the empty and non-ASCII strings
        var symbols = Symbols()
        let names = (0..<250_000).map { "https://id.gs1.org/01/06901234100112/21/\($0)" } + ["", "猪肉 lot 批次"]
        // When they are interned, and interned again
        let first = names.map { symbols.id($0) }
        let again = names.reversed().map { symbols.id($0) }
        // Then the numbers are 0, 1, 2, … in order of first sight, the same the second time, and read back
        #expect(first == (0..<Int32(names.count)).map { $0 })
        #expect(again == first.reversed())
        #expect(symbols.count == names.count)
        #expect(names.indices.allSatisfy { symbols[first[$0]] == names[$0] })
        #expect(symbols.name(-1) == nil)
        // And a prefix or an extension of a stored name is a name of its own
        #expect(symbols.id("https://id.gs1.org/01/06901234100112/21/1") == 1)
        #expect(symbols.id("https://id.gs1.org/01/06901234100112/21/") == Int32(names.count))
    }
}
