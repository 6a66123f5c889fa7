import Storage
import StorageTesting
import Testing

/// Every consumer report scenario against the in-memory store (the reference).
@Suite struct InMemoryConsumerReportTests {
    let suite = ConsumerReportConformance { InMemoryEventStore() }

    @Test("consumer reports are read newest first, from a time on, up to a limit") func newestFirst() async throws {
        try await suite.reportsReadNewestFirst()
    }

    @Test("an invalid report, or a taken report ID, stores nothing") func refused() async throws {
        try await suite.refusedReportsStoreNothing()
    }
}
