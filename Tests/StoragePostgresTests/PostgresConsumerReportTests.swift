import Storage
import StoragePostgres
import StorageTesting
import Testing

/// Every consumer report scenario against PostgreSQL, each in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresConsumerReportTests {
    /// Runs one scenario with a store that lives as long as the scenario.
    private func run(_ scenario: @Sendable (ConsumerReportConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await scenario(ConsumerReportConformance { store })
        }
    }

    @Test("consumer reports are read newest first, from a time on, up to a limit") func newestFirst() async throws {
        try await run { try await $0.reportsReadNewestFirst() }
    }

    @Test("an invalid report, or a taken report ID, stores nothing") func refused() async throws {
        try await run { try await $0.refusedReportsStoreNothing() }
    }
}
