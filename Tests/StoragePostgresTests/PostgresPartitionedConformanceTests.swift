import Foundation
import Storage
import StoragePostgres
import StorageTesting
import Testing
import TestSupport

/// The conformance scenarios that the plain PostgreSQL schema runs, on a schema created with
/// `partitioned=monthly` (docs/decisions/0025-national-hub-partitioning.md): capture, query, duplicates, recalls and
/// traces, projections and the ledger, reconciliation, capture jobs, and the store commands of `suyuan`.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresPartitionedConformanceTests {
    static func url() -> String { PostgresTestDatabase.freshURL() + "&partitioned=monthly" }

    private func withStore<T: Sendable>(_ body: (PostgresEventStore) async throws -> T) async throws -> T {
        try await PostgresEventStore.open(url: Self.url(), migrate: true, body)
    }

    @Test("capture and query scenarios on the partitioned schema")
    func storage() async throws {
        let scenarios: [@Sendable (StorageConformance) async throws -> Void] = [
            { try await $0.captureStoresEveryEvent() }, { try await $0.invalidDocumentStoresNothing() },
            { try await $0.resentDocumentIsRefused() }, { try await $0.proceedStoresTheRest() },
            { try await $0.errorDeclarationKeepsTheEventID() }, { try await $0.queriesPageWithTokens() },
            { try await $0.queryByIdentifier() }, { try await $0.largeDocumentIsAllOrNothing() },
            { try await $0.eventIDTwiceInADocumentIsRefused() }, { try await $0.sameEventUnderAnotherIDIsRefused() },
        ]
        for scenario in scenarios {
            try await withStore { store in try await scenario(StorageConformance { store }) }
        }
    }

    @Test("recall and trace scenarios on the partitioned schema")
    func recalls() async throws {
        let scenarios: [@Sendable (RecallConformance) async throws -> Void] = [
            { try await $0.recordedRecallReadsBack() }, { try await $0.tracedIdentifiersAreRecalled() },
            { try await $0.acknowledgementMarksThePartysRows() }, { try await $0.acknowledgementOfUnknownIsRefused() },
            { try await $0.invalidRecallStoresNothing() }, { try await $0.recallsListNewestFirst() },
        ]
        for scenario in scenarios {
            try await withStore { store in try await scenario(RecallConformance { store }) }
        }
    }

    @Test("projection and ledger scenarios on the partitioned schema")
    func projections() async throws {
        let scenarios: [@Sendable (ProjectionConformance) async throws -> Void] = [
            { try await $0.identifierStatesFollowTheStory() }, { try await $0.identifierKeysArePagedInOrder() },
            { try await $0.lateEventsDoNotRollStateBack() }, { try await $0.lotBalancesPerParty() },
            { try await $0.openShipmentsCloseOnReceipt() }, { try await $0.rebuildEqualsCapture() },
            { try await $0.tamperedBodyIsNamed() },
        ]
        for scenario in scenarios {
            let url = Self.url()
            let schema = try #require(PostgresTestDatabase.schema(of: url))
            try await PostgresEventStore.open(url: url, migrate: true) { store in
                try await scenario(
                    ProjectionConformance(
                        makeStore: { store },
                        tamper: { _, eventID in
                            try await PostgresTestDatabase.rewriteBody(eventID: eventID, schema: schema) {
                                $0.replacingOccurrences(of: "shipping", with: "receiving")
                            }
                        }))
            }
        }
    }

    @Test("reconciliation scenarios on the partitioned schema")
    func reconcile() async throws {
        try await withStore { store in
            try await ReconcileConformance.streamedAgreesWithMemory(store) { try await store.partyRegistry() }
        }
        try await withStore { store in
            try await ReconcileConformance.checkpointAgreesWithFullRun(store) { try await store.partyRegistry() }
        }
    }

    @Test("capture job scenarios on the partitioned schema")
    func captureJobs() async throws {
        let scenarios: [@Sendable (CaptureJobConformance) async throws -> Void] = [
            { try await $0.pendingJobsKeepTheirDocument() }, { try await $0.captureEndsItsJob() },
            { try await $0.refusedCaptureLeavesItsJobPending() }, { try await $0.proceedRecordsTheEventsLeftOut() },
        ]
        for scenario in scenarios {
            try await withStore { store in try await scenario(CaptureJobConformance { store }) }
        }
    }

    @Test("capture, verify, tamper, proof, rebuild, trace, recall, reconcile with suyuan on the partitioned schema",
        .enabled(if: SuyuanBinary.canRun, "needs .build/debug/suyuan"))
    func storeCommands() async throws {
        try await PostgresCommandLineTests.storeCommands(url: Self.url())
    }
}
