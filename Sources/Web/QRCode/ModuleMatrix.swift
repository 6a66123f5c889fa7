/// The module grid of a QR Code while it is built: which modules are dark, and which belong to function patterns
/// (finder, separator, timing, alignment, format and version information, dark module), which masking skips.
struct ModuleMatrix: Sendable {
    /// The version, 1–40.
    let version: Int
    /// Modules per side.
    let size: Int
    /// Row-major modules, `true` for dark.
    private(set) var modules: [Bool]
    /// Row-major flags for modules of function patterns.
    private(set) var isFunction: [Bool]

    /// A matrix with every function pattern drawn, and the format and version information areas and the dark
    /// module reserved but still light (they are drawn after masking, ISO/IEC 18004:2015, 7.8 and 7.9).
    init(version: Int) {
        self.version = version
        size = 4 * version + 17
        modules = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
        drawTimingPatterns()
        for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] { drawFinderPattern(row: row, column: column) }
        drawAlignmentPatterns()
        reserveFormatAndVersionAreas()
    }

    /// Whether a module is dark.
    subscript(row: Int, column: Int) -> Bool {
        modules[row * size + column]
    }

    /// Sets a module of a function pattern.
    private mutating func setFunction(row: Int, column: Int, dark: Bool) {
        modules[row * size + column] = dark
        isFunction[row * size + column] = true
    }

    /// Timing patterns: row 6 and column 6 alternate dark and light, dark on even positions (6.3.5). The finder
    /// patterns drawn afterwards cover their ends.
    private mutating func drawTimingPatterns() {
        for index in 0..<size {
            setFunction(row: 6, column: index, dark: index % 2 == 0)
            setFunction(row: index, column: 6, dark: index % 2 == 0)
        }
    }

    /// A finder pattern (7 × 7: dark ring, light ring, dark 3 × 3 centre, 6.3.3) and its light separator (6.3.4).
    private mutating func drawFinderPattern(row: Int, column: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let (y, x) = (row + dy, column + dx)
                guard (0..<size).contains(y), (0..<size).contains(x) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(row: y, column: x, dark: distance != 2 && distance != 4)
            }
        }
    }

    /// Alignment patterns (5 × 5: dark ring, light ring, dark centre, 6.3.6) at every pair of Annex E positions
    /// except the three that would overlap finder patterns.
    private mutating func drawAlignmentPatterns() {
        let positions = QRCode.alignmentPositions(version: version)
        guard let first = positions.first, let last = positions.last else { return }
        for row in positions {
            for column in positions {
                if (row == first && column == first) || (row == first && column == last)
                    || (row == last && column == first)
                {
                    continue
                }
                for dy in -2...2 {
                    for dx in -2...2 {
                        setFunction(row: row + dy, column: column + dx, dark: max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }

    /// Marks the format information (both copies), the dark module and, from version 7, the version information
    /// as function modules, light for now.
    private mutating func reserveFormatAndVersionAreas() {
        for (row, column) in formatPositions().first + formatPositions().second {
            setFunction(row: row, column: column, dark: false)
        }
        setFunction(row: size - 8, column: 8, dark: false)
        if version >= 7 {
            for (row, column) in versionPositions().flatMap({ [$0.0, $0.1] }) {
                setFunction(row: row, column: column, dark: false)
            }
        }
    }

    /// Where bits 0–14 (least significant first) of the two format information copies go (7.9.1, Figure 25):
    /// around the top-left finder, and split between the bottom-left and top-right finders.
    private func formatPositions() -> (first: [(Int, Int)], second: [(Int, Int)]) {
        var first: [(Int, Int)] = (0...5).map { ($0, 8) }
        first += [(7, 8), (8, 8), (8, 7)]
        first += (9..<15).map { (8, 14 - $0) }
        var second: [(Int, Int)] = (0..<8).map { (8, size - 1 - $0) }
        second += (8..<15).map { (size - 15 + $0, 8) }
        return (first, second)
    }

    /// Where bits 0–17 (least significant first) of the version information go (7.10, Figure 27): a 6 × 3 block
    /// above the bottom-left finder and its transpose left of the top-right finder.
    private func versionPositions() -> [((Int, Int), (Int, Int))] {
        (0..<18).map { bit in
            let (a, b) = (size - 11 + bit % 3, bit / 3)
            return ((b, a), (a, b))
        }
    }

    /// Places the final message codewords in the two-module-wide columns, right to left, alternately upwards
    /// and downwards, skipping function modules and the vertical timing pattern (7.7.3). Modules left over are
    /// the remainder bits, light before masking.
    mutating func place(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bit = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upwards = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upwards ? size - 1 - step : step
                for column in [right, right - 1] where !isFunction[row * size + column] && bit < totalBits {
                    modules[row * size + column] = (codewords[bit >> 3] >> (7 - (bit & 7))) & 1 == 1
                    bit += 1
                }
            }
            right -= 2
        }
        precondition(bit == totalBits, "codewords do not fill version \(version)")
    }

    /// Flips every data module where the mask's condition holds (7.8.2).
    mutating func applyMask(_ mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row * size + column] {
                if Self.maskCondition(mask, row: row, column: column) { modules[row * size + column].toggle() }
            }
        }
    }

    /// Draws both copies of the format information, BCH (15, 5) coded and masked with 101010000010010 (7.9),
    /// and the dark module.
    mutating func drawFormatInformation(correction: QRCode.ErrorCorrection, mask: Int) {
        let data = correction.formatBits << 3 | mask
        let bits = (data << 10 | Self.bchRemainder(data << 10, generator: 0b101_0011_0111)) ^ 0b101_0100_0001_0010
        let positions = formatPositions()
        for (index, (row, column)) in positions.first.enumerated() {
            setFunction(row: row, column: column, dark: (bits >> index) & 1 == 1)
        }
        for (index, (row, column)) in positions.second.enumerated() {
            setFunction(row: row, column: column, dark: (bits >> index) & 1 == 1)
        }
        setFunction(row: size - 8, column: 8, dark: true)
    }

    /// Draws both copies of the version information, BCH (18, 6) coded (7.10), from version 7 on.
    mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        let bits = version << 12 | Self.bchRemainder(version << 12, generator: 0b1_1111_0010_0101)
        for (index, (below, beside)) in versionPositions().enumerated() {
            let dark = (bits >> index) & 1 == 1
            setFunction(row: below.0, column: below.1, dark: dark)
            setFunction(row: beside.0, column: beside.1, dark: dark)
        }
    }

    /// The remainder of a polynomial over GF(2) divided by a generator.
    static func bchRemainder(_ value: Int, generator: Int) -> Int {
        let degree = generator.bitWidth - generator.leadingZeroBitCount - 1
        var remainder = value
        while remainder != 0, remainder.bitWidth - remainder.leadingZeroBitCount - 1 >= degree {
            let shift = remainder.bitWidth - remainder.leadingZeroBitCount - 1 - degree
            remainder ^= generator << shift
        }
        return remainder
    }
}
