import Storage
import StoragePostgres
import Testing

/// The schema is versioned: a database that is behind is refused until `suyuan migrate` runs, and migrating twice
/// applies nothing the second time.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresMigrationTests {
    @Test("a fresh database is refused without migrate, with schemaOutdated")
    func freshDatabaseIsRefused() async throws {
        // Given a schema with no tables
        let url = PostgresTestDatabase.freshURL()
        // When the store is opened without migrating
        let error = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: url) { _ in }
        }
        // Then
        #expect(error?.code == .schemaOutdated)
        #expect(error?.message.contains("run suyuan migrate") == true)
    }

    @Test("migrate applies every step once; the migrated database opens without migrate")
    func migrateAppliesOnce() async throws {
        // Given a fresh schema
        let url = PostgresTestDatabase.freshURL()
        // When it is migrated, then migrated again
        let first = try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.appliedMigrations()
        }
        let second = try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.migrate()
        }
        // Then the first run applied every step, the second none, and a plain open works
        #expect(first == ["v1-events", "v1-master-data", "v2-ledger", "v2-projections", "v3-recalls"])
        #expect(second.isEmpty)
        let applied = try await PostgresEventStore.open(url: url) { store in try await store.appliedMigrations() }
        #expect(applied == first)
    }

    @Test("a store name that is not a PostgreSQL URL is refused")
    func malformedURL() async throws {
        let error = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: "postgres://127.0.0.1/db?schema=a;drop") { _ in }
        }
        #expect(error?.code == .invalidQuery)
    }
}
