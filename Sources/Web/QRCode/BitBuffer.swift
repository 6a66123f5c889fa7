/// A growing sequence of bits, most significant bit first, as the QR Code data bit stream is written.
struct BitBuffer: Sendable, Hashable {
    /// The bits in order.
    private(set) var bits: [Bool] = []

    /// The number of bits.
    var count: Int { bits.count }

    /// Appends the low `count` bits of a value, most significant first.
    mutating func append(_ value: Int, count: Int) {
        precondition(count >= 0 && (count == 0 || value >> count == 0), "value does not fit \(count) bits")
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    /// Appends the bits of another buffer.
    mutating func append(contentsOf other: BitBuffer) { bits.append(contentsOf: other.bits) }

    /// The bits packed into bytes; a last partial byte is padded with zero bits.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            var byte: UInt8 = 0
            for offset in 0..<8 { byte = byte << 1 | (start + offset < bits.count && bits[start + offset] ? 1 : 0) }
            return byte
        }
    }
}
