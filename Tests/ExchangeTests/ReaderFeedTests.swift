import EPCIS
import Exchange
import Foundation
import Storage
import Testing

@Suite struct ReaderFeedTests {
    // SGTIN-96 of urn:epc:id:sgtin:0614141.812345.6789 (TDS 2.x worked example), filter 3.
    static let hex = "3074257BF7194E4000001A85"

    @Test("reader and scale lines become OBSERVE events; bad lines are named; repeats within the window drop")
    func readsBecomeEvents() async throws {
        // Given a feed with tag hex, a URN with a weight, a key=value line, a repeat and two bad lines
        let text = """
            # reader 1 at the market gate
            \(Self.hex),6901234000023,2026-11-20T08:30:00+08:00
            \(Self.hex),6901234000023,2026-11-20T08:30:02+08:00
            https://id.gs1.org/01/06901234100013/10/C2611,6901234000023,2026-11-20T08:31:00+08:00,12.5,kg
            epc=urn:epc:id:sgtin:0614141.812345.6790 reader=6901234000023 time=1795141800 weight=0.8
            ZZZZ,6901234000023,2026-11-20T08:30:00+08:00
            \(Self.hex),6901234000024,2026-11-20T08:30:00+08:00
            """
        let feed = ReaderFeed(text)
        #expect(feed.issues.map(\.row) == [6, 7])
        #expect(feed.reads.count == 4)
        var window = ReadDeduplicator(window: 60)
        let kept = feed.reads.filter { window.admit($0) }
        #expect(kept.map(\.line) == [2, 4, 5])
        // Then each read is an ObjectEvent at the reader; a lot on a scale carries its weight as the quantity
        let events = kept.map(ReaderFeed.event)
        #expect(events[0].epcList == ["urn:epc:id:sgtin:0614141.812345.6789"])
        #expect(events[0].action == .observe && events[0].readPoint?.id.text == "https://id.gs1.org/414/6901234000023")
        #expect(events[1].quantityList.first?.quantity == 12.5 && events[1].quantityList.first?.uom == "KGM")
        #expect(events[2].sensorElementList.first?.reports.first?.value == 0.8)
        #expect(
            events.allSatisfy {
                EPCISValidator().validate($0, at: EventLocation(pointer: "")).filter { $0.severity == .error }.isEmpty
            })
        // And the same reads sent again store nothing new
        let store = InMemoryEventStore()
        var result = ImportResult(kind: .sale, rowCount: kept.count)
        result.document = EPCISDocument(events: events)
        result.rows = kept.map { [$0.line] }
        #expect(try await result.capture(into: store).stored == 3)
        #expect(try await result.capture(into: store).alreadyStored == 3)
    }
}
