import Foundation
import Testing

@testable import StoragePostgres

/// The binary COPY encoder, byte for byte against rows written out by hand from the format's description (COPY,
/// "Binary Format"), and through a real COPY into a temporary table read back with SELECT.
@Suite struct PostgresBinaryCopyTests {
    static let header: [UInt8] = [
        0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00,  // PGCOPY\n\377\r\n\0
        0, 0, 0, 0,  // flags
        0, 0, 0, 0,  // header extension length
    ]
    static let trailer: [UInt8] = [0xFF, 0xFF]

    static func bytes(_ copy: PostgresBinaryCopy) -> [UInt8] {
        var copy = copy
        return copy.finish()
    }

    @Test("a stream without tuples is the header and the trailer")
    func empty() {
        #expect(Self.bytes(PostgresBinaryCopy()) == Self.header + Self.trailer)
    }

    @Test("int8, text, NULL and bool fields as the format spells them")
    func scalarRow() {
        // Given one tuple (42, 'ab', NULL, true)
        var copy = PostgresBinaryCopy()
        copy.beginRow(fields: 4)
        copy.int8(42)
        copy.text("ab")
        copy.text(nil as String?)
        copy.bool(true)
        // Then
        let tuple: [UInt8] =
            [0x00, 0x04]  // four fields
            + [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 42]  // int8 42
            + [0, 0, 0, 2, 0x61, 0x62]  // text "ab"
            + [0xFF, 0xFF, 0xFF, 0xFF]  // NULL
            + [0, 0, 0, 1, 1]  // true
        #expect(Self.bytes(copy) == Self.header + tuple + Self.trailer)
        #expect(copy.rowCount == 1)
    }

    @Test("bytea, timestamptz, jsonb, float8 and int4 fields; text in UTF-8; two tuples in order")
    func typedRows() {
        // Given
        var copy = PostgresBinaryCopy()
        copy.beginRow(fields: 3)
        copy.bytea([0xDE, 0xAD])
        copy.timestamptz(milliseconds: 946_684_800_001)  // 2000-01-01T00:00:00.001Z: 1,000 µs after PostgreSQL's epoch
        copy.jsonb("{}")
        copy.beginRow(fields: 3)
        copy.float8(1.5)
        copy.int4(-2)
        copy.text("溯")
        // Then
        let first: [UInt8] =
            [0x00, 0x03]
            + [0, 0, 0, 2, 0xDE, 0xAD]
            + [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x03, 0xE8]
            + [0, 0, 0, 3, 0x01, 0x7B, 0x7D]  // jsonb: version 1, then "{}"
        let second: [UInt8] =
            [0x00, 0x03]
            + [0, 0, 0, 8, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]
            + [0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFE]
            + [0, 0, 0, 3, 0xE6, 0xBA, 0xAF]
        #expect(Self.bytes(copy) == Self.header + first + second + Self.trailer)
        #expect(copy.rowCount == 2)
    }

    @Test("a time before PostgreSQL's epoch is a negative count of microseconds")
    func earlyTime() {
        var copy = PostgresBinaryCopy()
        copy.beginRow(fields: 1)
        copy.timestamptz(milliseconds: 0)  // 1970-01-01: 946,684,800 s before 2000-01-01
        let micros = Int64(-946_684_800_000_000)
        let expected = (0..<8).reversed().map { UInt8(truncatingIfNeeded: micros >> ($0 * 8)) }
        #expect(Self.bytes(copy) == Self.header + [0x00, 0x01, 0, 0, 0, 8] + expected + Self.trailer)
    }

}

/// Binary COPY through PostgresNIO into PostgreSQL: a table made and read with `psql`, another client.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresBinaryCopyRoundTripTests {
    @Test("rows copied into a table read back with SELECT as written")
    func roundTrip() async throws {
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            // Given a table of every type the encoder writes, and two rows, the second with NULLs
            _ = try await PostgresTestDatabase.psql(
                """
                CREATE TABLE copy_round_trip (n BIGINT, t TEXT, b BYTEA, ts TIMESTAMPTZ, j JSONB, f BOOLEAN,
                    d DOUBLE PRECISION, i INTEGER)
                """, schema: schema)
            var copy = PostgresBinaryCopy()
            copy.beginRow(fields: 8)
            copy.int8(9_007_199_254_740_993)
            copy.text("urn:epc:id:sgtin:0614141.107346.2017 — 溯源")
            copy.bytea([0x00, 0xFF, 0x10])
            copy.timestamptz(milliseconds: 1_796_126_400_123)  // 2026-12-01T12:00:00.123Z
            copy.jsonb(#"{"b": [1, 2], "a": "x"}"#)
            copy.bool(false)
            copy.float8(-0.25)
            copy.int4(-7)
            copy.beginRow(fields: 8)
            copy.int8(-1)
            copy.text("")
            copy.null()
            copy.null()
            copy.null()
            copy.bool(true)
            copy.float8(nil as Double?)
            copy.null()
            let rows = copy.finish()
            // When
            try await store.withConnection { connection in
                try await connection.copyBinary(
                    into: "copy_round_trip", columns: ["n", "t", "b", "ts", "j", "f", "d", "i"], rows,
                    logger: store.logger)
            }
            // Then
            let read = try await PostgresTestDatabase.psql(
                """
                SELECT n, t, coalesce(encode(b, 'hex'), 'NULL'),
                    coalesce(to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), 'NULL'),
                    coalesce(j::text, 'NULL'), f, coalesce(d::text, 'NULL'), coalesce(i::text, 'NULL')
                FROM copy_round_trip ORDER BY n DESC
                """, schema: schema)
            #expect(
                read.split(separator: "\n") == [
                    "9007199254740993|urn:epc:id:sgtin:0614141.107346.2017 — 溯源|00ff10|2026-12-01T12:00:00.123|"
                        + #"{"a": "x", "b": [1, 2]}|f|-0.25|-7"#,
                    "-1||NULL|NULL|NULL|t|NULL|NULL",
                ])
        }
    }

    @Test("a value that does not fit its column fails the COPY and stores nothing")
    func mismatchFails() async throws {
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            // Given a 4-byte field for a BIGINT column after a good row
            _ = try await PostgresTestDatabase.psql("CREATE TABLE copy_mismatch (n BIGINT)", schema: schema)
            var copy = PostgresBinaryCopy()
            copy.beginRow(fields: 1)
            copy.int8(1)
            copy.beginRow(fields: 1)
            copy.int4(7)
            let rows = copy.finish()
            // When / Then
            await #expect(throws: (any Error).self) {
                try await store.withConnection { connection in
                    try await connection.copyBinary(into: "copy_mismatch", columns: ["n"], rows, logger: store.logger)
                }
            }
            #expect(try await PostgresTestDatabase.psql("SELECT count(*) FROM copy_mismatch", schema: schema) == "0\n")
        }
    }
}
