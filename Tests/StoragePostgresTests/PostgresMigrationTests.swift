import EPCIS
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
        #expect(first == [
            "v1-events", "v1-master-data", "v2-ledger", "v2-projections", "v3-recalls", "v4-platform",
            "v5-scheduled-subscriptions", "v6-reconcile-checkpoint", "v7-capture-jobs", "v8-federation",
            "v9-master-data-language", "v10-consumer-reports", "v11-recall-serials", "v14-sector-checkpoint",
            "v15-ledger-tiles",
        ])
        #expect(second.isEmpty)
        let applied = try await PostgresEventStore.open(url: url) { store in try await store.appliedMigrations() }
        #expect(applied == first)
    }

    @Test("a database from before v4-platform is refused until migrated, and keeps its master data")
    func platformStepUpgradesAnOlderDatabase() async throws {
        // Given a database with master data whose v4-platform step (and the v5 step on its tables) is undone by
        // another client
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        let party = VocabularyElement(
            id: "https://id.gs1.org/417/6901234000031",
            attributes: [
                VocabularyAttribute(id: "https://ns.suyuan.org/mda#name", value: .string("Green Mart")),
                VocabularyAttribute(id: "https://ns.suyuan.org/mda#licenceStatus", value: .string("active")),
            ])
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.updateParty(party, changes: [])
        }
        _ = try await PostgresTestDatabase.psql(
            """
            DROP TABLE subscription, named_query, access_key, party_change, consumer_scan;
            ALTER TABLE vocabulary_attribute DROP COLUMN id; ALTER TABLE vocabulary_child DROP COLUMN id;
            DELETE FROM schema_migration WHERE version IN ('v4-platform', 'v5-scheduled-subscriptions')
            """, schema: schema)
        // When it is opened without migrating, then migrated
        let refused = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: url) { _ in }
        }
        let migrated = try await PostgresEventStore.migrate(url: url)
        // Then only the new step is applied, and the master data reads back in order
        #expect(refused?.code == .schemaOutdated)
        #expect(refused?.message.contains("v4-platform") == true)
        #expect(migrated.applied == ["v4-platform", "v5-scheduled-subscriptions"])
        let parties = try await PostgresEventStore.open(url: url) { store in
            try await store.vocabularyElements(type: "urn:epcglobal:epcis:vtype:Party")
        }
        #expect(parties == [party])
    }

    @Test("a store name that is not a PostgreSQL URL is refused")
    func malformedURL() async throws {
        let error = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: "postgres://127.0.0.1/db?schema=a;drop") { _ in }
        }
        #expect(error?.code == .invalidQuery)
    }
}
