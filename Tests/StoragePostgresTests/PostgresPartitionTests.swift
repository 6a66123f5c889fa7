import EPCIS
import Foundation
import Storage
import StorageTesting
import Synchronization
import Testing
import TraceEngine

@testable import StoragePostgres

/// The months of the partitioned layout, without a database.
@Suite struct PostgresPartitionMonthTests {
    @Test("a record time falls in its UTC calendar month, bounds included at the start only")
    func monthBounds() {
        // 2026-12-31T23:59:59.999Z and 2027-01-01T00:00:00.000Z
        let lastOfDecember = PostgresPartitions.Month(containing: 1_798_761_599_999)
        let firstOfJanuary = PostgresPartitions.Month(containing: 1_798_761_600_000)
        #expect(lastOfDecember == .init(year: 2026, month: 12))
        #expect(firstOfJanuary == .init(year: 2027, month: 1))
        #expect(lastOfDecember.name == "event_y2026m12")
        #expect(lastOfDecember.start == 1_796_083_200_000)  // 2026-12-01T00:00:00Z
        #expect(lastOfDecember.end == firstOfJanuary.start)
        #expect(lastOfDecember.next == firstOfJanuary)
        #expect(
            lastOfDecember.createStatement
                == "CREATE TABLE event_y2026m12 PARTITION OF event FOR VALUES FROM (1796083200000) TO (1798761600000)")
    }

    @Test("a capture needs its month and the next, each once, in order")
    func monthsAhead() {
        // 2026-11-15 twice and 2026-12-15
        let months = PostgresPartitions.months(
            forRecordTimes: [1_794_744_000_000, 1_794_744_000_000, 1_797_336_000_000])
        #expect(months.map(\.name) == ["event_y2026m11", "event_y2026m12", "event_y2027m01"])
    }

    @Test("partitioned=monthly is read from the store URL; another value is refused")
    func url() throws {
        #expect(try PostgresStoreURL("postgres://u@h/d").layout == .plain)
        #expect(try PostgresStoreURL("postgres://u@h/d?schema=s&partitioned=monthly").layout == .monthly)
        #expect(throws: StorageError.self) { try PostgresStoreURL("postgres://u@h/d?partitioned=daily") }
    }
}

/// A store created with `partitioned=monthly`: its tables, the uniqueness that partitions cannot give, and
/// partition pruning for a query bounded by record time.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresPartitionTests {
    static func partitionedURL() -> String { PostgresTestDatabase.freshURL() + "&partitioned=monthly" }

    static func context(_ time: String) -> CaptureContext { CaptureContext(recordTime: PostgresFixtures.time(time)) }

    static func document(serials: Range<Int>) -> EPCISDocument {
        EPCISDocument(events: serials.map { LargeDocumentEvents.shipping(serial: $0) })
    }

    @Test("the event table is partitioned by record time and gets its month and the next at the first capture")
    func layout() async throws {
        let url = Self.partitionedURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            // Given a new store: partitioned tables, hash partitions, no month yet
            let kinds = try await PostgresTestDatabase.psql(
                """
                SELECT c.relname || ':' || p.partstrat::text
                FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() ORDER BY c.relname
                """, schema: schema)
            #expect(
                kinds.split(separator: "\n") == [
                    "event:r", "event_biz_transaction:h", "event_hash_guard:h", "event_id_guard:h",
                    "event_identifier:h", "event_party:h", "identifier_state:h", "lot_balance:h",
                ])
            let months = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'event'::regclass ORDER BY 1"
            #expect(try await PostgresTestDatabase.psql(months, schema: schema) == "")
            // When two events are captured in November 2026
            _ = try await store.capture(Self.document(serials: 0..<2), context: Self.context("2026-11-15T12:00:00Z"))
            // Then November and December exist, and November holds the rows
            #expect(try await PostgresTestDatabase.psql(months, schema: schema) == "event_y2026m11\nevent_y2026m12\n")
            #expect(try await PostgresTestDatabase.psql("SELECT count(*) FROM event_y2026m11", schema: schema) == "2\n")
            #expect(try await PostgresTestDatabase.psql("SELECT count(*) FROM event_hash_guard", schema: schema) == "2\n")
            // And a second row for a stored hash cannot commit, whichever month it would be in
            await #expect(throws: PostgresTestDatabase.PSQLFailed.self) {
                try await PostgresTestDatabase.psql(
                    "INSERT INTO event_hash_guard SELECT hash_id, false FROM event LIMIT 1", schema: schema)
            }
        }
    }

    @Test("an event captured again in another month is refused: the guards keep hashes and eventIDs unique")
    func duplicateAcrossMonths() async throws {
        try await PostgresEventStore.open(url: Self.partitionedURL(), migrate: true) { store in
            // Given a document stored in October
            let document = Self.document(serials: 0..<3)
            _ = try await store.capture(document, context: Self.context("2026-10-15T12:00:00Z"))
            // When it is sent again in December, and one event of it with an explicit eventID again in a new document
            let again = await #expect(throws: StorageError.self) {
                try await store.capture(document, context: Self.context("2026-12-15T12:00:00Z"))
            }
            // Then both are refused and nothing more is stored
            #expect(again?.code == .duplicateEvent)
            var named = LargeDocumentEvents.shipping(serial: 10)
            named.eventID = "urn:uuid:3f1e2f0a-0000-4000-8000-000000000001"
            _ = try await store.capture(EPCISDocument(events: [named]), context: Self.context("2026-10-16T12:00:00Z"))
            var sameID = LargeDocumentEvents.shipping(serial: 11)
            sameID.eventID = named.eventID
            let reused = await #expect(throws: StorageError.self) {
                try await store.capture(EPCISDocument(events: [sameID]), context: Self.context("2027-01-02T12:00:00Z"))
            }
            #expect(reused?.code == .duplicateEvent)
            let all = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 100)).events
            #expect(all.count == 4)
        }
    }

    @Test("a query bounded by record time reads only the months it covers; an unbounded one reads all")
    func pruning() async throws {
        try await PostgresEventStore.open(url: Self.partitionedURL(), migrate: true) { store in
            // Given events recorded in October, November and December 2026
            let october = try await store.capture(
                Self.document(serials: 0..<2), context: Self.context("2026-10-15T12:00:00Z"))
            let november = try await store.capture(
                Self.document(serials: 2..<5), context: Self.context("2026-11-15T12:00:00Z"))
            _ = try await store.capture(Self.document(serials: 5..<6), context: Self.context("2026-12-15T12:00:00Z"))
            // When the query covers November
            let bounded = try EPCISQuery(parameters: [
                ("GE_recordTime", "2026-11-01T00:00:00Z"), ("LT_recordTime", "2026-12-01T00:00:00Z"),
            ])
            let plan = try await store.candidatePlan(for: bounded)
            // Then its plan reads November's partition alone, and finds November's events
            #expect(Self.partitions(in: plan) == ["event_y2026m11"])
            let found = try await store.events(matching: bounded, page: PageRequest(size: 100)).events
            #expect(found.map(\.id) == november.eventIDs)
            // And a window from mid-October to mid-November reads two months
            let window = try EPCISQuery(parameters: [
                ("GE_recordTime", "2026-10-15T00:00:00Z"), ("LT_recordTime", "2026-11-15T00:00:00Z"),
            ])
            #expect(
                Self.partitions(in: try await store.candidatePlan(for: window)) == ["event_y2026m10", "event_y2026m11"])
            let inWindow = try await store.events(matching: window, page: PageRequest(size: 100)).events
            #expect(inWindow.map(\.id) == october.eventIDs)
            // And a query by identifier alone reads one hash partition of the identifier rows, then every month by
            // row (the month made ahead included)
            let byItem = try EPCISQuery(parameters: [("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.3")])
            let itemPlan = try await store.candidatePlan(for: byItem)
            #expect(
                Self.partitions(in: itemPlan)
                    == ["event_y2026m10", "event_y2026m11", "event_y2026m12", "event_y2027m01"])
            #expect(Self.partitions(in: itemPlan, prefix: "event_identifier_h").count == 1)
        }
    }

    /// The partitions a JSON plan reads ("Relation Name" of its scans) whose names start with `prefix` (by default
    /// the months of `event`), sorted.
    static func partitions(in plan: String, prefix: String = "event_y") -> [String] {
        var names: Set<String> = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let name = object["Relation Name"] as? String, name.hasPrefix(prefix) { names.insert(name) }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        if let json = try? JSONSerialization.jsonObject(with: Data(plan.utf8)) { walk(json) }
        return names.sorted()
    }

    @Test("a month made ahead does not wait behind a reader of the event table; a later capture makes it")
    func aheadGivesWay() async throws {
        let url = Self.partitionedURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            // Given November and December made by a capture in November
            _ = try await store.capture(Self.document(serials: 0..<1), context: Self.context("2026-11-15T12:00:00Z"))
            let months = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'event'::regclass ORDER BY 1"
            // And another client reading the event table in a long transaction
            let reader = try PostgresTestDatabase.psqlProcess(
                "BEGIN; LOCK TABLE event IN ACCESS SHARE MODE; SELECT pg_sleep(8); COMMIT;", schema: schema)
            reader.standardOutput = Pipe()
            try reader.run()
            let held = """
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.relation = 'event'::regclass AND l.mode = 'AccessShareLock' AND a.query LIKE '%pg_sleep%'
                """
            while try await PostgresTestDatabase.psql(held, schema: schema) == "0\n" {
                try #require(reader.isRunning, "the reading client ended before it held its lock")
                try await Task.sleep(for: .milliseconds(50))
            }
            // When a capture in December needs January ahead
            let receipt = try await store.capture(
                Self.document(serials: 1..<2), context: Self.context("2026-12-15T12:00:00Z"))
            let whileRead = try await PostgresTestDatabase.psql(months, schema: schema)
            reader.waitUntilExit()
            // Then the capture stored its event without January, and the next capture made January
            #expect(receipt.eventIDs.count == 1)
            #expect(whileRead == "event_y2026m11\nevent_y2026m12\n")
            _ = try await store.capture(Self.document(serials: 2..<3), context: Self.context("2026-12-16T12:00:00Z"))
            #expect(
                try await PostgresTestDatabase.psql(months, schema: schema)
                    == "event_y2026m11\nevent_y2026m12\nevent_y2027m01\n")
        }
    }

    @Test("an event's identifiers spread over hash partitions come back in the document's order")
    func identifierOrder() async throws {
        try await PostgresEventStore.open(url: Self.partitionedURL(), migrate: true) { store in
            // Given one event of twelve EPCs (keys that hash to several partitions), listed out of serial order
            var event = LargeDocumentEvents.shipping(serial: 0)
            event.epcList = [7, 3, 11, 0, 9, 1, 10, 4, 2, 8, 6, 5].map {
                IdentifierURI("urn:epc:id:sgtin:0614141.107346.\($0)")
            }
            let receipt = try await store.capture(EPCISDocument(events: [event]), context: PostgresFixtures.context)
            let stored = try #require(try await store.events(withID: receipt.eventIDs[0]).first)
            // When the trace facts are read from the index rows
            let streamed = Mutex<[TraceEvent]>([])
            try await store.scanReconcileEvents(after: 0) { page in
                streamed.withLock { $0 += page.map(\.event) }
            }
            // Then the EPCs are those of the decoded event, in its order
            let facts = streamed.withLock { $0 }
            #expect(facts.count == 1)
            #expect(facts.first?.epcs == TraceEvent(stored.event).epcs)
            #expect(facts.first?.epcs.count == 12)
        }
    }

    @Test("a store created without partitions refuses partitioned=monthly, and keeps working")
    func plainStoreRefusesPartitions() async throws {
        let url = PostgresTestDatabase.freshURL()
        try await PostgresEventStore.open(url: url, migrate: true) { _ in }
        let error = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: url + "&partitioned=monthly", migrate: true) { _ in }
        }
        #expect(error?.code == .invalidQuery)
        #expect(error?.message.contains("without partitions") == true)
        try await PostgresEventStore.open(url: url) { store in
            _ = try await store.capture(Self.document(serials: 0..<1), context: PostgresFixtures.context)
        }
    }
}
