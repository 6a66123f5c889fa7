import EPCIS
import Foundation
public import Storage
import Testing
import Transparency

/// The federation scenarios every backend must pass: peer keys, push cursors, recall relaying (every store), and
/// evidence whose proofs verify offline (the ledger stores). Documents are written here by hand.
public struct FederationConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any EventStore & PlatformStateStore & RecallStore & FederationStateStore

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(
        makeStore: @escaping @Sendable () async throws -> any EventStore & PlatformStateStore & RecallStore
            & FederationStateStore
    ) {
        self.makeStore = makeStore
    }

    static let at = Date(timeIntervalSince1970: 1_772_000_000.123)

    /// A peer key names its platform and nothing else; a key of another role may not name one.
    public func peerKeysNameTheirPlatform() async throws {
        // Given
        let store = try await makeStore()
        let peer = AccessKey(id: "key-bj", secretHash: String(repeating: "a", count: 64), role: .peer, peer: "bj", createdAt: Self.at)
        // When
        try await store.storeAccessKey(peer)
        // Then
        #expect(try await store.accessKey(secretHash: String(repeating: "a", count: 64)) == peer)
        for wrong in [
            AccessKey(id: "k1", secretHash: String(repeating: "b", count: 64), role: .peer, createdAt: Self.at),
            AccessKey(id: "k2", secretHash: String(repeating: "c", count: 64), role: .regulator, peer: "bj", createdAt: Self.at),
            AccessKey(id: "k3", secretHash: String(repeating: "d", count: 64), role: .peer, party: "https://id.gs1.org/417/6901234000017", peer: "bj", createdAt: Self.at),
        ] {
            let refused = await #expect(throws: StorageError.self) { try await store.storeAccessKey(wrong) }
            #expect(refused?.code == .invalidDocument)
        }
        #expect(try await store.accessKeys() == [peer])
    }

    /// A push cursor round-trips per peer, to the millisecond, and moves.
    public func pushCursorsArePerPeer() async throws {
        let store = try await makeStore()
        #expect(try await store.pushCursor(peer: "bj") == nil)
        let first = SubscriptionCursor(recordTime: Self.at, deliveredIDs: ["urn:uuid:1", "urn:uuid:2"])
        try await store.advancePushCursor(peer: "bj", to: first)
        #expect(try await store.pushCursor(peer: "bj") == first)
        #expect(try await store.pushCursor(peer: "sh") == nil)
        let second = SubscriptionCursor(recordTime: Self.at.addingTimeInterval(5), deliveredIDs: [])
        try await store.advancePushCursor(peer: "bj", to: second)
        #expect(try await store.pushCursor(peer: "bj") == second)
    }

    /// A recall issued here relays its notice to the holders on other platforms once; a relayed copy relays each
    /// acknowledgement back, again after a new answer.
    public func recallRowsAreRelayedOnce() async throws {
        // Given a recall issued here with one holder here and two on other platforms, and a copy relayed from "hb"
        let store = try await makeStore()
        func holder(_ party: String, platform: String?) -> RecallHolder {
            RecallHolder(
                party: party, location: party + "-loc", identifier: "urn:epc:class:lgtin:6901234.000017.L1", quantity: 10,
                uom: "KGM", platform: platform)
        }
        _ = try await store.record(RecallRecord(
            id: "recall-here", root: "urn:epc:class:lgtin:6901234.000017.L1", reason: "melamine", initiatedBy: "regulator",
            issuedAt: Self.at, identifiers: [], parties: [], eventCount: 3, depth: 2, truncated: false,
            holders: [holder("p-local", platform: nil), holder("p-bj", platform: "bj"), holder("p-sh", platform: "sh")]))
        _ = try await store.record(RecallRecord(
            id: "recall-copy", root: "urn:epc:class:lgtin:6902345.000017.L9", reason: "salmonella", initiatedBy: "hb regulator",
            issuedAt: Self.at, identifiers: [], parties: [], eventCount: 2, depth: 1, truncated: false,
            holders: [holder("p-local", platform: nil), holder("p-other", platform: nil)], origin: "hb"))

        // Then the issued recall waits to be relayed to bj and sh; the copy has nothing to relay yet
        var waiting = try await store.recallsToRelay(limit: 10)
        #expect(waiting.map(\.id) == ["recall-here"])
        #expect(waiting.first?.rowsToRelay == [1, 2])
        #expect(try await store.recall(id: "recall-copy")?.origin == "hb")
        #expect(try await store.recall(id: "recall-here")?.holders.map(\.platform) == [nil, "bj", "sh"])

        // When bj's notice went out, and a holder acknowledged the copy
        try await store.markRelayed(recallID: "recall-here", positions: [1], at: Self.at.addingTimeInterval(1))
        _ = try await store.acknowledge(
            recallID: "recall-copy", party: "p-local", RecallAcknowledgement(by: "store manager", at: Self.at, note: "pulled"))
        waiting = try await store.recallsToRelay(limit: 10)
        #expect(Set(waiting.map(\.id)) == ["recall-here", "recall-copy"])
        #expect(waiting.first { $0.id == "recall-here" }?.rowsToRelay == [2])
        #expect(waiting.first { $0.id == "recall-copy" }?.rowsToRelay == [0])
        #expect(try await store.recall(id: "recall-here")?.holders[1].relayedAt == RecallRecord.milliseconds(Self.at.addingTimeInterval(1)))

        // When everything went out, nothing waits; a new answer on the copy waits again
        try await store.markRelayed(recallID: "recall-here", positions: [2], at: Self.at)
        try await store.markRelayed(recallID: "recall-copy", positions: [0], at: Self.at)
        #expect(try await store.recallsToRelay(limit: 10).isEmpty)
        _ = try await store.acknowledge(
            recallID: "recall-copy", party: "p-local", RecallAcknowledgement(by: "store manager", at: Self.at, note: "all 12 kg"))
        #expect(try await store.recallsToRelay(limit: 10).map(\.id) == ["recall-copy"])
        let unknown = await #expect(throws: StorageError.self) {
            try await store.markRelayed(recallID: "recall-none", positions: [0], at: Self.at)
        }
        #expect(unknown?.code == .notFound)
    }

    /// Evidence for some keys: the events that name them (and no others), each with a proof that verifies offline
    /// against one signed head, bodies that hash to their leaves; a changed body fails; a limit truncates.
    public static func evidenceVerifiesOffline(_ store: some EventStore & EvidenceStore) async throws {
        // Given three events: two name lot L1, one names another lot
        let document = """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
             "schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[
              {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","eventTime":"2026-03-01T08:00:00+08:00",
               "eventTimeZoneOffset":"+08:00","quantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.000017.L1","quantity":100,"uom":"KGM"}],
               "bizLocation":{"id":"urn:epc:id:sgln:6901234.00001.0"}},
              {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","eventTime":"2026-03-01T08:05:00+08:00",
               "eventTimeZoneOffset":"+08:00","quantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.000017.L2","quantity":50,"uom":"KGM"}],
               "bizLocation":{"id":"urn:epc:id:sgln:6901234.00001.0"}},
              {"type":"ObjectEvent","action":"OBSERVE","bizStep":"shipping","eventTime":"2026-03-01T10:00:00+08:00",
               "eventTimeZoneOffset":"+08:00","quantityList":[{"epcClass":"https://id.gs1.org/01/06901234000177/10/L1","quantity":40,"uom":"KGM"}],
               "destinationList":[{"type":"owning_party","destination":"https://id.gs1.org/417/6902345000018"}]}]}}
            """
        _ = try await store.capture(try EPCISDocumentReader().read(Data(document.utf8)), context: CaptureContext())
        let key = IdentifierURI("urn:epc:class:lgtin:6901234.000017.L1").canonicalKey

        // When
        let evidence = try await store.evidence(touching: [key], limit: 10)

        // Then
        let head = try #require(evidence.signedTreeHead)
        try head.verify(trusting: store.ledgerPublicKey)
        #expect(evidence.events.count == 2)
        #expect(!evidence.truncated)
        for event in evidence.events {
            try event.verify(against: head)
            let decoded = try EPCISDocumentReader().read(Data(Self.wrap(event.body).utf8))
            #expect(decoded.events.count == 1)
        }
        var forged = try #require(evidence.events.first)
        forged.body = forged.body.replacingOccurrences(of: "100", with: "10")
        #expect(throws: (any Error).self) { try forged.verify(against: head) }
        let cut = try await store.evidence(touching: [key], limit: 1)
        #expect(cut.events.count == 1)
        #expect(cut.truncated)
        #expect(try await store.evidence(touching: ["https://id.gs1.org/01/00000000000000"], limit: 10).events.isEmpty)
    }

    /// A stored body as a one-event document, to read it back with the document reader.
    static func wrap(_ body: String) -> String {
        """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
         "schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[\(body)]}}
        """
    }
}
