/// Rows in PostgreSQL's binary COPY format (`COPY … FROM STDIN (FORMAT binary)`, the "Binary Format" section of the
/// COPY reference): the 11-byte signature `PGCOPY\n\377\r\n\0`, a 32-bit flags field and a 32-bit header extension
/// length (both 0), then per tuple a 16-bit field count and per field a 32-bit length (-1 for NULL) and the value in
/// the type's binary send format, and a 16-bit -1 as trailer. All integers are in network byte order.
///
/// Pure: it only appends bytes, so that the exact bytes are tested without a database. Binary COPY spares the server
/// the parsing of SQL text and of the bound arrays that `INSERT … SELECT FROM unnest(…)` costs; the server still
/// checks each value against its column's type and fails the COPY (and the transaction) on a mismatch.
struct PostgresBinaryCopy {
    /// The file signature: `PGCOPY`, newline, 0xFF, carriage return, newline, NUL.
    static let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
    /// Microseconds between the Unix epoch and PostgreSQL's (2000-01-01 00:00:00 UTC), the origin of timestamptz.
    static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000

    /// The bytes so far.
    private(set) var bytes: [UInt8] = []
    /// Tuples written.
    private(set) var rowCount = 0
    private var fieldsLeft = 0

    /// Starts a stream with its header.
    init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
        bytes += Self.signature
        append(Int32(0))  // flags: no OIDs
        append(Int32(0))  // no header extension
    }

    /// Starts a tuple of `fields` values; exactly that many field writes must follow.
    mutating func beginRow(fields: Int) {
        precondition(fieldsLeft == 0, "the previous tuple lacks \(fieldsLeft) fields")
        append(Int16(fields))
        fieldsLeft = fields
        rowCount += 1
    }

    /// A NULL field.
    mutating func null() {
        field()
        append(Int32(-1))
    }

    /// An `int8` (bigint) field.
    mutating func int8(_ value: Int64) {
        field()
        append(Int32(8))
        append(value)
    }

    /// An `int4` (integer) field.
    mutating func int4(_ value: Int32) {
        field()
        append(Int32(4))
        append(value)
    }

    /// A `bool` field: one byte, 1 or 0.
    mutating func bool(_ value: Bool) {
        field()
        append(Int32(1))
        bytes.append(value ? 1 : 0)
    }

    /// A `float8` (double precision) field: the IEEE 754 bits in network order.
    mutating func float8(_ value: Double) {
        field()
        append(Int32(8))
        append(value.bitPattern)
    }

    /// A `float8` field, or NULL.
    mutating func float8(_ value: Double?) {
        if let value { float8(value) } else { null() }
    }

    /// A `text` field: the UTF-8 bytes, no terminator.
    mutating func text(_ value: String) {
        field()
        var value = value
        value.withUTF8 { utf8 in
            append(Int32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A `text` field, or NULL.
    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// A `bytea` field: the bytes as they are.
    mutating func bytea(_ value: some Collection<UInt8>) {
        field()
        append(Int32(value.count))
        bytes.append(contentsOf: value)
    }

    /// A `timestamptz` field from milliseconds since the Unix epoch: microseconds since 2000-01-01 UTC.
    mutating func timestamptz(milliseconds: Int64) {
        field()
        append(Int32(8))
        append(milliseconds * 1_000 - Self.postgresEpochMicroseconds)
    }

    /// A `jsonb` field: format version 1, then the JSON text (the server parses and checks it).
    mutating func jsonb(_ json: String) {
        field()
        var json = json
        json.withUTF8 { utf8 in
            append(Int32(utf8.count + 1))
            bytes.append(1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Ends the stream with its trailer and returns the bytes.
    mutating func finish() -> [UInt8] {
        precondition(fieldsLeft == 0, "the last tuple lacks \(fieldsLeft) fields")
        append(Int16(-1))
        return bytes
    }

    private mutating func field() {
        precondition(fieldsLeft > 0, "a field beyond the tuple's count")
        fieldsLeft -= 1
    }

    /// An integer in network byte order.
    private mutating func append<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
