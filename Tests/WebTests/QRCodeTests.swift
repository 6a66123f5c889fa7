import Foundation
import Testing

@testable import Web

@Suite("QR Code")
struct QRCodeTests {
    static let digitalLink = "https://id.gs1.org/01/09506000134352/10/ABC/21/123?17=201225"

    @Test("Reed–Solomon gives the error correction codewords of the 1-M HELLO WORLD example")
    func reedSolomonKnownBlock() {
        // Given the data codewords of "HELLO WORLD" at 1-M (ISO/IEC 18004:2015, Annex I worked example style)
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        // When the 10 error correction codewords are computed
        let correction = ReedSolomon.remainder(of: data, generator: ReedSolomon.generator(degree: 10))
        // Then they are the published ones
        #expect(correction == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("HELLO WORLD at level M is a version 1 symbol in alphanumeric mode with the known data codewords")
    func helloWorld() throws {
        let segments = QRCode.Segment.optimal(for: "HELLO WORLD", version: 1)
        #expect(segments.map(\.mode) == [.alphanumeric])
        let codewords = QRCode.codewords(segments, version: 1, correction: .medium)
        #expect(Array(codewords.prefix(16)) == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17])
        let code = try QRCode("HELLO WORLD")
        #expect(code.version == 1)
        #expect(code.size == 21)
    }

    @Test("empty text is a version 1 symbol with only the terminator and pad codewords")
    func emptyText() throws {
        #expect(QRCode.Segment.optimal(for: "", version: 1).isEmpty)
        #expect(Array(QRCode.codewords([], version: 1, correction: .low).prefix(4)) == [0x00, 0xEC, 0x11, 0xEC])
        #expect(try QRCode("", correction: .high).version == 1)
    }

    @Test("format information is the BCH-coded, masked level and mask of Annex C")
    func formatInformation() {
        // Given a version 1 matrix, when format information for each level with mask 0 is drawn
        let expected: [(QRCode.ErrorCorrection, String)] = [
            (.low, "111011111000100"), (.medium, "101010000010010"),
            (.quartile, "011010101011111"), (.high, "001011010001001"),
        ]
        for (level, bits) in expected {
            var matrix = ModuleMatrix(version: 1)
            matrix.drawFormatInformation(correction: level, mask: 0)
            // Then the top-left copy reads, from bit 14 down to bit 0, along row 8 and up column 8
            let positions =
                [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8)]
                + [(5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
            let read = positions.map { matrix[$0.0, $0.1] ? "1" : "0" }.joined()
            #expect(read == bits, "level \(level.letter)")
        }
    }

    @Test("version information of version 7 is 000111110010010100")
    func versionInformation() {
        let bits = 7 << 12 | ModuleMatrix.bchRemainder(7 << 12, generator: 0b1_1111_0010_0101)
        #expect(String(bits, radix: 2) == "111110010010100")
    }

    @Test("the block table gives the data codewords of Table 7 for a sample of versions and levels")
    func dataCodewords() {
        #expect(QRCode.BlockLayout(version: 1, level: .low).dataCodewords == 19)
        #expect(QRCode.BlockLayout(version: 1, level: .high).dataCodewords == 9)
        #expect(QRCode.BlockLayout(version: 7, level: .medium).dataCodewords == 124)
        #expect(QRCode.BlockLayout(version: 40, level: .low).dataCodewords == 2956)
        #expect(QRCode.BlockLayout(version: 40, level: .medium).dataCodewords == 2334)
        #expect(QRCode.BlockLayout(version: 40, level: .quartile).dataCodewords == 1666)
        #expect(QRCode.BlockLayout(version: 40, level: .high).dataCodewords == 1276)
        #expect(QRCode.alignmentPositions(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(QRCode.alignmentPositions(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test("a Digital Link puts digits in numeric, upper-case runs in alphanumeric and the rest in byte segments")
    func digitalLinkSegments() throws {
        let segments = QRCode.Segment.optimal(for: Self.digitalLink, version: 4)
        #expect(segments.map(\.mode) == [.byte, .numeric, .alphanumeric, .byte, .numeric])
        #expect(
            segments.map(\.text) == ["https://id.gs1.org/01/", "09506000134352", "/10/ABC/21/123", "?17=", "201225"])
        #expect(try QRCode(Self.digitalLink).version == 4)
    }

    @Test(
        "segmenting never takes more bits than one mode for the whole text",
        arguments: [
            "https://id.gs1.org/01/09506000134352/10/ABC/21/123?17=201225", "HTTPS://ID.GS1.ORG/01/09506000134352",
            "0123456789012345", "A1B2C3", "猪肉 批次 A1 2025-06-01", "ABC123456789abc", "1", "",
        ]
    )
    func segmentingIsNoWorse(text: String) {
        for version in [1, 10, 27] {
            let segments = QRCode.Segment.optimal(for: text, version: version)
            let optimal = QRCode.Segment.bitLength(segments, version: version)
            let whole = QRCode.Mode.allCases
                .filter { mode in text.unicodeScalars.allSatisfy { QRCode.Segment.mode(mode, encodes: $0) } }
                .map { mode in
                    QRCode.Segment.bitLength([QRCode.Segment(text.unicodeScalars[...], mode: mode)], version: version)
                }
            #expect(optimal <= whole.min() ?? Int.max, "\(text) at version \(version)")
        }
    }

    @Test("the smallest version is chosen: 2,953 bytes fit version 40-L, 2,954 do not")
    func capacityLimit() throws {
        let fits = try QRCode(String(repeating: "a", count: 2953), correction: .low)
        #expect(fits.version == 40)
        #expect(fits.size == 177)
        #expect(throws: QRCode.EncodingError.self) { try QRCode(String(repeating: "a", count: 2954), correction: .low) }
    }

    @Test("text too long names the rule: bytes, version 40, the level and the limit")
    func tooLongMessage() throws {
        do {
            _ = try QRCode(String(repeating: "x", count: 3100))
            Issue.record("expected an error")
        } catch let error as QRCode.EncodingError {
            #expect(error.code == .dataTooLong)
            let expected = "data of 3,100 bytes does not fit a version 40 symbol at level M (at most 2,331 bytes)"
            #expect(error.message == expected)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(try QRCode(String(repeating: "7", count: 7089), correction: .low).version == 40)
        #expect(throws: QRCode.EncodingError.self) {
            try QRCode(String(repeating: "7", count: 7090), correction: .low)
        }
        #expect(
            QRCode.EncodingError.dataTooLong(String(repeating: "7", count: 7090), correction: .low).message
                == "data of 7,090 digits does not fit a version 40 symbol at level L (at most 7,089 digits)")
        #expect(
            QRCode.EncodingError.dataTooLong(String(repeating: "A", count: 4297), correction: .low).message
                == "data of 4,297 characters does not fit a version 40 symbol at level L (at most 4,296 characters)")
    }

    @Test("every symbol has its finder patterns, timing patterns and dark module")
    func functionPatterns() throws {
        for (text, level) in [("A", QRCode.ErrorCorrection.high), (Self.digitalLink, .low)] {
            let code = try QRCode(text, correction: level)
            let n = code.size
            for (top, left) in [(0, 0), (0, n - 7), (n - 7, 0)] {
                for dy in 0..<7 {
                    for dx in 0..<7 {
                        let ring = max(abs(dy - 3), abs(dx - 3))
                        #expect(code.isDark(row: top + dy, column: left + dx) == (ring != 2))
                    }
                }
            }
            for index in 8..<(n - 8) {
                #expect(code.isDark(row: 6, column: index) == (index % 2 == 0))
                #expect(code.isDark(row: index, column: 6) == (index % 2 == 0))
            }
            #expect(code.isDark(row: n - 8, column: 8))
            #expect(code.modules.count == n && code.modules.allSatisfy { $0.count == n })
            #expect(!code.isDark(row: -1, column: 0) && !code.isDark(row: 0, column: n))
        }
    }

    @Test("the SVG is one path of merged runs on a white background, with an escaped title")
    func svg() throws {
        // Given a version 1 symbol
        let code = try QRCode("HELLO WORLD", correction: .quartile)
        // When it is drawn at 3 px per module with a 4-module quiet zone
        let svg = code.svg(moduleSize: 3, title: "Lot <A&B>")
        // Then the frame is right
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" width="87" height="87" viewBox="0 0 29 29""#))
        #expect(svg.contains(#"shape-rendering="crispEdges""#))
        #expect(svg.contains("<title>Lot &lt;A&amp;B&gt;</title>"))
        #expect(svg.contains(##"<rect width="29" height="29" fill="#fff"/>"##))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(!code.svg().contains("<title>"))
        // And the path's rectangles cover exactly the dark modules, one rectangle per horizontal run
        let path = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var drawn = Set<[Int]>()
        var rectangles = 0
        for command in path.split(separator: "M") {
            let numbers = command.split(whereSeparator: { "hvz ".contains($0) }).compactMap { Int($0) }
            let (x, y, width) = (numbers[0] - 4, numbers[1] - 4, numbers[2])
            rectangles += 1
            for column in x..<(x + width) { drawn.insert([y, column]) }
        }
        var dark = Set<[Int]>()
        var runs = 0
        for row in 0..<code.size {
            for column in 0..<code.size where code.isDark(row: row, column: column) {
                dark.insert([row, column])
                if column == 0 || !code.isDark(row: row, column: column - 1) { runs += 1 }
            }
        }
        #expect(drawn == dark)
        #expect(rectangles == runs)
    }
}
