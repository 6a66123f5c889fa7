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
    ///
    /// The database may go away in the middle (a restart, a crash). PostgresNIO 1.33's COPY writer then stops the
    /// process (`preconditionFailure("Copy mode is only supported for extended queries")`) if a write, the end or
    /// the failure of the copy reaches the connection after it closed but before the channel let go of its handler
    /// (the close future completes with that). So the copy runs on the connection's own event loop
    /// (``EventLoopTaskExecutor``), where each of those calls acts at once, and before each one it checks that the
    /// channel is open; when it is not, it waits for the close future and throws ``PostgresCopyClosed``, which
    /// makes the writer's failure call find no handler and end quietly.
    /// - Throws: the server's error (a value that does not fit its column, a unique violation, no partition for a
    ///   row), which fails the transaction; ``PostgresCopyClosed`` when the connection closed.
    func copyBinary(into table: String, columns: [String], _ rows: [UInt8], logger: Logger) async throws {
        precondition(
            (columns + [table]).allSatisfy { name in
                name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            }, "COPY names are plain identifiers")
        let statement = "\(table)\" (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary) --"
        try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop)) {
            try await copyFrom(table: statement, columns: [], logger: logger) { writer in
                do {
                    for start in stride(from: 0, to: rows.count, by: Self.copyChunkSize) {
                        try await stillOpen()
                        try await writer.write(
                            ByteBuffer(bytes: rows[start..<min(start + Self.copyChunkSize, rows.count)]))
                    }
                } catch {
                    // The writer's failure call follows at once: it too must find the channel open or let go of.
                    try await stillOpen()
                    throw error
                }
                // The end of the copy follows at once.
                try await stillOpen()
            }
        }
    }

    /// Returns while the channel is open (on its event loop, so it stays open until the caller's next suspension);
    /// once it closed, waits until the channel let go of its handlers and throws.
    private func stillOpen() async throws {
        guard isClosed else { return }
        try? await closeFuture.get()
        throw PostgresCopyClosed()
    }
}

/// The connection closed during a COPY (the database restarted or went away).
struct PostgresCopyClosed: Error, CustomStringConvertible {
    var description: String { "the connection to PostgreSQL closed during a COPY" }
}
