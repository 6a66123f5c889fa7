import Storage
import Synchronization
import StoragePostgres
import StorageTesting
import Testing
import TestSupport

/// The sector rules over PostgreSQL, each world in a fresh schema.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresSectorRulesTests {
    private func run(_ scenario: @Sendable (SectorRulesConformance) async throws -> Void) async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            // The clean world needs a store of its own: the second store is a second schema.
            try await PostgresTestDatabase.withFreshStore { clean in
                let stores = SectorStores([store, clean])
                try await scenario(SectorRulesConformance { stores.next() })
            }
        }
    }

    @Test("withdrawal periods and pre-harvest intervals follow the lot") func farmInputs() async throws {
        try await run { try await $0.farmInputs() }
    }

    @Test("elevator maintenance, inspections and cylinder fills") func equipment() async throws {
        try await run { try await $0.equipment() }
    }

    @Test("hazardous stock and licensed receivers") func hazardousGoods() async throws {
        try await run { try await $0.hazardousGoods() }
    }

    @Test("rare earth quotas and separation mass balance") func rareEarth() async throws {
        try await run { try await $0.rareEarth() }
    }

    @Test("temperature excursions in any unit") func coldChain() async throws {
        try await run { try await $0.coldChain() }
    }

    @Test("the sector pass goes on from its checkpoint and finds what a run from scratch finds")
    func checkpoint() async throws {
        try await run { try await $0.checkpoint() }
    }

    @Test("the store hands exactly the events a selection names, from its indexes")
    func selection() async throws {
        try await run { try await $0.selection() }
    }
}

/// Hands out the stores one after the other.
private final class SectorStores: Sendable {
    private let stores: [PostgresEventStore]
    private let index = Mutex(0)

    init(_ stores: [PostgresEventStore]) { self.stores = stores }

    func next() -> PostgresEventStore {
        index.withLock { index in
            defer { index += 1 }
            return stores[index]
        }
    }
}
