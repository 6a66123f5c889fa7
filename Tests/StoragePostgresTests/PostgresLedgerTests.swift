import EPCIS
import Storage
import StoragePostgres
import Testing
import Transparency

/// The PostgreSQL ledger beyond the conformance scenarios: concurrent captures append to one log without holes,
/// events stored before the ledger join it at the next capture, and a deleted event is reported.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresLedgerTests {
    /// `count` observations of distinct items from serial `first`.
    static func document(first: Int, count: Int) -> EPCISDocument {
        let events = (0..<count).map { offset in
            var event = PostgresFixtures.event(.objectEvent, offset % 60, .observe, "shipping", at: nil)
            event.readPoint = LocationReference(id: "urn:epc:id:sgln:0614141.07346.1234")
            event.epcList = [PostgresFixtures.item(first + offset)]
            return event
        }
        return EPCISDocument(kind: .document, events: events)
    }

    @Test("concurrent captures of different documents make one log with a leaf per event and no hole")
    func concurrentCaptures() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            // When four documents are captured at once, and one fails (a duplicate) in between
            try await withThrowingTaskGroup(of: Void.self) { group in
                for part in 0..<4 {
                    group.addTask {
                        _ = try await store.capture(
                            Self.document(first: 1_000 * part, count: 25), context: PostgresFixtures.context)
                    }
                }
                try await group.waitForAll()
            }
            await #expect(throws: StorageError.self) {
                try await store.capture(Self.document(first: 0, count: 25), context: PostgresFixtures.context)
            }
            _ = try await store.capture(Self.document(first: 9_000, count: 3), context: PostgresFixtures.context)
            // Then every event is a leaf, the latest head covers them all, and the ledger verifies
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact)
            #expect(verification.eventCount == 103)
            #expect(verification.signedTreeHead?.treeHead.treeSize == 103)
            #expect(verification.missingEventLeaves.isEmpty)
        }
    }

    @Test("events stored before the ledger join it at the next capture; a deleted event is reported")
    func backfillAndDeletion() async throws {
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            // Given events whose leaves and heads are gone, as in a database from before the ledger migration
            _ = try await store.capture(Self.document(first: 1, count: 6), context: PostgresFixtures.context)
            _ = try await PostgresTestDatabase.psql("DELETE FROM ledger_tile; DELETE FROM tree_head", schema: schema)
            #expect(try await store.latestTreeHead() == nil)
            // When another document is captured
            _ = try await store.capture(Self.document(first: 100, count: 4), context: PostgresFixtures.context)
            // Then the log holds all ten events and verifies
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact)
            #expect(verification.eventCount == 10)
            let ids = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 100)).events.map(\.id)
            try InclusionProofBundle.decode(json: try await store.inclusionProof(eventID: ids[2]).jsonData())
                .verify(trusting: store.ledgerPublicKey)
            // When an event row is deleted behind the store's back, its leaf is reported missing
            _ = try await PostgresTestDatabase.psql(
                """
                DELETE FROM identifier_state WHERE last_event_row = 4;
                DELETE FROM open_shipment WHERE shipping_event = 4;
                DELETE FROM event WHERE id = 4
                """, schema: schema)
            let deleted = try await store.verifyLedger()
            #expect(deleted.missingEventLeaves == [3])
            #expect(!deleted.isIntact)
        }
    }

    @Test("captures write one row per tile they change, and a reopened store keeps appending across tile edges")
    func tilesAcrossReopen() async throws {
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        // Given a store that captures 200 events, is closed and reopened, captures 100 (past leaf 256), is reopened
        // again and captures 300 (past leaf 512)
        var ids: [String] = []
        for (first, count) in [(1, 200), (1_000, 100), (2_000, 300)] {
            ids += try await PostgresEventStore.open(url: url, migrate: true) { store in
                try await store.capture(Self.document(first: first, count: count), context: PostgresFixtures.context)
                    .eventIDs
            }
        }
        // Then the ledger holds four tiles: 0/0 and 0/1 full, 0/2 with 88 leaves, 1/0 with the roots of the two full
        let rows = try await PostgresTestDatabase.psql(
            "SELECT level || '/' || idx || '/' || width FROM ledger_tile ORDER BY level, idx", schema: schema)
        #expect(rows.split(separator: "\n") == ["0/0/256", "0/1/256", "0/2/88", "1/0/2"])
        try await PostgresEventStore.open(url: url) { store in
            // And it verifies, the heads of each size are consistent, and every proof leads to the latest head
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact)
            #expect(verification.eventCount == 600)
            var roots: [MerkleHash] = []
            for size: UInt64 in [200, 300, 600] {
                roots.append(try #require(try await store.treeHead(treeSize: size)).treeHead.rootHash)
            }
            try await store.consistencyProof(from: 200, to: 300).verify(firstRoot: roots[0], secondRoot: roots[1])
            try await store.consistencyProof(from: 300, to: 600).verify(firstRoot: roots[1], secondRoot: roots[2])
            for index in [0, 255, 256, 299, 300, 511, 512, 599] {
                try await store.inclusionProof(eventID: ids[index]).verify(trusting: store.ledgerPublicKey)
            }
        }
    }
}
