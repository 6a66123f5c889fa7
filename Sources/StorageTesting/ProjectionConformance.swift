public import EPCIS
import Foundation
public import Storage
import Testing
public import Transparency

/// The projection and ledger scenarios that every store with projections and a ledger must pass, written once so
/// that the SQLite and PostgreSQL stores are held to the same rules (``Storage/ProjectionBatch``).
///
/// A backend's test target makes one with a factory of empty stores and a way to change a stored event body with
/// its own SQL, behind the store's back (as someone with database access would).
public struct ProjectionConformance: Sendable {
    /// A store with projections and a ledger.
    public typealias Store = any ProjectionStore & LedgerStore

    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> Store
    /// Rewrites the stored body of the event with a given eventID (replacing `shipping` with `receiving` in it)
    /// with raw SQL in the given store, and returns whether a row changed.
    public let tamper: @Sendable (_ store: Store, _ eventID: String) async throws -> Bool

    /// - Parameters:
    ///   - makeStore: a factory of empty stores of the backend under test.
    ///   - tamper: rewrites one stored body with the backend's own SQL.
    public init(
        makeStore: @escaping @Sendable () async throws -> Store,
        tamper: @escaping @Sendable (_ store: Store, _ eventID: String) async throws -> Bool
    ) {
        self.makeStore = makeStore
        self.tamper = tamper
    }

    /// Identifier states follow the story: commissioned, packed then unpacked, received and owned, destroyed.
    public func identifierStatesFollowTheStory() async throws {
        let store = try await makeStore()
        _ = try await store.capture(Self.document(Array(Self.story.prefix(2))), context: Self.context)
        #expect(try await store.identifierState(Self.key(Self.item(2)))?.parent == Self.key(Self.pallet))
        _ = try await store.capture(Self.document(Array(Self.story.dropFirst(2))), context: Self.context)
        let first = try #require(try await store.identifierState(Self.key(Self.item(1))))
        #expect(first.status == "commissioned")
        #expect(first.location == Self.key(Self.shed))
        #expect(first.disposition == "https://ref.gs1.org/cbv/Disp-active")
        #expect(first.parent == nil)
        #expect(try await store.identifierState(Self.key(Self.item(2)))?.parent == nil)
        let pallet = try #require(try await store.identifierState(Self.key(Self.pallet)))
        #expect(pallet.location == Self.key(Self.plant))
        #expect(pallet.owner == Self.key(Self.plantParty))
        #expect(pallet.disposition == "https://ref.gs1.org/cbv/Disp-in_progress")
        let destroyed = try #require(try await store.identifierState(Self.key(Self.item(3))))
        #expect(destroyed.status == "decommissioned")
        #expect(destroyed.disposition == "https://ref.gs1.org/cbv/Disp-destroyed")
        #expect(try await store.identifierState(Self.key(Self.item(99))) == nil)
    }

    /// The identifiers with a state are listed in byte order, a page at a time, each once.
    public func identifierKeysArePagedInOrder() async throws {
        let store = try await makeStore()
        #expect(try await store.identifierKeys(after: nil, limit: 10).isEmpty)
        _ = try await store.capture(Self.document(Self.story), context: Self.context)
        let all = try await store.identifierKeys(after: nil, limit: 1_000)
        #expect(all == all.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(all.contains(Self.key(Self.item(1))) && all.contains(Self.key(Self.pallet)))
        var paged: [String] = []
        var last: String?
        while true {
            let page = try await store.identifierKeys(after: last, limit: 2)
            #expect(page.count <= 2)
            guard let end = page.last else { break }
            paged += page
            last = end
        }
        #expect(paged == all)
    }

    /// A late event (older eventTime) does not roll an identifier's state back.
    public func lateEventsDoNotRollStateBack() async throws {
        let store = try await makeStore()
        _ = try await store.capture(Self.document(Array(Self.story.prefix(4))), context: Self.context)
        var late = Self.event(.objectEvent, 0, .observe, "inspecting", at: Self.farm)
        late.epcList = [IdentifierURI(Self.pallet)]
        _ = try await store.capture(Self.document([late]), context: Self.context)
        #expect(try await store.identifierState(Self.key(Self.pallet))?.location == Self.key(Self.plant))
    }

    /// Lot balances: produced, shipped at the source party, received at the destination, consumed, per unit.
    public func lotBalancesPerParty() async throws {
        let store = try await makeStore()
        _ = try await store.capture(Self.document(Self.story), context: Self.context)
        let balances = try await store.lotBalances(Self.key(Self.lot))
        let byParty = Dictionary(uniqueKeysWithValues: balances.map { ($0.party, $0) })
        #expect(byParty[Self.key(Self.shed)]?.produced == 100)
        #expect(byParty[Self.key(Self.shed)]?.onHand == 100)
        #expect(byParty[Self.key(Self.farmParty)]?.shipped == 60)
        #expect(byParty[Self.key(Self.farmParty)]?.onHand == -60)
        #expect(byParty[Self.key(Self.plantParty)]?.received == 60)
        #expect(byParty[Self.key(Self.plant)]?.consumed == 50)
        #expect(balances.count == 4 && balances.allSatisfy { $0.uom == "KGM" })
        let product = try await store.lotBalances(Self.key(Self.product))
        #expect(product.map(\.produced) == [200] && product.map(\.onHand) == [200] && product.map(\.uom) == [""])
    }

    /// A shipment stays open until a receiving event shares its transaction or an identifier, in a later capture
    /// or in the same document.
    public func openShipmentsCloseOnReceipt() async throws {
        let store = try await makeStore()
        let receipt = try await store.capture(Self.document(Array(Self.story.prefix(3))), context: Self.context)
        let open = try await store.openShipments()
        #expect(open.map(\.shippingEventID) == [receipt.eventIDs[2]])
        #expect(open.map(\.source) == [Self.key(Self.farmParty)])
        #expect(open.map(\.destination) == [Self.key(Self.plantParty)])
        // A second pallet shipped and received in one document (another order, no shared identifier) leaves
        // only the first shipment open.
        var ship = Self.story[2]
        var receive = Self.story[3]
        for index in [0, 1] {
            var event = index == 0 ? ship : receive
            event.epcList = [IdentifierURI("urn:epc:id:sscc:0614141.1234567891")]
            event.quantityList = []
            event.bizTransactionList = [
                BizTransaction(
                    type: CBVValue("po", in: .bizTransactionType),
                    id: IdentifierURI("urn:epcglobal:cbv:bt:0614141073467:1153"))
            ]
            if index == 0 { ship = event } else { receive = event }
        }
        _ = try await store.capture(Self.document([ship, receive]), context: Self.context)
        #expect(try await store.openShipments().map(\.shippingEventID) == [receipt.eventIDs[2]])
        _ = try await store.capture(Self.document([Self.story[3]]), context: Self.context)
        #expect(try await store.openShipments().isEmpty)
    }

    /// The projections after several captures equal the projections after a rebuild from the events; a rebuild
    /// leaves out an event corrected by an error declaration.
    public func rebuildEqualsCapture() async throws {
        let store = try await makeStore()
        let story = Self.story
        for range in [0..<2, 2..<3, 3..<5, 5..<story.count] {
            _ = try await store.capture(Self.document(Array(story[range])), context: Self.context)
        }
        let captured = try await Self.snapshot(store)
        #expect(captured.states.count == 4 && captured.balances.count == 5)
        try await store.rebuildProjections()
        let rebuilt = try await Self.snapshot(store)
        #expect(rebuilt == captured)
        // When the shipping event is declared erroneous, a rebuild leaves it out: the shipment is no longer open
        // (it was closed anyway) and the farm party shipped nothing.
        var declaration = story[2]
        declaration.errorDeclaration = ErrorDeclaration(
            declarationTime: Self.time("2026-03-02T09:00:00Z"), reason: CBVValue("did_not_occur", in: .errorReason))
        _ = try await store.capture(Self.document([declaration]), context: Self.context)
        #expect(try await Self.snapshot(store) == captured)
        try await store.rebuildProjections()
        let corrected = try await store.lotBalances(Self.key(Self.lot))
        #expect(!corrected.contains { $0.party == Self.key(Self.farmParty) })
    }

    /// An event body changed with SQL behind the store's back is named by the ledger check, and only that event;
    /// proofs verify offline before.
    public func tamperedBodyIsNamed() async throws {
        let store = try await makeStore()
        var ids: [String] = []
        for range in [0..<3, 3..<4, 4..<7] {
            ids += try await store.capture(Self.document(Array(Self.story[range])), context: Self.context).eventIDs
        }
        let intact = try await store.verifyLedger()
        #expect(intact.isIntact && intact.eventCount == 7 && intact.tamperedEventIDs.isEmpty)
        let head = try #require(try await store.latestTreeHead())
        #expect(head.treeHead.treeSize == 7)
        try head.verify(trusting: store.ledgerPublicKey)
        for size: UInt64 in [3, 4, 7] { #expect(try await store.treeHead(treeSize: size) != nil) }
        let bundle = try await store.inclusionProof(eventID: ids[4])
        try InclusionProofBundle.decode(json: try bundle.jsonData()).verify(trusting: store.ledgerPublicKey)
        #expect(bundle.proof.leafIndex == 4 && bundle.proof.treeSize == 7)
        let earlier = try #require(try await store.treeHead(treeSize: 3))
        let consistency = try await store.consistencyProof(from: 3, to: 7)
        try consistency.verify(firstRoot: earlier.treeHead.rootHash, secondRoot: head.treeHead.rootHash)
        // When the shipping event's body is rewritten with SQL
        #expect(try await tamper(store, ids[2]))
        // Then the check names it and only it
        let result = try await store.verifyLedger()
        #expect(result.tamperedEventIDs == [ids[2]])
        #expect(result.audit?.contentMatchesSignedRoot == false)
        #expect(result.audit?.storedLeavesMatchSignedRoot == true)
        #expect(result.storedNodesMatchSignedRoot)
        #expect(!result.isIntact)
    }

    // MARK: Fixtures

    /// What the projections hold about the story's identifiers and lots.
    struct Snapshot: Equatable {
        var states: [IdentifierState]
        var balances: [LotBalance]
        var shipments: [OpenShipment]
    }

    static func snapshot(_ store: Store) async throws -> Snapshot {
        var states: [IdentifierState] = []
        for uri in [item(1), item(2), item(3), IdentifierURI(pallet), item(99)] {
            if let state = try await store.identifierState(key(uri)) { states.append(state) }
        }
        var balances: [LotBalance] = []
        for lotURI in [Self.lot, Self.product] {
            balances += try await store.lotBalances(key(lotURI)).sorted { $0.party < $1.party }
        }
        return Snapshot(states: states, balances: balances, shipments: try await store.openShipments())
    }

    static let context = CaptureContext(recordTime: time("2026-03-01T12:00:00Z"))
    static let farm = "urn:epc:id:sgln:0614141.00888.0"
    static let shed = "urn:epc:id:sgln:0614141.00888.1"
    static let plant = "urn:epc:id:sgln:0614141.00777.0"
    static let farmParty = "urn:epc:id:pgln:0614141.00888"
    static let plantParty = "urn:epc:id:pgln:0614141.00777"
    static let pallet = "urn:epc:id:sscc:0614141.1234567890"
    static let lot = "urn:epc:class:lgtin:0614141.107346.L1"
    static let product = "urn:epc:class:lgtin:0614141.107347.P1"
    static let order = "urn:epcglobal:cbv:bt:0614141073467:1152"

    static func key(_ text: String) -> String { IdentifierURI(text).canonicalKey }
    static func key(_ uri: IdentifierURI) -> String { uri.canonicalKey }

    static func time(_ text: String) -> EPCISDateTime {
        guard let time = EPCISDateTime(text) else { preconditionFailure("bad fixture time \(text)") }
        return time
    }

    static func item(_ serial: Int) -> IdentifierURI {
        IdentifierURI("urn:epc:id:sgtin:0614141.107346.\(serial)")
    }

    static func document(_ events: [EPCISEvent]) -> EPCISDocument {
        EPCISDocument(kind: .document, events: events)
    }

    static func event(_ type: EventType, _ minute: Int, _ action: Action?, _ step: String?, at place: String?)
        -> EPCISEvent
    {
        var event = EPCISEvent(
            type: type, eventTime: time("2026-03-01T10:\(minute < 10 ? "0" : "")\(minute):00+08:00"),
            eventTimeZoneOffset: "+08:00")
        event.action = action
        event.bizStep = step.flatMap { CBVValue($0, in: .bizStep) }
        event.bizLocation = place.map { LocationReference(id: IdentifierURI($0)) }
        event.readPoint = place.map { LocationReference(id: IdentifierURI($0)) }
        return event
    }

    static func party(_ type: String, _ id: String) -> SourceDestination {
        guard let value = CBVValue(type, in: .sourceDestType) else { preconditionFailure("bad fixture type") }
        return SourceDestination(type: value, id: IdentifierURI(id))
    }

    /// Items 1–3 and 100 kg of lot L1 commissioned at the farm's shed, the items packed on a pallet, shipped to the
    /// plant under a purchase order, received, unpacked, 50 kg of the lot turned into 200 units, item 3 destroyed.
    public static var story: [EPCISEvent] {
        var commission = event(.objectEvent, 1, .add, "commissioning", at: shed)
        commission.epcList = [item(1), item(2), item(3)]
        commission.quantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 100, uom: "KGM")]
        commission.disposition = CBVValue("active", in: .disposition)
        var pack = event(.aggregationEvent, 2, .add, "packing", at: shed)
        pack.parentID = IdentifierURI(pallet)
        pack.childEPCs = [item(1), item(2), item(3)]
        var ship = event(.objectEvent, 3, .observe, "shipping", at: farm)
        ship.epcList = [IdentifierURI(pallet)]
        ship.quantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 60, uom: "KGM")]
        ship.disposition = CBVValue("in_transit", in: .disposition)
        ship.bizTransactionList = [
            BizTransaction(type: CBVValue("po", in: .bizTransactionType), id: IdentifierURI(order))
        ]
        ship.sourceList = [party("owning_party", farmParty)]
        ship.destinationList = [party("owning_party", plantParty)]
        var receive = event(.objectEvent, 4, .observe, "receiving", at: plant)
        receive.epcList = [IdentifierURI(pallet)]
        receive.quantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 60, uom: "KGM")]
        receive.disposition = CBVValue("in_progress", in: .disposition)
        receive.bizTransactionList = ship.bizTransactionList
        receive.sourceList = ship.sourceList
        receive.destinationList = ship.destinationList
        var unpack = event(.aggregationEvent, 5, .delete, "unpacking", at: plant)
        unpack.parentID = IdentifierURI(pallet)
        var transform = event(.transformationEvent, 6, nil, "commissioning", at: plant)
        transform.inputQuantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 50, uom: "KGM")]
        transform.outputQuantityList = [QuantityElement(epcClass: IdentifierURI(product), quantity: 200)]
        transform.transformationID = "urn:uuid:7d3c6f3e-2b4f-4e3a-9c1d-1a2b3c4d5e6f"
        var destroy = event(.objectEvent, 7, .delete, "destroying", at: plant)
        destroy.epcList = [item(3)]
        destroy.disposition = CBVValue("destroyed", in: .disposition)
        return [commission, pack, ship, receive, unpack, transform, destroy]
    }
}
