import Foundation
import Storage
import StoragePostgres
import StorageTesting
import Testing

/// The projection and ledger conformance scenarios against PostgreSQL, each in a fresh schema with a key of its own;
/// tampering goes through `psql`, another client.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresProjectionConformanceTests {
    private func run(_ scenario: @Sendable (ProjectionConformance) async throws -> Void) async throws {
        let url = PostgresTestDatabase.freshURL()
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

    @Test("identifier states follow the story") func states() async throws {
        try await run { try await $0.identifierStatesFollowTheStory() }
    }

    @Test("the identifiers with a state are paged in byte order") func keys() async throws {
        try await run { try await $0.identifierKeysArePagedInOrder() }
    }

    @Test("a late event does not roll an identifier's state back") func late() async throws {
        try await run { try await $0.lateEventsDoNotRollStateBack() }
    }

    @Test("lot balances per party and unit") func balances() async throws {
        try await run { try await $0.lotBalancesPerParty() }
    }

    @Test("open shipments close on a matching receipt") func shipments() async throws {
        try await run { try await $0.openShipmentsCloseOnReceipt() }
    }

    @Test("projections after captures equal projections after a rebuild") func rebuild() async throws {
        try await run { try await $0.rebuildEqualsCapture() }
    }

    @Test("a body changed with SQL is named by verify; proofs verify offline") func tamper() async throws {
        try await run { try await $0.tamperedBodyIsNamed() }
    }
}
