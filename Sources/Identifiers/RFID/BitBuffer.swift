/// Bits most-significant first, as TDS lays out EPC binary encodings.
struct BitBuffer {
    private(set) var bits: [Bool] = []

    init() {}

    /// Reads bits from hex digits.
    init?(hex: some StringProtocol) {
        for scalar in hex.unicodeScalars {
            let nibble: UInt8
            switch scalar.value {
            case 48...57: nibble = UInt8(scalar.value - 48)
            case 65...70: nibble = UInt8(scalar.value - 55)
            case 97...102: nibble = UInt8(scalar.value - 87)
            default: return nil
            }
            for shift in stride(from: 3, through: 0, by: -1) { bits.append(nibble >> UInt8(shift) & 1 == 1) }
        }
    }

    var count: Int { bits.count }

    mutating func append(_ value: UInt64, width: Int) {
        for shift in stride(from: width - 1, through: 0, by: -1) {
            bits.append(shift < 64 && (value >> UInt64(shift)) & 1 == 1)
        }
    }

    /// Seven-bit characters (TDS §14.3.2 "String" encoding), zero-padded to `width`.
    mutating func appendString(_ text: String, width: Int) {
        let start = bits.count
        for scalar in text.unicodeScalars { append(UInt64(scalar.value & 0x7F), width: 7) }
        append(0, width: width - (bits.count - start))
    }

    func integer(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<offset + width { value = value << 1 | (bits[index] ? 1 : 0) }
        return value
    }

    /// Seven-bit characters up to the first zero character.
    func string(at offset: Int, width: Int) -> String {
        var out = ""
        var index = offset
        while index + 7 <= offset + width {
            let code = integer(at: index, width: 7)
            if code == 0 { break }
            out.unicodeScalars.append(Unicode.Scalar(UInt8(code)))
            index += 7
        }
        return out
    }

    /// Upper-case hex, zero-padded to whole 16-bit words.
    var hex: String {
        var padded = bits
        while padded.count % 16 != 0 { padded.append(false) }
        var out = ""
        for start in stride(from: 0, to: padded.count, by: 4) {
            var nibble = 0
            for bit in padded[start..<start + 4] { nibble = nibble << 1 | (bit ? 1 : 0) }
            out += String(nibble, radix: 16, uppercase: true)
        }
        return out
    }
}
