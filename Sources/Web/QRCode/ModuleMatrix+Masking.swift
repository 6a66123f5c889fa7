extension ModuleMatrix {
    /// Whether mask pattern 0–7 flips the module at a row and column (ISO/IEC 18004:2015, Table 10).
    static func maskCondition(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// The mask with the lowest penalty; the lowest-numbered one on a tie.
    ///
    /// Each mask is scored on the masked symbol before the format and version information and the dark module
    /// are drawn (ISO/IEC 18004:2015, 7.8: they are added after masking), with those areas light, as segno does.
    func bestMask() -> Int {
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            var candidate = self
            candidate.applyMask(mask)
            let penalty = candidate.penalty().total
            if penalty < best.penalty { best = (mask, penalty) }
        }
        return best.mask
    }

    /// The four penalty scores of the matrix as it is (ISO/IEC 18004:2015, 7.8.3.1, Table 11).
    func penalty() -> (runs: Int, blocks: Int, finderLike: Int, balance: Int, total: Int) {
        var runs = 0
        var finderLike = 0
        for index in 0..<size {
            let row = (0..<size).map { self[index, $0] }
            let column = (0..<size).map { self[$0, index] }
            runs += Self.runPenalty(row) + Self.runPenalty(column)
            finderLike += Self.finderLikePenalty(row) + Self.finderLikePenalty(column)
        }
        var blocks = 0
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = self[row, column]
                if self[row, column + 1] == colour, self[row + 1, column] == colour, self[row + 1, column + 1] == colour
                {
                    blocks += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        // k = ⌊|dark/total − 50 %| / 5 %⌋, in integers: |20·dark − 10·total| / total.
        let balance = 10 * (abs(20 * dark - 10 * total) / total)
        return (runs, blocks, finderLike, balance, runs + blocks + finderLike + balance)
    }

    /// N1: 3 points for each run of 5 same-coloured modules in a line, and 1 more for each module beyond 5.
    private static func runPenalty(_ line: [Bool]) -> Int {
        var penalty = 0
        var length = 0
        for (index, module) in line.enumerated() {
            length = index > 0 && line[index - 1] == module ? length + 1 : 1
            let runEnds = index == line.count - 1 || line[index + 1] != module
            if runEnds, length >= 5 { penalty += length - 2 }
        }
        return penalty
    }

    /// N3: 40 points for each dark–light–dark×3–light–dark (1:1:3:1:1) pattern in a line with four light modules
    /// on at least one side, the symbol's edge counting as light (the quiet zone). After a counted pattern the
    /// search goes on past its end; after an uncounted one, from its fifth module (where another could start).
    private static func finderLikePenalty(_ line: [Bool]) -> Int {
        let pattern = [true, false, true, true, true, false, true]
        let size = line.count
        var penalty = 0
        var start = 0
        while start + 7 <= size {
            guard (0..<7).allSatisfy({ line[start + $0] == pattern[$0] }) else {
                start += 1
                continue
            }
            let lightBefore = line[max(start - 4, 0)..<start].allSatisfy { !$0 }
            let lightAfter = line[(start + 7)..<min(start + 11, size)].allSatisfy { !$0 }
            if lightBefore || lightAfter {
                penalty += 40
                start += 7
            } else {
                start += 4
            }
        }
        return penalty
    }
}
