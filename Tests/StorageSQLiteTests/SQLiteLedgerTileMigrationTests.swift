import Foundation
import GRDB
import Storage
import StorageSQLite
import TestSupport
import Testing
import Transparency

/// The step `v17-ledger-tiles` on a store the release of 2026-12-07 wrote (its dump in Tests/Fixtures/Stores): the
/// node rows become tiles in place, and every signed head still matches the root read from the tiles.
@Suite struct SQLiteLedgerTileMigrationTests {
    static let fixtures = TestPaths.repository.appendingPathComponent("Tests/Fixtures/Stores/release-2026-12-07")

    /// The release's store, restored from its dump into a new file with the release's ledger key beside it,
    /// optionally changed with SQL before it is opened.
    static func releaseStore(changing sql: String? = nil) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-tiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("release.sqlite").path
        try Data(contentsOf: fixtures.appendingPathComponent("sqlite.ledger-key.pem"))
            .write(to: URL(fileURLWithPath: path + ".ledger-key.pem"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + ".ledger-key.pem")
        let dump = try String(contentsOf: fixtures.appendingPathComponent("sqlite.sql"), encoding: .utf8)
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: dump)
            if let sql { try db.execute(sql: sql) }
        }
        try queue.close()
        return path
    }

    @Test("the release's node rows become tiles: every signed root is read back from the tiles, proofs verify")
    func convertsInPlace() async throws {
        // Given the release's store (447 events, one signed head per capture)
        let path = try await Self.releaseStore()
        let heads = try await DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT tree_size, root_hash FROM tree_head ORDER BY tree_size").map {
                (UInt64($0[0] as Int64), $0[1] as Data)
            }
        }
        #expect(heads.last?.0 == 447)
        // When it is opened, which migrates it
        let store = try SQLiteEventStore(.file(path))
        // Then the nodes are in four tiles and ledger_node is gone
        let tiles = try await DatabaseQueue(path: path).read { db in
            (
                try String.fetchAll(db, sql: "SELECT level || '/' || idx || '/' || width FROM ledger_tile ORDER BY 1"),
                try db.tableExists("ledger_node")
            )
        }
        #expect(tiles.0 == ["0/0/256", "0/1/191", "1/0/1"])
        #expect(!tiles.1)
        // And the tiles lead to the signed root, hold every event's leaf and agree with each other
        let verification = try await store.verifyLedger()
        #expect(verification.tamperedEventIDs.isEmpty)
        #expect(verification.missingEventLeaves.isEmpty)
        #expect(verification.inconsistentNodes.isEmpty)
        #expect(verification.storedNodesMatchSignedRoot)
        #expect(verification.audit?.storedLeavesMatchSignedRoot == true)
        #expect(verification.isIntact)
        // And the consistency proof from every earlier head to the latest verifies against the two stored roots
        let latest = try #require(heads.last)
        for (size, root) in heads.dropLast() {
            let proof = try await store.consistencyProof(from: size, to: latest.0)
            try proof.verify(
                firstRoot: try #require(MerkleHash(bytes: root)), secondRoot: try #require(MerkleHash(bytes: latest.1)))
        }
    }

    @Test("a release store whose node rows have a gap is refused by the step, and left as it was")
    func refusesAGap() async throws {
        // Given the release's store with one leaf node deleted
        let path = try await Self.releaseStore(changing: "DELETE FROM ledger_node WHERE level = 0 AND idx = 100")
        // When it is opened, then the migration stops with the place of the gap
        let error = #expect(throws: StorageError.self) { try SQLiteEventStore(.file(path)) }
        let text = error.map { "\($0.message) \(String(describing: $0.underlying))" } ?? ""
        #expect(text.contains("lacks node 100"), "\(text)")
        // And the node rows are still there, with no tile table
        let state = try await DatabaseQueue(path: path).read { db in
            (try db.tableExists("ledger_node"), try db.tableExists("ledger_tile"))
        }
        #expect(state.0)
        #expect(!state.1)
    }
}
