import Storage
import StoragePostgres
import StorageTesting
import Testing

/// The federation scenarios against PostgreSQL, each in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresFederationTests {
    private func run(_ scenario: @Sendable (FederationConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await scenario(FederationConformance { store })
        }
    }

    @Test("a peer key names its platform and nothing else") func peerKeys() async throws {
        try await run { try await $0.peerKeysNameTheirPlatform() }
    }

    @Test("push cursors are kept per peer and move") func cursors() async throws {
        try await run { try await $0.pushCursorsArePerPeer() }
    }

    @Test("recall rows are relayed once; a relayed copy relays each new answer") func relay() async throws {
        try await run { try await $0.recallRowsAreRelayedOnce() }
    }

    @Test("evidence for some keys verifies offline against a signed head") func evidence() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            try await FederationConformance.evidenceVerifiesOffline(store)
        }
    }
}
