import EPCIS
import Storage
import Testing

@testable import StorageSQLite

/// The SQL that narrows a query: placeholders only, every value bound.
@Suite struct SQLiteQueryFilterTests {
    @Test("bizStep and an identifier become indexed conditions with bound values")
    func rendersBoundSQL() throws {
        let query = try EPCISQuery(parameters: [
            ("EQ_bizStep", "shipping"), ("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.2017"),
        ])
        let filter = SQLiteQueryFilter(query.predicates)
        #expect(
            filter.sql
                == "event.biz_step IN (SELECT id FROM term WHERE text IN (?)) AND event.id IN (SELECT event_row"
                + " FROM event_identifier WHERE term IN (SELECT id FROM term WHERE text IN (?)) AND role IN (?, ?))")
        // The roles are bound as their numbers (epc 1, child 3).
        #expect(
            filter.values == [
                "https://ref.gs1.org/cbv/BizStep-shipping", "https://id.gs1.org/01/10614141073464/21/2017", "1", "3",
            ])
    }

    @Test("an EPC pattern becomes a range on the primary key, never text in the SQL")
    func rendersPattern() throws {
        let query = try EPCISQuery(parameters: [("MATCH_epc", "urn:epc:idpat:sgtin:0614141.107346.*")])
        let filter = SQLiteQueryFilter(query.predicates)
        #expect(!filter.sql.contains("0614141"))
        #expect(filter.values.prefix(2) == ["01", "10614141073464"])
    }

    @Test("predicates checked only in Swift add no condition")
    func leavesTheRestToTheMatcher() throws {
        let query = try EPCISQuery(parameters: [("WD_bizLocation", "urn:epc:id:sgln:0614141.00888.0")])
        #expect(SQLiteQueryFilter(query.predicates).sql == "1")
    }

    @Test("sensor parameters narrow to events with sensor data, once, and leave the values (any unit) to the matcher")
    func sensorParameters() throws {
        let query = try EPCISQuery(parameters: [
            ("EXISTS_sensorElementList", ""), ("EQ_type", "gs1:Temperature"), ("GT_value_CEL", "8"),
            ("GE_percRank", "50"),
        ])
        let filter = SQLiteQueryFilter(query.predicates)
        #expect(filter.sql == "instr(suyuan_body(event.body), '\"sensorElementList\"') > 0")
        #expect(filter.values.isEmpty)
    }
}

@Suite struct SQLiteQueryPlanTests {
    // A time range alone is not in the table: in capture order SQLite walks the rowid and stops at the page size,
    // which is right for an open range that holds most rows.
    @Test(
        "a query by identifier, location or bizStep searches an index, never the whole event table",
        arguments: [
            ("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.2017"),
            ("MATCH_anyEPC", "urn:epc:idpat:sgtin:0614141.107346.*"),
            ("EQ_bizLocation", "urn:epc:id:sgln:0614141.00888.0"),
            ("EQ_bizStep", "shipping"),
        ])
    func usesIndexes(name: String, value: String) async throws {
        let store = try SQLiteEventStore(.memory)
        let plan = try await store.queryPlan(for: EPCISQuery(parameters: [(name, value)]))
        #expect(plan.contains { $0.contains("USING") && $0.contains("INDEX") }, "\(plan)")
        #expect(!plan.contains { $0 == "SCAN event" }, "\(plan)")
    }
}

/// The capture's and the ledger's point look-ups stay index searches however large the store grows.
@Suite struct SQLiteLookupPlanTests {
    @Test("a stored-duplicate probe searches the hash index, and for an event ID the partial event-ID index too")
    func duplicateProbes() async throws {
        let store = try SQLiteEventStore(.memory)
        for declared in [0, 1] {
            let plan = try await store.plan(of: SQLiteCapture.StoredProbes.hashSQL(declared: declared))
            #expect(plan.contains { $0.contains("SEARCH event USING INDEX event_hash") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        }
        let byID = try await store.plan(of: SQLiteCapture.StoredProbes.eventIDSQL)
        #expect(byID.contains { $0.contains("SEARCH event USING") && $0.contains("event_event_id") }, "\(byID)")
        #expect(byID.contains { $0.contains("SEARCH event USING") && $0.contains("event_hash") }, "\(byID)")
        #expect(!byID.contains { $0.hasPrefix("SCAN") }, "\(byID)")
    }

    @Test("a ledger tile is read by its primary key, not by a scan of every tile")
    func ledgerTile() async throws {
        let store = try SQLiteEventStore(.memory)
        let plan = try await store.plan(of: SQLiteLedgerTiles.lookupSQL)
        #expect(
            plan.contains { $0.contains("SEARCH ledger_tile USING INDEX sqlite_autoindex_ledger_tile_1") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test("a reconciliation page reads the event columns from the covering index, not the table of bodies")
    func reconcilePage() async throws {
        let store = try SQLiteEventStore(.memory)
        for condition in ["BETWEEN ? AND ?", "IN (?, ?, ?)"] {
            let plan = try await store.plan(of: ReconcileColumnReader.eventsSQL(condition))
            #expect(plan.contains { $0.contains("USING COVERING INDEX event_facts") }, "\(plan)")
        }
    }
}

/// Issue 14, item 5: a predicate over an empty set matches nothing, and its SQL binds as many values as it has
/// placeholders (it used to bind none for one `?`: SQLite error 21).
@Suite struct SQLiteEmptyListFilterTests {
    static let emptyPredicates: [QueryPredicate] = [
        .eventType([]), .action([]), .bizStep([]), .disposition([]), .readPoint([], withDescendants: false),
        .bizLocation([], withDescendants: false), .transformationID([]), .eventID([]),
        .bizTransaction(type: "https://ref.gs1.org/cbv/BTT-po", ids: []),
        .source(type: "https://ref.gs1.org/cbv/SDT-owning_party", ids: []),
        .destination(type: "https://ref.gs1.org/cbv/SDT-owning_party", ids: []), .identifier(.epc, []),
    ]

    @Test("a predicate over an empty set renders as a condition that holds for no row, with no placeholder")
    func rendersNothingMatches() {
        for predicate in Self.emptyPredicates where predicate != .identifier(.epc, []) {
            let filter = SQLiteQueryFilter([predicate])
            #expect(filter.sql == "0", "\(predicate)")
            #expect(filter.values.isEmpty, "\(predicate)")
        }
    }

    @Test("a store query with empty sets answers no events instead of failing")
    func storeAnswersNothing() async throws {
        // Given a store with an event
        let store = try SQLiteEventStore(.memory)
        var event = EPCISEvent(
            type: .objectEvent, eventTime: try #require(EPCISDateTime("2026-03-01T10:00:00Z")),
            eventTimeZoneOffset: "+00:00")
        event.action = .observe
        event.epcList = [IdentifierURI("urn:epc:id:sgtin:0614141.107346.1")]
        _ = try await store.capture(EPCISDocument(kind: .document, events: [event]), context: .init())
        // When each empty predicate is asked, alone and beside another
        for predicate in Self.emptyPredicates {
            for query in [EPCISQuery(predicates: [predicate]), EPCISQuery(predicates: [.action([.observe]), predicate])] {
                let page = try await store.events(matching: query, page: PageRequest(size: 10))
                // Then nothing matches, and nothing fails
                #expect(page.events.isEmpty, "\(predicate)")
            }
        }
    }
}
