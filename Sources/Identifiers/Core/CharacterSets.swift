/// GS1 AI encodable character sets (GS1 General Specifications §7.11).
enum CharacterSets {
    /// Character set 82: `!"%&'()*+,-./0-9:;<=>?A-Z_a-z`.
    static func isCSet82(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x21, 0x22, 0x25...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: true
        default: false
        }
    }

    /// Character set 39: `#-/0-9A-Z`.
    static func isCSet39(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x23, 0x2D, 0x2F, 0x30...0x39, 0x41...0x5A: true
        default: false
        }
    }
}
