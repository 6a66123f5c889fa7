import StoragePostgres
import StorageTesting
import Testing

/// The PostgreSQL store as a reconciliation source: the findings streamed from its index columns are the findings
/// over the same events decoded in memory.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresReconcileTests {
    @Test("a reconciliation streamed from PostgreSQL finds what one over the decoded events finds; with since, from fewer events")
    func streamedAgreesWithMemory() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await ReconcileConformance.streamedAgreesWithMemory(store) { try await store.partyRegistry() }
        }
    }

    @Test("a reconciliation on PostgreSQL goes on from the state the last run kept and finds what a run from scratch finds")
    func checkpointAgreesWithFullRun() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await ReconcileConformance.checkpointAgreesWithFullRun(store) { try await store.partyRegistry() }
        }
    }
}
