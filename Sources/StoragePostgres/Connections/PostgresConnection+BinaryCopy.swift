import Logging
import NIOCore
import PostgresNIO

extension PostgresConnection {
    /// Bytes per CopyData message: large enough that messages do not count, small enough to stream a batch of
    /// thousands of bodies without one message of many megabytes.
    static let copyChunkSize = 256 * 1_024

    /// Sends rows in binary COPY format (``PostgresBinaryCopy``) into `table`'s `columns`, in the caller's
    /// transaction: one `COPY … FROM STDIN (FORMAT binary)` round trip.
    ///
    /// PostgresNIO 1.33 offers `copyFrom(table:columns:format:)` with the text format only; it writes
    /// `COPY "<table>"(…) FROM STDIN WITH (FORMAT text)` and then streams whatever bytes it is given, whatever their
    /// format. So the whole statement goes in as the table name, closed by a quote and ended by a line comment that
    /// hides the text options it appends. Table and columns are constants of this module, never request data.
    /// - Throws: the server's error (a value that does not fit its column, a unique violation, no partition for a
    ///   row), which fails the transaction.
    func copyBinary(into table: String, columns: [String], _ rows: [UInt8], logger: Logger) async throws {
        precondition(
            (columns + [table]).allSatisfy { name in
                name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            }, "COPY names are plain identifiers")
        let statement = "\(table)\" (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary) --"
        try await copyFrom(table: statement, columns: [], logger: logger) { writer in
            for start in stride(from: 0, to: rows.count, by: Self.copyChunkSize) {
                try await writer.write(ByteBuffer(bytes: rows[start..<min(start + Self.copyChunkSize, rows.count)]))
            }
        }
    }
}
