import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement of the capture's hot path, bound and stepped through SQLite's C API.
///
/// GRDB's `Statement.execute(arguments:)` builds a `StatementArguments` array of existentials for every row and
/// runs its observation and access bookkeeping around each step; a capture runs several statements per event, so
/// that overhead was a large share of the write transaction. These statements are prepared by GRDB (which owns and
/// finalizes them) inside a write transaction GRDB opened; only binding and stepping bypass it. They change no
/// schema and register no observer, so GRDB's bookkeeping has nothing to miss.
struct SQLiteRawStatement {
    /// GRDB's statement, kept alive for as long as this value is used.
    let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// Prepares `sql` (uncached: the statement lives as long as this value).
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed", sql: sql)
        }
        self.connection = connection
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind SQL NULL, not ''.
            if let base = bytes.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, bytes: UnsafeRawBufferPointer) {
        _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
    }

    /// Binds the stored form of an ID (``SQLiteCompactID``): bytes as a BLOB, any other form as its text.
    func bind(_ index: Int32, compactID: DatabaseValue) {
        switch compactID.storage {
        case .blob(let data): data.withUnsafeBytes { bind(index, bytes: $0) }
        case .string(let text): bind(index, text)
        default: sqlite3_bind_null(handle, index)
        }
    }

    /// Runs the statement to completion and resets it for the next row (bindings stay until rebound).
    /// - Throws: `DatabaseError` with SQLite's result code and message (a constraint violation stays
    ///   `SQLITE_CONSTRAINT`, which the store reports as a duplicate).
    func run() throws {
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(connection))
            let extended = sqlite3_extended_errcode(connection)
            sqlite3_reset(handle)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    /// Runs a query and tells whether it yields a row; resets the statement.
    /// - Throws: `DatabaseError` as ``run()`` does.
    func yieldsRow() throws -> Bool {
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW || code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(connection))
            let extended = sqlite3_extended_errcode(connection)
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return code == SQLITE_ROW
    }

    /// Runs a query and reads its first row with `read` (nil when it yields none); resets the statement.
    /// - Throws: `DatabaseError` as ``run()`` does.
    func firstRow<T>(_ read: (SQLiteRawStatement) -> T) throws -> T? {
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW || code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(connection))
            let extended = sqlite3_extended_errcode(connection)
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
        }
        defer { sqlite3_reset(handle) }
        return code == SQLITE_ROW ? read(self) : nil
    }

    /// The integer in column `column` (0-based) of the current row; only inside ``firstRow(_:)``.
    func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The row ID of the last row this connection inserted.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }
}
