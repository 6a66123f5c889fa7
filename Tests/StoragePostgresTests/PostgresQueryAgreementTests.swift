import EPCIS
import Storage
import StoragePostgres
import Testing

/// PostgreSQL translations agree (the SQLite store's table of parameter sets) with ``EventMatcher`` over the same events, page by page.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresQueryAgreementTests {
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
        [("MATCH_anyEPC", PostgresFixtures.pallet)],
        [("MATCH_parentID", PostgresFixtures.pallet)],
        [("MATCH_epcClass", PostgresFixtures.lot)],
        [("MATCH_anyEPCClass", PostgresFixtures.lot)],
        [("MATCH_inputEPCClass", PostgresFixtures.lot)],
        [("MATCH_outputEPCClass", PostgresFixtures.product)],
        [("EQ_bizLocation", PostgresFixtures.plant)],
        [("EQ_readPoint", PostgresFixtures.shed)],
        [("WD_bizLocation", PostgresFixtures.farm)],
        [("EQ_bizTransaction_po", PostgresFixtures.order)],
        [("EQ_source_owning_party", PostgresFixtures.farmParty)],
        [("EQ_destination_owning_party", PostgresFixtures.plantParty), ("EQ_bizStep", "receiving")],
        [("EQ_transformationID", "urn:uuid:7d3c6f3e-2b4f-4e3a-9c1d-1a2b3c4d5e6f")],
        [("GE_quantity", "60")],
        [("HASATTR_bizLocation", "urn:epcglobal:cbv:mda#name")],
        [("EQ_ATTR_bizLocation_urn:epcglobal:cbv:mda#name", "Farm")],
        [("orderBy", "eventTime")],
        [("orderBy", "eventTime"), ("orderDirection", "ASC"), ("eventCountLimit", "3")],
        [("orderBy", "recordTime"), ("MATCH_anyEPC", PostgresFixtures.pallet)],
        [("EXISTS_errorDeclaration", "")],
    ]

    @Test("query results equal EventMatcher's, page by page", arguments: parameterSets.indices)
    func agreesWithMatcher(index: Int) async throws {
        // Given the story in a store and in memory
        let query = try EPCISQuery(parameters: Self.parameterSets[index].map { (name: $0.0, value: $0.1) })
        let (all, paged) = try await PostgresTestDatabase.withFreshStore { store in
            _ = try await store.capture(PostgresFixtures.document, context: PostgresFixtures.context)
            let all = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1000)).events
            // When
            var paged: [String] = []
            var token: String?
            repeat {
                let page = try await store.events(matching: query, page: PageRequest(size: 2, token: token))
                paged += page.events.map(\.id)
                token = page.nextPageToken
            } while token != nil
            return (all, paged)
        }
        #expect(all.count == PostgresFixtures.story.count)
        // Then
        let matcher = EventMatcher(masterData: InMemoryMasterData(PostgresFixtures.masterData))
        let expected = try matcher.apply(query, to: all, event: \.event).map(\.id)
        #expect(paged == expected, "\(Self.parameterSets[index])")
        // Every set but the last selects something, so that agreement is not agreement on nothing.
        #expect(expected.isEmpty == (index == Self.parameterSets.count - 1), "\(Self.parameterSets[index])")
    }

    @Test("maxEventCount refuses a result that is too large")
    func maxEventCount() async throws {
        let query = try EPCISQuery(parameters: [("maxEventCount", "2")])
        let error = await #expect(throws: StorageError.self) {
            try await PostgresTestDatabase.withFreshStore { store in
                _ = try await store.capture(PostgresFixtures.document, context: PostgresFixtures.context)
                return try await store.events(matching: query, page: PageRequest())
            }
        }
        #expect(error?.code == .queryTooLarge)
    }

    @Test("a malformed page token is refused")
    func malformedToken() async throws {
        let error = await #expect(throws: StorageError.self) {
            try await PostgresTestDatabase.withFreshStore { store in
                try await store.events(matching: EPCISQuery(), page: PageRequest(token: "not-a-token"))
            }
        }
        #expect(error?.code == .invalidPageToken)
    }
}
