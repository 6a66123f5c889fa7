import Foundation
import StoragePostgres

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

    /// A URL naming a schema no other test uses (created when the store is opened with `migrate`).
    static func freshURL() -> String {
        url + "?schema=t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// Runs `body` with a migrated store in a fresh schema.
    static func withFreshStore<T: Sendable>(_ body: (PostgresEventStore) async throws -> T)
        async throws -> T
    {
        try await PostgresEventStore.open(url: freshURL(), migrate: true, body)
    }
}
