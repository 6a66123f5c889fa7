import Foundation
import Storage
import StoragePostgres
import TestSupport

/// The throwaway PostgreSQL that scripts/test starts (POSTGRES_HOSTNAME, POSTGRES_PORT, POSTGRES_USER, POSTGRES_DB),
/// and a fresh schema of it for every test, so that tests never see each other's rows.
enum PostgresTestDatabase {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether a test database is configured; PostgreSQL tests are skipped otherwise.
    static var isConfigured: Bool { environment["POSTGRES_HOSTNAME"] != nil }

    /// The database's URL, without a schema.
    static var url: String {
        let host = environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1"
        let port = environment["POSTGRES_PORT"] ?? "5432"
        let user = environment["POSTGRES_USER"] ?? "postgres"
        let database = environment["POSTGRES_DB"] ?? "postgres"
        return "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// A URL naming a schema no other test uses (created when the store is opened with `migrate`), with a ledger
    /// key file of its own in the temporary directory.
    static func freshURL() -> String {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let key = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-\(schema).ledger-key.pem")
        return url + "?schema=\(schema)&ledgerKey=\(key.path)"
    }

    /// The schema a URL from ``freshURL()`` names.
    static func schema(of url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == "schema" }?.value
    }

    /// Runs SQL in a schema with `psql`, another client, as someone with database access would; returns its output.
    static func psql(_ sql: String, schema: String) async throws -> String {
        try await offThePool { try psqlBlocking(sql, schema: schema) }
    }

    private static func psqlBlocking(_ sql: String, schema: String) throws -> String {
        let process = try psqlProcess(sql, schema: schema)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PSQLFailed(status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A `psql` run of `sql` in `schema`, not started yet (``psql(_:schema:)`` runs one and waits for it).
    static func psqlProcess(_ sql: String, schema: String) throws -> Process {
        let candidates = ["/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw PSQLMissing()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
            "-h", environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1", "-p", environment["POSTGRES_PORT"] ?? "5432",
            "-U", environment["POSTGRES_USER"] ?? "postgres", "-d", environment["POSTGRES_DB"] ?? "postgres",
            "-c", "SET search_path TO \(schema)", "-c", sql,
        ]
        return process
    }

    /// Rewrites the body of the event `eventID` as an attacker who knows the stored form would: inflates it, changes
    /// its JSON text and deflates it back into the row (``EventBodyCodec``).
    /// - Returns: whether a row changed.
    static func rewriteBody(
        eventID: String, schema: String, _ change: @escaping @Sendable (String) -> String
    ) async throws -> Bool {
        let hex = try await psql("SELECT encode(body, 'hex') FROM event WHERE event_id = '\(eventID)'", schema: schema)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !hex.isEmpty else { return false }
        let stored = bytes(hex: hex)
        let codec = EventBodyCodec()
        let text = change(String(decoding: try codec.original(stored), as: UTF8.self))
        let changed = try codec.compress(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let updated = try await psql(
            "UPDATE event SET body = '\\x\(changed)'::bytea WHERE event_id = '\(eventID)' RETURNING id", schema: schema)
        return !updated.isEmpty
    }

    /// The bytes of psql's `encode(…, 'hex')` output.
    static func bytes(hex: some StringProtocol) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0
        }
    }

    struct PSQLMissing: Error {}
    struct PSQLFailed: Error { var status: Int32 }

    /// Runs `body` with a migrated store in a fresh schema.
    static func withFreshStore<T: Sendable>(_ body: (PostgresEventStore) async throws -> T)
        async throws -> T
    {
        try await PostgresEventStore.open(url: freshURL(), migrate: true, body)
    }
}
