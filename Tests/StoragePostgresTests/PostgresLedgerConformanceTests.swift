import Storage
import StoragePostgres
import StorageTesting
import Testing
import Transparency

/// The ledger conformance scenarios against PostgreSQL, each in a fresh schema; damage goes through `psql`.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresLedgerConformanceTests {
    private func run(
        partitioned: Bool = false, _ scenario: @Sendable (LedgerConformance) async throws -> Void
    ) async throws {
        let url = PostgresTestDatabase.freshURL() + (partitioned ? "&partitioned=monthly" : "")
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await scenario(
                LedgerConformance(
                    makeStore: { store },
                    damage: { _, damage in _ = try await PostgresTestDatabase.psql(Self.sql(damage), schema: schema) }))
        }
    }

    /// The SQL that makes a damage.
    static func sql(_ damage: LedgerConformance.Damage) -> String {
        switch damage {
        case .overwritten(let node):
            let (tile, positions) = MerkleTileID.locate(node)
            let start = positions.lowerBound * 32 + 1
            return """
                UPDATE ledger_tile
                SET hashes = overlay(hashes PLACING decode(repeat('ab', 32), 'hex') FROM \(start) FOR 32)
                WHERE level = \(tile.level) AND idx = \(tile.index)
                """
        case .deleted(let tile):
            return "DELETE FROM ledger_tile WHERE level = \(tile.level) AND idx = \(tile.index)"
        }
    }

    @Test("roots and proofs across tile edges equal the one-node-per-row log's") func proofs() async throws {
        try await run { try await $0.proofsMatchAcrossTileBoundaries() }
    }

    @Test("a leaf overwritten in a full tile is named and the tile check reports it") func leaf() async throws {
        try await run { try await $0.overwrittenLeafIsReported() }
    }

    @Test("an overwritten level-1 hash is reported and breaks the proofs through it") func upper() async throws {
        try await run { try await $0.overwrittenUpperHashIsReported() }
    }

    @Test("a deleted tile is reported as a gap and its events named") func deleted() async throws {
        try await run { try await $0.deletedTileIsReported() }
    }

    @Test("on the partitioned schema: proofs across tile edges, and a damaged tile is reported")
    func partitioned() async throws {
        try await run(partitioned: true) { try await $0.proofsMatchAcrossTileBoundaries() }
        try await run(partitioned: true) { try await $0.overwrittenLeafIsReported() }
    }
}
