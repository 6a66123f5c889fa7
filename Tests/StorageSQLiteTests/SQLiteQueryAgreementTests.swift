import EPCIS
import Storage
import StorageSQLite
import Testing

/// SQL translations agree with ``EventMatcher`` over the same events, page by page.
@Suite struct SQLiteQueryAgreementTests {
    static let parameterSets: [[(String, String)]] = [
        [],
        [("EQ_bizStep", "shipping")],
        [("EQ_bizStep", "shipping|receiving")],
        [("EQ_action", "ADD")],
        [("eventType", "AggregationEvent|TransformationEvent")],
        [("GE_eventTime", "2026-03-01T02:03:00Z"), ("LT_eventTime", "2026-03-01T02:06:00Z")],
        [("GE_recordTime", "2026-03-01T12:00:00Z")],
        [("EQ_disposition", "in_transit|destroyed")],
        [("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.1")],
        [("MATCH_epc", "https://id.gs1.org/01/10614141073464/21/2")],
        [("MATCH_epc", "urn:epc:idpat:sgtin:0614141.107346.*")],
        [("MATCH_anyEPC", "urn:epc:idpat:sgtin:0614141.*.*")],
        [("MATCH_anyEPC", SQLiteFixtures.pallet)],
        [("MATCH_parentID", SQLiteFixtures.pallet)],
        [("MATCH_epcClass", SQLiteFixtures.lot)],
        [("MATCH_anyEPCClass", SQLiteFixtures.lot)],
        [("MATCH_inputEPCClass", SQLiteFixtures.lot)],
        [("MATCH_outputEPCClass", SQLiteFixtures.product)],
        [("EQ_bizLocation", SQLiteFixtures.plant)],
        [("EQ_readPoint", SQLiteFixtures.shed)],
        [("WD_bizLocation", SQLiteFixtures.farm)],
        [("EQ_bizTransaction_po", SQLiteFixtures.order)],
        [("EQ_source_owning_party", SQLiteFixtures.farmParty)],
        [("EQ_destination_owning_party", SQLiteFixtures.plantParty), ("EQ_bizStep", "receiving")],
        [("EQ_transformationID", "urn:uuid:7d3c6f3e-2b4f-4e3a-9c1d-1a2b3c4d5e6f")],
        [("GE_quantity", "60")],
        [("HASATTR_bizLocation", "urn:epcglobal:cbv:mda#name")],
        [("EQ_ATTR_bizLocation_urn:epcglobal:cbv:mda#name", "Farm")],
        [("orderBy", "eventTime")],
        [("orderBy", "eventTime"), ("orderDirection", "ASC"), ("eventCountLimit", "3")],
        [("orderBy", "recordTime"), ("MATCH_anyEPC", SQLiteFixtures.pallet)],
        [("EXISTS_errorDeclaration", "")],
    ]

    @Test("query results equal EventMatcher's, page by page", arguments: parameterSets.indices)
    func agreesWithMatcher(index: Int) async throws {
        // Given the story in a store and in memory
        let store = try SQLiteEventStore(.memory)
        _ = try await store.capture(SQLiteFixtures.document, context: SQLiteFixtures.context)
        let all = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1000)).events
        #expect(all.count == SQLiteFixtures.story.count)
        let query = try EPCISQuery(parameters: Self.parameterSets[index].map { (name: $0.0, value: $0.1) })
        // When
        var paged: [String] = []
        var token: String?
        repeat {
            let page = try await store.events(matching: query, page: PageRequest(size: 2, token: token))
            paged += page.events.map(\.id)
            token = page.nextPageToken
        } while token != nil
        // Then
        let matcher = EventMatcher(masterData: InMemoryMasterData(SQLiteFixtures.masterData))
        let expected = try matcher.apply(query, to: all, event: \.event).map(\.id)
        #expect(paged == expected, "\(Self.parameterSets[index])")
        // Every set but the last selects something, so that agreement is not agreement on nothing.
        #expect(expected.isEmpty == (index == Self.parameterSets.count - 1), "\(Self.parameterSets[index])")
    }

    @Test("maxEventCount refuses a result that is too large")
    func maxEventCount() async throws {
        let store = try SQLiteEventStore(.memory)
        _ = try await store.capture(SQLiteFixtures.document, context: SQLiteFixtures.context)
        let query = try EPCISQuery(parameters: [("maxEventCount", "2")])
        let error = await #expect(throws: StorageError.self) {
            try await store.events(matching: query, page: PageRequest())
        }
        #expect(error?.code == .queryTooLarge)
    }

    @Test("a malformed page token is refused")
    func malformedToken() async throws {
        let store = try SQLiteEventStore(.memory)
        let error = await #expect(throws: StorageError.self) {
            try await store.events(matching: EPCISQuery(), page: PageRequest(token: "not-a-token"))
        }
        #expect(error?.code == .invalidPageToken)
    }
}
