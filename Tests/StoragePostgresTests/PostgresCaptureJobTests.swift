import Storage
import StoragePostgres
import StorageTesting
import Testing

/// Every capture job scenario against PostgreSQL, each in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresCaptureJobTests {
    private func run(_ scenario: @Sendable (CaptureJobConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await scenario(CaptureJobConformance { store })
        }
    }

    @Test("a kept job comes back pending with its bytes; pending jobs list oldest first") func pending() async throws {
        try await run { try await $0.pendingJobsKeepTheirDocument() }
    }

    @Test("a capture ends its job in its own transaction, once") func ends() async throws {
        try await run { try await $0.captureEndsItsJob() }
    }

    @Test("a refused capture leaves its job pending until it is ended as failed") func refused() async throws {
        try await run { try await $0.refusedCaptureLeavesItsJobPending() }
    }

    @Test("with proceed the events left out are the job's errors") func proceed() async throws {
        try await run { try await $0.proceedRecordsTheEventsLeftOut() }
    }
}
