import EPCIS
import Federation
import Foundation
import Storage
import StorageSQLite
import Testing
import Transparency

/// A platform's answer verifies offline with the key pinned for it, and says so event by event.
@Suite struct EvidenceAnswerTests {
    static let document = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.example.com/"}],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[
          {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","eventTime":"2026-03-01T08:00:00+08:00",
           "eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6902345.000017.1"],"ex:batchNote":"猪肉 A",
           "bizLocation":{"id":"urn:epc:id:sgln:6902345.00001.0"}},
          {"type":"ObjectEvent","action":"OBSERVE","bizStep":"shipping","eventTime":"2026-03-01T09:00:00+08:00",
           "eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6902345.000017.1"],
           "destinationList":[{"type":"owning_party","destination":"https://id.gs1.org/417/6901234000016"}]}]}}
        """

    static func answer() async throws -> (EvidenceAnswer, LogPublicKey) {
        let store = try SQLiteEventStore(.memory)
        _ = try await store.capture(try EPCISDocumentReader().read(Data(document.utf8)), context: CaptureContext())
        let key = IdentifierURI("urn:epc:id:sgtin:6902345.000017.1").canonicalKey
        let evidence = try await store.evidence(touching: [key], limit: 100)
        // Through JSON, as it crosses the network
        let wire = try JSONEncoder().encode(EvidenceAnswer(platform: "bj", evidence: evidence))
        return (try JSONDecoder().decode(EvidenceAnswer.self, from: wire), store.ledgerPublicKey)
    }

    @Test("with the pinned key every event verifies and reads back whole, extensions in Chinese included")
    func verifies() async throws {
        let (answer, key) = try await Self.answer()
        let events = answer.read(trusting: key)
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.verification == .verified })
        #expect(events.first?.event.extensions.first?.value == .string("猪肉 A"))
        #expect(events.map(\.platform) == ["bj", "bj"])
    }

    @Test("another key, no key, a changed body or a changed head: the events are there but not verified")
    func refusesForgery() async throws {
        let (answer, _) = try await Self.answer()
        #expect(answer.read(trusting: TreeHeadSigner().publicKey).allSatisfy { $0.verification != .verified })
        #expect(answer.read(trusting: nil).allSatisfy { $0.verification != .verified })
        let (honest, key) = try await Self.answer()
        var forged = honest
        forged.events[1].body = forged.events[1].body.replacingOccurrences(of: "shipping", with: "receiving")
        let read = forged.read(trusting: key)
        #expect(read[0].verification == .verified)
        if case .failed = read[1].verification {} else { Issue.record("a changed body verified") }
        var moved = honest
        moved.signedTreeHead?.treeHead.treeSize += 1
        #expect(moved.read(trusting: key).allSatisfy { $0.verification != .verified })
    }
}
