/// Percent-encoding as EPC URNs (TDS 2.x §7) and GS1 Digital Link URIs (GS1 Digital Link standard Table 7-1) use it.
enum PercentEncoding {
    /// Characters a TDS EPC URN escapes: `"`, `%`, `&`, `/`, `<`, `>`, `?` (TDS Table I.3.1-1 / §7.1.1).
    static func encodeURN(_ value: some StringProtocol) -> String {
        encode(value) { "\"#%&/<>?".unicodeScalars.contains($0) }
    }

    /// Characters a Digital Link path segment escapes: space, `!`, `"`, `#`, `%`, `&`, `(`, `)`, `*`, `+`, `,`, `/`,
    /// `:`, `<`, `>`, `?` (DL Table 7-1 plus those RFC 3986 forbids) and anything outside printable ASCII.
    /// `'`, `;` and `=` stay literal, as in the GS1 event hash reference implementation.
    static func encodeDigitalLink(_ value: some StringProtocol) -> String {
        encode(value) { " !\"#%&()*+,/:<>?".unicodeScalars.contains($0) }
    }

    private static func encode(_ value: some StringProtocol, _ mustEscape: (Unicode.Scalar) -> Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            if scalar.value < 0x21 || scalar.value > 0x7E || mustEscape(scalar) {
                for byte in String(scalar).utf8 {
                    out += "%"
                    out += String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Decodes `%XX` escapes; nil when an escape is malformed or the bytes are not UTF-8.
    static func decode(_ value: some StringProtocol) -> String? {
        guard value.utf8.contains(UInt8(ascii: "%")) else { return String(value) }
        var bytes: [UInt8] = []
        var iterator = Array(value.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard iterator.count >= 2, let hi = hexValue(iterator[iterator.startIndex]),
                    let lo = hexValue(iterator[iterator.startIndex + 1])
                else { return nil }
                bytes.append(hi << 4 | lo)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
