extension QRCode {
    /// Why text could not be made into a QR Code.
    public struct EncodingError: Error, Sendable, CustomStringConvertible {
        /// The kind of failure.
        public struct Code: Hashable, Sendable, CustomStringConvertible {
            private enum Base: String, Hashable, Sendable {
                case dataTooLong
            }
            private let base: Base
            /// The text needs more data bits than a version 40 symbol holds at the chosen level.
            public static let dataTooLong = Code(base: .dataTooLong)
            /// The code's name.
            public var description: String { base.rawValue }
        }

        /// The kind of failure.
        public var code: Code
        /// What went wrong, naming the rule and the limit.
        public var message: String

        /// Makes an error.
        /// - Parameters:
        ///   - code: the kind of failure.
        ///   - message: what went wrong.
        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }

        /// The message.
        public var description: String { message }

        /// The error for text too long for version 40, counted in the unit of the mode that suits it best.
        static func dataTooLong(_ text: String, correction: ErrorCorrection) -> Self {
            let scalars = text.unicodeScalars
            let capacity = QRCode.dataCapacityBits(40, correction)
            let (count, limit, unit): (Int, Int, String)
            if scalars.allSatisfy({ Segment.mode(.numeric, encodes: $0) }) {
                let bits = capacity - 4 - characterCountBits(.numeric, version: 40)
                let lastDigits = bits % 10 >= 7 ? 2 : bits % 10 >= 4 ? 1 : 0
                (count, limit, unit) = (scalars.count, bits / 10 * 3 + lastDigits, "digits")
            } else if scalars.allSatisfy({ Segment.mode(.alphanumeric, encodes: $0) }) {
                let bits = capacity - 4 - characterCountBits(.alphanumeric, version: 40)
                (count, limit, unit) = (scalars.count, bits / 11 * 2 + (bits % 11 >= 6 ? 1 : 0), "characters")
            } else {
                let bits = capacity - 4 - characterCountBits(.byte, version: 40)
                (count, limit, unit) = (text.utf8.count, bits / 8, "bytes")
            }
            return Self(
                .dataTooLong,
                "data of \(grouped(count)) \(unit) does not fit a version 40 symbol at level \(correction.letter) "
                    + "(at most \(grouped(limit)) \(unit))"
            )
        }

        /// A count with thousands separated by commas, the same in every locale.
        private static func grouped(_ number: Int) -> String {
            var digits = String(number)
            var index = digits.endIndex
            while digits.distance(from: digits.startIndex, to: index) > 3 {
                index = digits.index(index, offsetBy: -3)
                digits.insert(",", at: index)
            }
            return digits
        }
    }
}
