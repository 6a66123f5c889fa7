extension QRCode {
    /// A run of the text in one mode, with its encoded bits (ISO/IEC 18004:2015, 7.4.3–7.4.5).
    struct Segment: Sendable, Hashable {
        /// The mode of the run.
        var mode: Mode
        /// Characters (numeric and alphanumeric) or bytes (byte mode) in the run.
        var characterCount: Int
        /// The data bits, without mode indicator and character count.
        var bits: BitBuffer
        /// The run of text.
        var text: String

        /// The 45 characters of alphanumeric mode, in the order of their values (ISO/IEC 18004:2015, Table 5).
        static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".unicodeScalars)

        /// The value of each alphanumeric character.
        private static let alphanumericValues: [Unicode.Scalar: Int] = Dictionary(
            uniqueKeysWithValues: alphanumericCharacters.enumerated().map { ($1, $0) })

        /// Makes the segment of a run of text in a mode that can encode all of it.
        init(_ text: Substring.UnicodeScalarView, mode: Mode) {
            self.mode = mode
            self.text = String(text)
            var bits = BitBuffer()
            switch mode {
            case .numeric:
                let digits = text.map { Int($0.value) - 48 }
                for start in stride(from: 0, to: digits.count, by: 3) {
                    let group = digits[start..<min(start + 3, digits.count)]
                    bits.append(group.reduce(0) { $0 * 10 + $1 }, count: [4, 7, 10][group.count - 1])
                }
                characterCount = digits.count
            case .alphanumeric:
                let values = text.map { Self.alphanumericValues[$0] ?? 0 }
                for start in stride(from: 0, to: values.count, by: 2) {
                    if start + 1 < values.count {
                        bits.append(values[start] * 45 + values[start + 1], count: 11)
                    } else {
                        bits.append(values[start], count: 6)
                    }
                }
                characterCount = values.count
            case .byte:
                let bytes = Array(self.text.utf8)
                for byte in bytes { bits.append(Int(byte), count: 8) }
                characterCount = bytes.count
            }
            self.bits = bits
        }

        /// Whether a mode can encode a character.
        static func mode(_ mode: Mode, encodes scalar: Unicode.Scalar) -> Bool {
            switch mode {
            case .numeric: ("0"..."9").contains(scalar)
            case .alphanumeric: alphanumericValues[scalar] != nil
            case .byte: true
            }
        }

        /// The total bits of segments in a version, headers included, or `Int.max` when a segment has more
        /// characters than its count indicator can say.
        static func bitLength(_ segments: [Segment], version: Int) -> Int {
            var total = 0
            for segment in segments {
                let countBits = characterCountBits(segment.mode, version: version)
                guard segment.characterCount < 1 << countBits else { return Int.max }
                total += 4 + countBits + segment.bits.count
            }
            return total
        }

        /// The segments that encode the text in the fewest bits for a version's character count lengths.
        ///
        /// Dynamic programming over the characters (the method of ISO/IEC 18004:2015, Annex J, made exact):
        /// for each character and each mode, the cheapest encoding of the text so far that ends in that mode.
        /// Costs are in sixths of a bit, since a digit takes 10/3 bits and an alphanumeric character 11/2.
        static func optimal(for text: String, version: Int) -> [Segment] {
            let scalars = Array(text.unicodeScalars)
            guard !scalars.isEmpty else { return [] }
            let modes = Mode.allCases
            let headers = modes.map { (4 + characterCountBits($0, version: version)) * 6 }
            var costs = headers
            // previous[i][m]: the mode character i − 1 was in, on the cheapest path that has character i in mode m.
            var previous: [[Int?]] = []
            previous.reserveCapacity(scalars.count)
            for scalar in scalars {
                var next = [Int?](repeating: nil, count: modes.count)
                var stepCosts = [Int](repeating: Int.max, count: modes.count)
                for (index, mode) in modes.enumerated()
                where Self.mode(mode, encodes: scalar) && costs[index] != Int.max {
                    stepCosts[index] = costs[index] + characterCost(mode, scalar)
                    next[index] = index
                }
                // Switching modes before this character: finish the bits of the old run, pay the new header.
                for to in modes.indices where Self.mode(modes[to], encodes: scalar) {
                    for from in modes.indices where from != to && costs[from] != Int.max {
                        let switched = (costs[from] + 5) / 6 * 6 + headers[to] + characterCost(modes[to], scalar)
                        if switched < stepCosts[to] {
                            stepCosts[to] = switched
                            next[to] = from
                        }
                    }
                }
                previous.append(next)
                costs = stepCosts
            }
            // Walk back from the cheapest final mode.
            let wholeBits = costs.map { $0 == Int.max ? Int.max : ($0 + 5) / 6 }
            var mode = wholeBits.indices.min { wholeBits[$0] < wholeBits[$1] } ?? 2
            var characterModes = [Int](repeating: 0, count: scalars.count)
            for index in stride(from: scalars.count - 1, through: 0, by: -1) {
                characterModes[index] = mode
                mode = previous[index][mode] ?? mode
            }
            var segments: [Segment] = []
            let view = text.unicodeScalars
            var start = view.startIndex
            var runStart = 0
            for index in 1...scalars.count
            where index == scalars.count || characterModes[index] != characterModes[runStart] {
                let end = view.index(start, offsetBy: index - runStart)
                segments.append(Segment(view[start..<end], mode: modes[characterModes[runStart]]))
                start = end
                runStart = index
            }
            return segments
        }

        /// The cost of one character in a mode, in sixths of a bit.
        private static func characterCost(_ mode: Mode, _ scalar: Unicode.Scalar) -> Int {
            switch mode {
            case .numeric: 20
            case .alphanumeric: 33
            case .byte: String(scalar).utf8.count * 8 * 6
            }
        }
    }
}
