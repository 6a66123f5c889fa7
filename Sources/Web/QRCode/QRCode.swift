/// A QR Code symbol (ISO/IEC 18004:2015), built from text: the module matrix of the smallest version (1–40) that
/// holds the text at the chosen error correction level.
///
/// The text is split into numeric, alphanumeric and byte (UTF-8) segments so that it takes the fewest bits: the
/// digits of a GTIN inside a GS1 Digital Link go in numeric mode, the rest in byte mode. Byte mode carries
/// UTF-8 without an ECI header, which is what phone cameras expect; Digital Links are ASCII anyway.
///
/// ```swift
/// let code = try QRCode("https://id.gs1.org/01/09506000134352/10/ABC", correction: .quartile)
/// let svg = code.svg(moduleSize: 4, title: "GS1 Digital Link")
/// ```
public struct QRCode: Sendable, Hashable {
    /// The error correction level: how much of the symbol can be damaged and still be read
    /// (ISO/IEC 18004:2015, 6.5.1).
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable {
        /// Level L: recovers about 7 % of the codewords.
        case low
        /// Level M: recovers about 15 % of the codewords; the usual choice for printed labels.
        case medium
        /// Level Q: recovers about 25 % of the codewords.
        case quartile
        /// Level H: recovers about 30 % of the codewords.
        case high

        /// The letter the standard uses: L, M, Q or H.
        public var letter: String { ["L", "M", "Q", "H"][tableIndex] }

        /// The row in the block tables.
        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }

        /// The two bits of the format information (ISO/IEC 18004:2015, Table 12).
        var formatBits: Int {
            switch self {
            case .low: 1
            case .medium: 0
            case .quartile: 3
            case .high: 2
            }
        }
    }

    /// An encoding mode of a data segment (ISO/IEC 18004:2015, 7.3).
    enum Mode: Sendable, Hashable, CaseIterable {
        case numeric, alphanumeric, byte

        /// The four-bit mode indicator (ISO/IEC 18004:2015, Table 2).
        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }
    }

    /// The version, 1–40: the symbol has 4 × version + 17 modules per side.
    public let version: Int
    /// The error correction level.
    public let correction: ErrorCorrection
    /// The data mask pattern, 0–7, that gave the lowest penalty (ISO/IEC 18004:2015, 7.8).
    public let mask: Int
    /// Row-major modules, `true` for dark.
    private let grid: [Bool]

    /// Modules per side, without the quiet zone.
    public var size: Int { 4 * version + 17 }

    /// Encodes text in the smallest version that holds it.
    /// - Parameters:
    ///   - text: the text, typically a GS1 Digital Link URI.
    ///   - correction: the error correction level.
    /// - Throws: ``QRCode/EncodingError`` with code `dataTooLong` when the text does not fit a version 40 symbol.
    public init(_ text: String, correction: ErrorCorrection = .medium) throws {
        try self.init(text, correction: correction, minimumVersion: 1, mask: nil)
    }

    /// Encodes text in the smallest version from `minimumVersion` on, with a chosen or the best mask.
    /// The tests use it to build a symbol of every version.
    init(_ text: String, correction: ErrorCorrection, minimumVersion: Int, mask forcedMask: Int?) throws {
        var chosen: (version: Int, segments: [Segment])?
        for version in max(1, minimumVersion)...40 {
            let segments = Segment.optimal(for: text, version: version)
            if Segment.bitLength(segments, version: version) <= Self.dataCapacityBits(version, correction) {
                chosen = (version, segments)
                break
            }
        }
        guard let chosen else { throw EncodingError.dataTooLong(text, correction: correction) }
        let codewords = Self.codewords(chosen.segments, version: chosen.version, correction: correction)
        var matrix = ModuleMatrix(version: chosen.version)
        matrix.place(codewords)
        let mask = forcedMask ?? matrix.bestMask()
        matrix.applyMask(mask)
        matrix.drawFormatInformation(correction: correction, mask: mask)
        matrix.drawVersionInformation()
        self.version = chosen.version
        self.correction = correction
        self.mask = mask
        self.grid = matrix.modules
    }

    /// Whether a module is dark.
    /// - Parameters:
    ///   - row: 0 at the top, up to `size - 1`.
    ///   - column: 0 at the left, up to `size - 1`.
    /// - Returns: `true` for a dark module; `false` for a light one or a position outside the symbol.
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return grid[row * size + column]
    }

    /// The modules as rows of columns, `true` for dark.
    public var modules: [[Bool]] {
        (0..<size).map { row in Array(grid[(row * size)..<((row + 1) * size)]) }
    }

    /// Bits that the data codewords of a version hold at a level.
    static func dataCapacityBits(_ version: Int, _ correction: ErrorCorrection) -> Int {
        BlockLayout(version: version, level: correction).dataCodewords * 8
    }

    /// The final message (ISO/IEC 18004:2015, 7.4–7.6): the segments, terminator and padding cut into data
    /// codewords, split into blocks, each block's Reed–Solomon codewords appended, and both interleaved.
    static func codewords(_ segments: [Segment], version: Int, correction: ErrorCorrection) -> [UInt8] {
        let layout = BlockLayout(version: version, level: correction)
        let capacity = layout.dataCodewords * 8
        var bits = BitBuffer()
        for segment in segments {
            bits.append(segment.mode.indicator, count: 4)
            bits.append(segment.characterCount, count: characterCountBits(segment.mode, version: version))
            bits.append(contentsOf: segment.bits)
        }
        bits.append(0, count: min(4, capacity - bits.count))  // terminator
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        for index in 0..<(layout.dataCodewords - data.count) { data.append(index % 2 == 0 ? 0xEC : 0x11) }

        var dataBlocks: [[UInt8]] = []
        var correctionBlocks: [[UInt8]] = []
        let generator = ReedSolomon.generator(degree: layout.correctionPerBlock)
        var start = 0
        for length in layout.dataBlockLengths {
            let block = Array(data[start..<(start + length)])
            dataBlocks.append(block)
            correctionBlocks.append(ReedSolomon.remainder(of: block, generator: generator))
            start += length
        }
        var result: [UInt8] = []
        result.reserveCapacity(layout.totalCodewords)
        for index in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.correctionPerBlock {
            for block in correctionBlocks { result.append(block[index]) }
        }
        return result
    }
}
