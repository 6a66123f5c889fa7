import Storage
import StorageTesting
import Testing

/// Every capture job scenario against the in-memory store (the reference).
@Suite struct InMemoryCaptureJobTests {
    let suite = CaptureJobConformance { InMemoryEventStore() }

    @Test("a kept job comes back pending with its bytes; pending jobs list oldest first") func pending() async throws {
        try await suite.pendingJobsKeepTheirDocument()
    }

    @Test("a capture ends its job in its own transaction, once") func ends() async throws {
        try await suite.captureEndsItsJob()
    }

    @Test("a refused capture leaves its job pending until it is ended as failed") func refused() async throws {
        try await suite.refusedCaptureLeavesItsJobPending()
    }

    @Test("with proceed the events left out are the job's errors") func proceed() async throws {
        try await suite.proceedRecordsTheEventsLeftOut()
    }
}
