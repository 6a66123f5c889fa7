import TestSupport
import EPCIS
import Foundation
import GRDB
import Storage
import Testing
import Transparency

@testable import StorageSQLite

/// The ledger inside the SQLite store: leaves written in the capture transaction, signed heads, proofs, and the
/// audit that names events changed behind the store's back.
@Suite struct SQLiteLedgerTests {
    /// A document of `count` observations of distinct items, starting at serial `first`.
    static func document(first: Int, count: Int) -> EPCISDocument {
        let events = (0..<count).map { offset in
            var event = SQLiteFixtures.event(.objectEvent, offset % 60, .observe, "shipping", at: SQLiteFixtures.farm)
            event.epcList = [SQLiteFixtures.item(first + offset)]
            return event
        }
        return EPCISDocument(kind: .document, events: events)
    }

    /// Captures documents of the given sizes, returning every stored event ID in capture order.
    static func fill(_ store: SQLiteEventStore, sizes: [Int]) async throws -> [String] {
        var ids: [String] = []
        var next = 1
        for size in sizes {
            ids += try await store.capture(document(first: next, count: size), context: SQLiteFixtures.context)
                .eventIDs
            next += size
        }
        return ids
    }

    /// Rewrites the body of the events `condition` selects, as an attacker who knows the stored format would: each
    /// body is inflated, changed by `change` and stored again compressed, so that it still reads as an event.
    /// - Returns: how many bodies changed.
    @discardableResult
    static func rewriteBodies(_ path: String, where condition: String, _ change: (String) -> String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            var changed = 0
            for row in try Row.fetchAll(db, sql: "SELECT id, body FROM event WHERE \(condition)") {
                let body = try SQLiteEventDecoding.body(row["body"] as DatabaseValue)
                let new = change(body)
                guard new != body else { continue }
                let stored = try EventBodyCodec().compress(Array(new.utf8))
                try db.execute(
                    sql: "UPDATE event SET body = ? WHERE id = ?", arguments: [Data(stored), row["id"] as Int64])
                changed += 1
            }
            return changed
        }
    }

    /// Runs SQL on a store file from another process, as an attacker with file access would.
    static func tamper(_ path: String, _ sql: String) async throws {
        try await offThePool { () throws -> Void in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [path, sql]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw HelperProcessError("\(process.arguments ?? []) exited with \(process.terminationStatus)")
            }
        }
    }

    static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

    /// Runs a query on a store file with the `sqlite3` shell and returns its output lines.
    static func query(_ path: String, _ sql: String) async throws -> [String] {
        try await offThePool { () throws -> [String] in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [path, sql]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    @Test("several captures make a log of one leaf per event whose root the signed head vouches for")
    func treeOverCaptures() async throws {
        // Given a store
        let store = try SQLiteEventStore(.memory)
        // When three documents are captured
        let ids = try await Self.fill(store, sizes: [3, 5, 1])
        // Then the latest head covers every event, its root is MTH over the recomputed leaves, and it verifies
        let head = try #require(try await store.latestTreeHead())
        #expect(head.treeHead.treeSize == UInt64(ids.count))
        let bodies = try await ids.asyncMap { id in try #require(try await store.events(withID: id).first) }
        let leaves = bodies.map { stored in
            LedgerLeaf.leafHash(content: JSONDocumentEncoder().encode(stored.event))
        }
        #expect(head.treeHead.rootHash == RFC9162.rootHash(of: leaves))
        try head.verify(trusting: store.ledgerPublicKey)
        let verification = try await store.verifyLedger()
        #expect(verification.isIntact)
        #expect(verification.eventCount == 9)
        // And one head was signed per capture
        for size: UInt64 in [3, 8, 9] { #expect(try await store.treeHead(treeSize: size) != nil) }
    }

    @Test("an event body changed behind the store's back is named by verifyLedger, and only that event")
    func tamperedBodyIsNamed() async throws {
        guard Self.hasSQLite3 else { return }
        // Given a file store with two captures
        let path = SQLiteTestFiles.newPath()
        let ids = try await Self.fill(try SQLiteEventStore(.file(path)), sizes: [4, 4])
        // When the body of the sixth event is rewritten in the database
        let changed = try Self.rewriteBodies(path, where: "id = 6") {
            $0.replacingOccurrences(of: "shipping", with: "receiving")
        }
        #expect(changed == 1)
        // Then the audit names exactly that event and the content no longer leads to the signed root
        let result = try await SQLiteEventStore(.file(path)).verifyLedger()
        #expect(result.tamperedEventIDs == [ids[5]])
        #expect(result.audit?.contentMatchesSignedRoot == false)
        #expect(result.audit?.storedLeavesMatchSignedRoot == true)
        #expect(result.storedNodesMatchSignedRoot)
        #expect(!result.isIntact)
    }

    @Test("a changed leaf, a shortened tile or a deleted event is detected")
    func tileTamperingIsDetected() async throws {
        guard Self.hasSQLite3 else { return }
        // Given three stores with the same captures
        let paths = (0..<3).map { _ in SQLiteTestFiles.newPath() }
        for path in paths { _ = try await Self.fill(try SQLiteEventStore(.file(path)), sizes: [5, 2]) }
        // When leaf 2 is changed in one, the tile loses its last leaf in another, an event is deleted in the third
        try await Self.tamper(
            paths[0],
            """
            UPDATE ledger_tile SET hashes = CAST(substr(hashes, 1, 64) || randomblob(32) || substr(hashes, 97) AS BLOB)
            WHERE level = 0 AND idx = 0
            """)
        try await Self.tamper(paths[1], "UPDATE ledger_tile SET width = 6, hashes = substr(hashes, 1, 192) WHERE level = 0")
        try await Self.tamper(paths[2], "DELETE FROM event WHERE id = 3")
        // Then each is reported
        let changedLeaf = try await SQLiteEventStore(.file(paths[0])).verifyLedger()
        #expect(changedLeaf.audit?.storedLeavesMatchSignedRoot == false)
        #expect(changedLeaf.audit?.contentMatchesSignedRoot == true)
        #expect(!changedLeaf.storedNodesMatchSignedRoot)
        #expect(changedLeaf.tamperedEventIDs.count == 1)
        let shortened = try await SQLiteEventStore(.file(paths[1])).verifyLedger()
        #expect(shortened.tamperedEventIDs.count == 1)
        #expect(!shortened.storedNodesMatchSignedRoot)
        #expect(!shortened.isIntact)
        let deletedEvent = try await SQLiteEventStore(.file(paths[2])).verifyLedger()
        #expect(deletedEvent.missingEventLeaves == [2])
        #expect(!deletedEvent.isIntact)
    }

    @Test("captures write one row per tile they change, and a reopened store keeps appending across tile edges")
    func tilesAcrossReopen() async throws {
        guard Self.hasSQLite3 else { return }
        // Given a file store that captures 200 events, is reopened, captures 100 (past leaf 256), is reopened again
        // and captures 300 (past leaf 512)
        let path = SQLiteTestFiles.newPath()
        var ids = try await Self.fill(try SQLiteEventStore(.file(path)), sizes: [200])
        let first = try SQLiteEventStore(.file(path))
        ids += try await first.capture(Self.document(first: 1_000, count: 100), context: SQLiteFixtures.context)
            .eventIDs
        let reopened = try SQLiteEventStore(.file(path))
        ids += try await reopened.capture(Self.document(first: 2_000, count: 300), context: SQLiteFixtures.context)
            .eventIDs
        // Then the ledger holds four tiles: 0/0 and 0/1 full, 0/2 with 88 leaves, 1/0 with the roots of the two full
        let rows = try await Self.query(
            path, "SELECT level || '/' || idx || '/' || width FROM ledger_tile ORDER BY level, idx")
        #expect(rows == ["0/0/256", "0/1/256", "0/2/88", "1/0/2"])
        // And it verifies, the heads of each size are consistent, and every proof leads to the latest head
        let verification = try await reopened.verifyLedger()
        #expect(verification.isIntact)
        #expect(verification.eventCount == 600)
        let heads = try await [200, 300, 600].asyncMap { size in
            try #require(try await reopened.treeHead(treeSize: UInt64(size)))
        }
        try await reopened.consistencyProof(from: 200, to: 300)
            .verify(firstRoot: heads[0].treeHead.rootHash, secondRoot: heads[1].treeHead.rootHash)
        try await reopened.consistencyProof(from: 300, to: 600)
            .verify(firstRoot: heads[1].treeHead.rootHash, secondRoot: heads[2].treeHead.rootHash)
        for index in [0, 255, 256, 299, 300, 511, 512, 599] {
            try await reopened.inclusionProof(eventID: ids[index]).verify(trusting: reopened.ledgerPublicKey)
        }
    }

    @Test("the inclusion proof of an event verifies offline, and fails when its leaf data is changed")
    func inclusionProofVerifiesOffline() async throws {
        // Given a store with two captures
        let store = try SQLiteEventStore(.memory)
        let ids = try await Self.fill(store, sizes: [6, 5])
        // When a proof is asked for the fourth event
        let bundle = try await store.inclusionProof(eventID: ids[3])
        // Then it verifies from its JSON alone, with the store's key, and shows only the digest of the event
        let decoded = try InclusionProofBundle.decode(json: try bundle.jsonData())
        try decoded.verify(trusting: store.ledgerPublicKey)
        #expect(decoded.proof.leafIndex == 3)
        #expect(decoded.proof.treeSize == 11)
        #expect(decoded.leafData?.count == 32)
        var forged = decoded
        forged.leafData = LedgerLeaf.entry(content: Data("another event".utf8))
        #expect(throws: TransparencyError.self) { try forged.verify() }
        await #expect(throws: StorageError.self) { try await store.inclusionProof(eventID: "urn:uuid:unknown") }
    }

    @Test("a consistency proof between two signed heads verifies")
    func consistencyBetweenHeads() async throws {
        // Given a store with three captures
        let store = try SQLiteEventStore(.memory)
        _ = try await Self.fill(store, sizes: [3, 4, 6])
        // When the proof from the first head to the latest is built
        let first = try #require(try await store.treeHead(treeSize: 3))
        let latest = try #require(try await store.latestTreeHead())
        let proof = try await store.consistencyProof(from: 3, to: latest.treeHead.treeSize)
        // Then it verifies against the two signed roots, and not against others
        try proof.verify(firstRoot: first.treeHead.rootHash, secondRoot: latest.treeHead.rootHash)
        let middle = try #require(try await store.treeHead(treeSize: 7))
        #expect(throws: TransparencyError.self) {
            try proof.verify(firstRoot: middle.treeHead.rootHash, secondRoot: latest.treeHead.rootHash)
        }
        await #expect(throws: StorageError.self) { try await store.consistencyProof(from: 5, to: 99) }
    }

    @Test("a rolled-back capture leaves the ledger unchanged and the next capture continues it")
    func rollbackLeavesLedger() async throws {
        // Given a store with one capture
        let store = try SQLiteEventStore(.memory)
        _ = try await Self.fill(store, sizes: [4])
        let before = try #require(try await store.latestTreeHead())
        // When the same document is sent again (refused as duplicates)
        await #expect(throws: StorageError.self) {
            try await store.capture(Self.document(first: 1, count: 4), context: SQLiteFixtures.context)
        }
        // Then the head is the same, and a new capture appends right after it
        #expect(try await store.latestTreeHead() == before)
        _ = try await store.capture(Self.document(first: 100, count: 2), context: SQLiteFixtures.context)
        let after = try #require(try await store.latestTreeHead())
        #expect(after.treeHead.treeSize == 6)
        #expect(try await store.verifyLedger().isIntact)
    }

    @Test("the key file is created once beside the store, private, and a reopened store continues the same log")
    func keyFileAndReopen() async throws {
        // Given a new file store with one capture
        let path = SQLiteTestFiles.newPath()
        let first = try SQLiteEventStore(.file(path))
        _ = try await first.capture(Self.document(first: 1, count: 3), context: SQLiteFixtures.context)
        let keyFile = path + ".ledger-key.pem"
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let firstHead = try #require(try await first.latestTreeHead())
        // When it is reopened and captures again
        let reopened = try SQLiteEventStore(.file(path))
        _ = try await reopened.capture(Self.document(first: 10, count: 2), context: SQLiteFixtures.context)
        // Then the key is the same, the log grew from 3 to 5, and the old head is a prefix of the new one
        #expect(reopened.ledgerPublicKey == first.ledgerPublicKey)
        let head = try #require(try await reopened.latestTreeHead())
        #expect(head.treeHead.treeSize == 5)
        try await reopened.consistencyProof(from: 3, to: 5)
            .verify(firstRoot: firstHead.treeHead.rootHash, secondRoot: head.treeHead.rootHash)
        #expect(try await reopened.verifyLedger().isIntact)
    }

    @Test("a store from before the ledger gets its events as leaves in row order and a signed head on open")
    func migrationEntersExistingEvents() async throws {
        guard Self.hasSQLite3 else { return }
        // Given a store whose ledger is taken away as if it had been created before the v2-ledger step
        let path = SQLiteTestFiles.newPath()
        let original = try SQLiteEventStore(.file(path))
        _ = try await Self.fill(original, sizes: [4, 3])
        let head = try #require(try await original.latestTreeHead())
        try await Self.tamper(
            path,
            """
            DROP TABLE ledger_tile; DROP TABLE tree_head;
            DELETE FROM grdb_migrations WHERE identifier IN ('v2-ledger', 'v17-ledger-tiles')
            """)
        // When it is opened again
        let migrated = try SQLiteEventStore(.file(path))
        // Then the log is rebuilt from the bodies: the same root, a new signed head, intact
        let rebuilt = try #require(try await migrated.latestTreeHead())
        #expect(rebuilt.treeHead.treeSize == 7)
        #expect(rebuilt.treeHead.rootHash == head.treeHead.rootHash)
        #expect(try await migrated.verifyLedger().isIntact)
    }

    @Test("rebuilding the projections does not touch the ledger")
    func rebuildKeepsLedger() async throws {
        // Given
        let store = try SQLiteEventStore(.memory)
        _ = try await Self.fill(store, sizes: [3, 3])
        let head = try await store.latestTreeHead()
        // When
        try await store.rebuildProjections()
        // Then
        #expect(try await store.latestTreeHead() == head)
        #expect(try await store.verifyLedger().isIntact)
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
