extension QRCode {
    /// How a version's codewords are split into Reed–Solomon blocks at one error correction level
    /// (ISO/IEC 18004:2015, Table 9).
    struct BlockLayout: Sendable, Equatable {
        /// All codewords of the symbol, data and error correction.
        var totalCodewords: Int
        /// Error correction codewords in every block.
        var correctionPerBlock: Int
        /// The number of blocks.
        var blocks: Int

        /// Data codewords of the whole symbol.
        var dataCodewords: Int { totalCodewords - correctionPerBlock * blocks }

        /// The data codewords of each block, in order: the short blocks first, then those one codeword longer.
        var dataBlockLengths: [Int] {
            let longBlocks = totalCodewords % blocks
            let shortLength = totalCodewords / blocks - correctionPerBlock
            return (0..<blocks).map { $0 < blocks - longBlocks ? shortLength : shortLength + 1 }
        }

        /// The layout of a version at a level.
        init(version: Int, level: ErrorCorrection) {
            totalCodewords = QRCode.rawDataModules(version: version) / 8
            correctionPerBlock = Self.correctionPerBlockTable[level.tableIndex][version - 1]
            blocks = Self.blockCountTable[level.tableIndex][version - 1]
        }

        /// Error correction codewords per block, by level (L, M, Q, H) and version 1–40.
        private static let correctionPerBlockTable: [[Int]] = [
            [
                7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
                28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
            ],
            [
                10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
                26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
            ],
            [
                13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
                28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
            ],
            [
                17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
                30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
            ],
        ]

        /// Reed–Solomon blocks, by level (L, M, Q, H) and version 1–40.
        private static let blockCountTable: [[Int]] = [
            [
                1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
                8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
            ],
            [
                1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
                17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
            ],
            [
                1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
                23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
            ],
            [
                1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
                25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
            ],
        ]
    }

    /// Modules left for codewords once the function patterns and the format and version information are placed
    /// (ISO/IEC 18004:2015, Table 1), remainder bits included.
    static func rawDataModules(version: Int) -> Int {
        let size = 4 * version + 17
        var modules = size * size
        modules -= 3 * 64 + 2 * 15 + 1  // finder patterns with separators, format information, dark module
        modules -= 2 * (size - 16)  // timing patterns
        let alignments = alignmentPositions(version: version).count
        if alignments > 0 {
            // n² patterns less the three that would overlap finders; those on the timing rows share 5 modules.
            modules -= 25 * (alignments * alignments - 3) - 10 * (alignments - 2)
        }
        if version >= 7 { modules -= 2 * 18 }
        return modules
    }

    /// Row and column centres of the alignment patterns (ISO/IEC 18004:2015, Annex E): the first is always 6, the
    /// last is size − 7, and the ones between are evenly spaced by an even step, counted from the last.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let size = 4 * version + 17
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var positions = [6]
        for index in 0..<(count - 1) { positions.insert(size - 7 - index * step, at: 1) }
        return positions
    }

    /// Bits of the character count indicator (ISO/IEC 18004:2015, Table 3).
    static func characterCountBits(_ mode: Mode, version: Int) -> Int {
        let band = version <= 9 ? 0 : version <= 26 ? 1 : 2
        switch mode {
        case .numeric: return [10, 12, 14][band]
        case .alphanumeric: return [9, 11, 13][band]
        case .byte: return [8, 16, 16][band]
        }
    }

    /// The remainder bits after the last codeword: what the raw modules leave over whole codewords.
    static func remainderBits(version: Int) -> Int { rawDataModules(version: version) % 8 }
}
