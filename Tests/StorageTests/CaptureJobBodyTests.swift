import Foundation
import Storage
import Testing

/// The kept form of a capture job's document: a Zstandard frame that gives back the bytes as they were sent, and
/// plain bytes kept by earlier releases read as they are.
@Suite struct CaptureJobBodyTests {
    static let chineseJSON = Data(
        """
        {"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],"type":"EPCISDocument",
         "schemaVersion":"2.0","creationDate":"2026-03-01T08:00:00+08:00","epcisBody":{"eventList":[
          {"type":"ObjectEvent","action":"OBSERVE","eventTime":"2026-03-01T07:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":["urn:epc:id:sgtin:6901234.000017.1"],"example:备注":"冷链到货，温度正常\\u0000\\t"}]}}
        """.utf8)
    static let xml = Data(
        """
        <?xml version="1.0" encoding="UTF-8"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" \
        schemaVersion="2.0" creationDate="2026-03-01T09:00:00+08:00"><EPCISBody><EventList/></EPCISBody>\
        </epcis:EPCISDocument>
        """.utf8)

    @Test("JSON-LD with Chinese text, XML, an empty body and a large document come back byte for byte")
    func roundTrips() throws {
        // A large document: the Chinese one's event repeated (a thousand-event post is about 800 kB)
        let large = Data((0..<2_000).flatMap { _ in Self.chineseJSON })
        for document in [Self.chineseJSON, Self.xml, Data(), large] {
            // When kept and read back
            let kept = try CaptureJobBody.stored(document)
            // Then it is a Zstandard frame, and the same bytes come back
            #expect(kept.prefix(4) == Data([0x28, 0xB5, 0x2F, 0xFD]))
            #expect(try CaptureJobBody.original(kept) == document)
        }
        // And a document of repeated events is kept in a small fraction of its size
        #expect(try CaptureJobBody.stored(large).count * 20 < large.count)
    }

    @Test("bytes kept as they were sent, by an earlier release, read as they are")
    func plainBytesReadAsTheyAre() throws {
        for document in [Self.chineseJSON, Self.xml, Data(" \n{}".utf8), Data([0x28])] {
            #expect(try CaptureJobBody.original(document) == document)
        }
    }

    @Test("a damaged frame is an internal failure that says so, not a document")
    func damagedFrame() throws {
        var kept = try CaptureJobBody.stored(Self.chineseJSON)
        kept.removeLast(kept.count / 2)
        let error = #expect(throws: StorageError.self) { try CaptureJobBody.original(kept) }
        #expect(error?.code == .internalFailure)
        #expect(error?.message.contains("damaged") == true)
    }
}
