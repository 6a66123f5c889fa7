/// Writes JSON text into a byte buffer, compact or pretty-printed (two spaces per level).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    let pretty: Bool
    /// For each open container: true until its first member or element is written.
    private var isFirst: [Bool] = []
    /// True right after a key, when the value follows with no separator.
    private var afterKey = false

    init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = isFirst.indices.last else { return }
        if !isFirst[last] { bytes.append(UInt8(ascii: ",")) }
        isFirst[last] = false
        newline()
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * isFirst.count))
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        isFirst.append(true)
    }

    mutating func endObject() {
        let empty = isFirst.removeLast()
        if !empty { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        isFirst.append(true)
    }

    mutating func endArray() {
        let empty = isFirst.removeLast()
        if !empty { newline() }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a member's key; the next value written is its value.
    mutating func key(_ key: String) {
        separate()
        writeQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        writeQuoted(value)
    }

    /// Writes a number given as JSON text (checked by the caller).
    mutating func rawNumber(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes a double; an integral value has no fraction (`200`, not `200.0`).
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            null()
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            rawNumber(String(Int64(value)))
        } else {
            rawNumber("\(value)")
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Shorthands for an object member.
    mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
