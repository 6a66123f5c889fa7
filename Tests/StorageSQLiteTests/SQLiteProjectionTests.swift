import EPCIS
import Storage
import StorageSQLite
import Testing

/// The projection rules of `SQLiteProjector`, one test each, over the fixture story.
@Suite struct SQLiteProjectionTests {
    func key(_ text: String) -> String { IdentifierURI(text).canonicalKey }

    func storyStore() async throws -> SQLiteEventStore {
        let store = try SQLiteEventStore(.memory)
        _ = try await store.capture(SQLiteFixtures.document, context: SQLiteFixtures.context)
        return store
    }

    @Test("commissioning makes an item commissioned at the business location with the disposition")
    func commissioning() async throws {
        let store = try await storyStore()
        let state = try #require(try await store.identifierState(SQLiteFixtures.item(1).canonicalKey))
        #expect(state.status == "commissioned")
        #expect(state.location == key(SQLiteFixtures.shed))
        #expect(state.disposition == "https://ref.gs1.org/cbv/Disp-active")
    }

    @Test("aggregation ADD sets the parent, DELETE without children clears it for every child")
    func aggregation() async throws {
        // Given packing only
        let packed = try SQLiteEventStore(.memory)
        _ = try await packed.capture(
            EPCISDocument(events: Array(SQLiteFixtures.story.prefix(2))), context: SQLiteFixtures.context)
        #expect(
            try await packed.identifierState(SQLiteFixtures.item(2).canonicalKey)?.parent == key(SQLiteFixtures.pallet))
        // When the whole story ran (unpacking at the plant)
        let store = try await storyStore()
        // Then
        #expect(try await store.identifierState(SQLiteFixtures.item(2).canonicalKey)?.parent == nil)
    }

    @Test("receiving moves the container to the plant and the destination owning party owns it")
    func receiving() async throws {
        let store = try await storyStore()
        let pallet = try #require(try await store.identifierState(key(SQLiteFixtures.pallet)))
        #expect(pallet.location == key(SQLiteFixtures.plant))
        #expect(pallet.owner == key(SQLiteFixtures.plantParty))
        #expect(pallet.disposition == "https://ref.gs1.org/cbv/Disp-in_progress")
    }

    @Test("destroying decommissions the item")
    func destroying() async throws {
        let store = try await storyStore()
        let state = try #require(try await store.identifierState(SQLiteFixtures.item(3).canonicalKey))
        #expect(state.status == "decommissioned")
        #expect(state.disposition == "https://ref.gs1.org/cbv/Disp-destroyed")
    }

    @Test("lot balances: produced, shipped at the source, received at the destination, consumed by transformation")
    func lotBalances() async throws {
        let store = try await storyStore()
        let balances = try await store.lotBalances(key(SQLiteFixtures.lot))
        let byParty = Dictionary(uniqueKeysWithValues: balances.map { ($0.party, $0) })
        #expect(byParty[key(SQLiteFixtures.shed)]?.produced == 100)
        #expect(byParty[key(SQLiteFixtures.farmParty)]?.shipped == 60)
        #expect(byParty[key(SQLiteFixtures.plantParty)]?.received == 60)
        #expect(byParty[key(SQLiteFixtures.plant)]?.consumed == 50)
        #expect(balances.allSatisfy { $0.uom == "KGM" })
        let product = try await store.lotBalances(key(SQLiteFixtures.product))
        #expect(product.map(\.produced) == [200] && product.map(\.onHand) == [200] && product.map(\.uom) == [""])
    }

    @Test("a shipment stays open until a receiving event with the same transaction or identifier")
    func openShipments() async throws {
        let store = try SQLiteEventStore(.memory)
        let story = SQLiteFixtures.story
        _ = try await store.capture(EPCISDocument(events: Array(story.prefix(3))), context: SQLiteFixtures.context)
        let open = try await store.openShipments()
        #expect(open.map(\.source) == [key(SQLiteFixtures.farmParty)])
        #expect(open.map(\.destination) == [key(SQLiteFixtures.plantParty)])
        _ = try await store.capture(EPCISDocument(events: [story[3]]), context: SQLiteFixtures.context)
        #expect(try await store.openShipments().isEmpty)
    }

    @Test("an event older than the last one applied does not roll the state back")
    func lateArrival() async throws {
        let store = try await storyStore()
        var late = SQLiteFixtures.event(.objectEvent, 0, .observe, "inspecting", at: SQLiteFixtures.farm)
        late.epcList = [SQLiteFixtures.item(3)]
        _ = try await store.capture(EPCISDocument(events: [late]), context: SQLiteFixtures.context)
        #expect(
            try await store.identifierState(SQLiteFixtures.item(3).canonicalKey)?.location == key(SQLiteFixtures.plant))
    }

    @Test("rebuild recreates the projections, leaving out events that an error declaration corrects")
    func rebuild() async throws {
        // Given the story and a declaration that the destruction did not occur
        let store = try await storyStore()
        let before = try await store.lotBalances(key(SQLiteFixtures.lot))
        var declaration = SQLiteFixtures.story[6]
        declaration.errorDeclaration = ErrorDeclaration(
            declarationTime: SQLiteFixtures.time("2026-03-02T09:00:00Z"),
            reason: CBVValue("did_not_occur", in: .errorReason))
        _ = try await store.capture(EPCISDocument(events: [declaration]), context: SQLiteFixtures.context)
        // When
        try await store.rebuildProjections()
        // Then
        #expect(try await store.lotBalances(key(SQLiteFixtures.lot)) == before)
        #expect(try await store.identifierState(SQLiteFixtures.item(3).canonicalKey)?.status == "commissioned")
        #expect(try await store.openShipments().isEmpty)
    }
}
