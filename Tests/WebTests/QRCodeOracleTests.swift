import TestSupport
import BrowserTesting
import Foundation
import Testing

@testable import Web

/// Differential tests against segno 1.6.6 (PyPI), an independent QR Code encoder that follows ISO/IEC 18004:2015,
/// and a decode check with zbarimg (Debian zbar-tools). `scripts/test` installs both (scripts/lib.sh
/// `ensure_oracles`) and sets SUYUAN_ORACLE_PYTHON.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SUYUAN_ORACLE_PYTHON"] != nil))
struct QRCodeOracleTests {
    /// One symbol for segno to build: our segments, and optionally a version and a mask to hold it to.
    struct Question: Encodable {
        struct Part: Encodable {
            var text: String
            var mode: String
        }
        var segments: [Part]
        var level: String
        var version: Int?
        var mask: Int?
    }

    /// segno's symbol.
    struct Answer: Decodable {
        var version: Int
        var mask: Int
        var error: String
        var rows: [String]
    }

    /// Builds each symbol with segno: byte segments as UTF-8 bytes, no error level boost, no ECI, no Micro QR.
    ///
    /// One deviation of segno 1.6.6 is corrected first: when the terminator ends on a codeword boundary, segno
    /// still adds 8 zero padding bits (a 0x00 codeword) where ISO/IEC 18004:2015 7.4.10 adds none and goes on with
    /// the pad codewords 0xEC 0x11. Readers ignore what follows the terminator, so both decode alike, but the
    /// modules differ.
    static let script = """
        import json, sys
        import segno
        from segno import consts, encoder
        def write_padding_bits(buff, version, length):
            buff.extend([0] * ((8 - length % 8) % 8))
        encoder.write_padding_bits = write_padding_bits
        modes = {"numeric": consts.MODE_NUMERIC, "alphanumeric": consts.MODE_ALPHANUMERIC, "byte": consts.MODE_BYTE}
        answers = []
        for q in json.load(open(sys.argv[1], encoding="utf-8")):
            parts = [(p["text"].encode("utf-8") if p["mode"] == "byte" else p["text"], modes[p["mode"]])
                     for p in q["segments"]]
            code = segno.make(parts, error=q["level"], version=q.get("version"), mask=q.get("mask"),
                              micro=False, boost_error=False)
            answers.append({"version": code.version, "mask": code.mask, "error": code.error,
                            "rows": ["".join("1" if m else "0" for m in row) for row in code.matrix]})
        json.dump(answers, sys.stdout)
        """

    static func ask(_ questions: [Question]) async throws -> [Answer] {
        try await offThePool { () throws -> [Answer] in
            let input = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-qr-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: input) }
            try JSONEncoder().encode(questions).write(to: input)
            let data = try runOraclePython(["-c", script, input.path])
            return try JSONDecoder().decode([Answer].self, from: data)
        }
    }

    static func question(_ text: String, _ code: QRCode, version: Int?, mask: Int?) -> Question {
        let parts = QRCode.Segment.optimal(for: text, version: code.version).map { segment in
            Question.Part(text: segment.text, mode: "\(segment.mode)")
        }
        return Question(segments: parts, level: code.correction.letter, version: version, mask: mask)
    }

    static func rows(_ code: QRCode) -> [String] {
        code.modules.map { row in String(row.map { $0 ? "1" : "0" }) }
    }

    /// Where two matrices first differ, short enough to read in a failure (whole matrices are not).
    static func firstDifference(_ theirs: [String], _ ours: [String]) -> String? {
        guard theirs.count == ours.count else { return "segno has \(theirs.count) rows, we have \(ours.count)" }
        for (row, (their, our)) in zip(theirs, ours).enumerated() where their != our {
            let column = Array(zip(their, our)).firstIndex { $0.0 != $0.1 } ?? 0
            let count = zip(theirs, ours).reduce(0) { total, rows in
                total + zip(rows.0, rows.1).filter { $0.0 != $0.1 }.count
            }
            return "\(count) modules differ, the first at row \(row), column \(column)"
        }
        return nil
    }

    /// Printable ASCII that looks like URL text, the same on every run.
    static func generatedText(count: Int, seed: UInt64) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%")
        var state = seed
        return String(
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 33) % alphabet.count]
            })
    }

    static let table: [(String, QRCode.ErrorCorrection)] = [
        ("01234567", .medium),
        ("HELLO WORLD", .quartile),
        ("HELLO_WORLD", .medium),
        (QRCodeTests.digitalLink, .low),
        (QRCodeTests.digitalLink, .medium),
        (QRCodeTests.digitalLink, .quartile),
        (QRCodeTests.digitalLink, .high),
        ("HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC/21/123", .medium),
        ("https://example.com/01/09506000134352/10/LOT-2025-06-01/21/SERIAL0001?17=271231&3103=000750", .high),
        ("猪肉 批次 A1 https://id.gs1.org/01/09506000134352", .medium),
        (String(repeating: "0123456789", count: 50), .low),
        (generatedText(count: 115, seed: 5), .medium),
        (generatedText(count: 300, seed: 7), .quartile),
        (generatedText(count: 1_200, seed: 11), .medium),
        (generatedText(count: 2_900, seed: 13), .low),
    ]

    @Test("symbols match segno module for module, with the same version and the same mask chosen")
    func matchesSegno() async throws {
        // Given our symbols for a table of texts and levels
        let codes = try Self.table.map { try QRCode($0.0, correction: $0.1) }
        #expect(Set(codes.map(\.version)).isSuperset(of: [1, 7, 40]))
        #expect(codes.contains { (25...39).contains($0.version) })
        // When segno builds the same segments, choosing version and mask itself
        let answers = try await Self.ask(zip(Self.table, codes).map { Self.question($0.0.0, $0.1, version: nil, mask: nil) })
        // Then it picks the same version and mask, and every module agrees
        for ((input, code), answer) in zip(zip(Self.table, codes), answers) {
            let label = "\(input.0.prefix(40)) at \(input.1.letter)"
            #expect(answer.version == code.version, "\(label)")
            #expect(answer.error == code.correction.letter, "\(label)")
            #expect(answer.mask == code.mask, "\(label)")
            let difference = Self.firstDifference(answer.rows, Self.rows(code))
            #expect(difference == nil, "\(label): version \(code.version), mask \(code.mask)")
        }
    }

    @Test("every version 1–40 at every level matches segno with the same mask")
    func everyVersionAndLevel() async throws {
        // Given a GTIN (up to version 5) or a Digital Link held to each version and level, with a mask that cycles
        var questions: [Question] = []
        var codes: [QRCode] = []
        for version in 1...40 {
            for (offset, level) in QRCode.ErrorCorrection.allCases.enumerated() {
                let mask = (version + offset) % 8
                let text = version < 6 ? "09506000134352" : QRCodeTests.digitalLink
                let code = try QRCode(text, correction: level, minimumVersion: version, mask: mask)
                #expect(code.version == version)
                codes.append(code)
                questions.append(Self.question(text, code, version: version, mask: mask))
            }
        }
        // When segno builds them
        let answers = try await Self.ask(questions)
        // Then each matches: block tables, alignment positions, version information and placement for all 160
        #expect(answers.count == 160)
        for (code, answer) in zip(codes, answers) {
            let difference = Self.firstDifference(answer.rows, Self.rows(code))
            #expect(difference == nil, "version \(code.version)-\(code.correction.letter)")
        }
    }

    @Test("zbarimg reads back the text from a raster of the symbol")
    func decodes() throws {
        let texts: [(String, QRCode.ErrorCorrection)] = [
            (QRCodeTests.digitalLink, .medium),
            ("HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC/21/123", .high),
            ("猪肉 批次 A1 https://id.gs1.org/01/09506000134352", .quartile),
            ("https://example.com/01/09506000134352/10/LOT-2025-06-01/21/SERIAL0001?17=271231&3103=000750", .high),
            (Self.generatedText(count: 1_200, seed: 11), .medium),
        ]
        for (text, level) in texts {
            let code = try QRCode(text, correction: level)
            let image = FileManager.default.temporaryDirectory
                .appendingPathComponent("suyuan-qr-\(UUID().uuidString).pgm")
            defer { try? FileManager.default.removeItem(at: image) }
            try Self.pgm(code, scale: 4, quietZone: 4).write(to: image)
            let read = try Self.zbarimg(image)
            #expect(read == text, "version \(code.version)-\(level.letter)")
        }
    }

    @Test("headless Chromium draws the SVG and zbarimg reads the Digital Link back from the screenshot")
    func svgDecodesInBrowser() throws {
        // Given the SVG of a Digital Link, as the label printer would get it
        let code = try QRCode(QRCodeTests.digitalLink, correction: .quartile)
        let svg = code.svg(moduleSize: 6, title: "GS1 Digital Link")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-qr-\(UUID().uuidString).svg")
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-qr-\(UUID().uuidString).png")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: png)
        }
        try Data(svg.utf8).write(to: file)
        // When the browser renders it and zbarimg reads the screenshot
        let pixels = (code.size + 8) * 6
        try Chromium.located().screenshot(file.absoluteString, width: pixels + 40, height: pixels + 40).write(to: png)
        // Then the text comes back
        #expect(try Self.zbarimg(png) == QRCodeTests.digitalLink)
    }

    /// What zbarimg reads from an image file, QR Code only.
    static func zbarimg(_ image: URL) throws -> String {
        try ZBar.codes(in: image).joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// A binary greyscale image (netpbm P5): black modules, white quiet zone.
    static func pgm(_ code: QRCode, scale: Int, quietZone: Int) -> Data {
        let side = (code.size + 2 * quietZone) * scale
        var data = Data("P5\n\(side) \(side)\n255\n".utf8)
        for y in 0..<side {
            for x in 0..<side {
                let dark = code.isDark(row: y / scale - quietZone, column: x / scale - quietZone)
                data.append(dark ? 0 : 255)
            }
        }
        return data
    }
}
