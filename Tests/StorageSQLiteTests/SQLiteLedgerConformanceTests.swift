import Foundation
import Storage
import StorageSQLite
import StorageTesting
import Testing
import Transparency

/// The ledger conformance scenarios against a SQLite file store; damage goes through the `sqlite3` shell, another
/// process.
@Suite(.enabled(if: SQLiteLedgerTests.hasSQLite3, "needs /usr/bin/sqlite3"))
struct SQLiteLedgerConformanceTests {
    private func run(_ scenario: @Sendable (LedgerConformance) async throws -> Void) async throws {
        let path = SQLiteTestFiles.newPath()
        let store = try SQLiteEventStore(.file(path))
        try await scenario(
            LedgerConformance(
                makeStore: { store },
                damage: { _, damage in try await SQLiteLedgerTests.tamper(path, Self.sql(damage)) }))
    }

    /// The SQL that makes a damage.
    static func sql(_ damage: LedgerConformance.Damage) -> String {
        switch damage {
        case .overwritten(let node):
            let (tile, positions) = MerkleTileID.locate(node)
            let start = positions.lowerBound * 32
            // `||` joins blobs byte for byte (as text); the cast keeps the column a blob.
            let replacement = String(repeating: "AB", count: 32)
            return """
                UPDATE ledger_tile
                SET hashes = CAST(
                    substr(hashes, 1, \(start)) || X'\(replacement)' || substr(hashes, \(start + 33)) AS BLOB)
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
}
