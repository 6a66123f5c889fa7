import Foundation
import Storage
import Synchronization
import Testing

/// The stored form of event bodies: what is stored restores to exactly the bytes captured, in either format, and a
/// body written by an older release (format 1, deflate) still reads.
struct EventBodyCodecTests {
    /// Bodies written here by hand: an event like the dictionary's, one in Chinese with an extension, one far from
    /// anything in the dictionary, an empty object, and one larger than any demo body.
    static let bodies: [String] = [
        #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"ObjectEvent","eventTime":"2026-03-01T08:00:00.000+08:00","eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6901234.000017.1"],"action":"OBSERVE","bizStep":"shipping","readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"}}"#,
        #"{"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00+08:00","bizStep":"receiving","cn:备注":"冷链到货，温度正常","cn:产地":"山东省寿光市"}"#,
        #"{"z":[1,2,3],"q":"\u0000\u001f","\u00e9":"é"}"#,
        "{}",
        "{\"list\":[" + (0..<2_000).map { "\"urn:epc:id:sgtin:6901234.000017.\($0)\"" }.joined(separator: ",") + "]}",
    ]

    @Test("each body restores to its bytes, in the current format and in the older one, with one codec reused")
    func roundTrips() throws {
        let codec = EventBodyCodec()
        for body in Self.bodies {
            let bytes = Array(body.utf8)
            let current = try codec.compress(bytes)
            let older = try codec.compress(bytes, format: EventBodyCodec.deflateDictionary1)
            #expect(current.first == EventBodyCodec.zstdDictionary1)
            #expect(older.first == EventBodyCodec.deflateDictionary1)
            #expect(try codec.decompress(current) == bytes)
            #expect(try codec.decompress(older) == bytes)
            // A fresh codec reads what another wrote; plain JSON bytes read as they are
            #expect(try EventBodyCodec().original(current) == bytes)
            #expect(try EventBodyCodec().original(bytes) == bytes)
        }
    }

    @Test("a body like the dictionary's is stored in about a seventh of its size")
    func dictionaryCompresses() throws {
        let bytes = Array(Self.bodies[0].utf8)
        let stored = try EventBodyCodec().compress(bytes)
        #expect(stored.count * 5 < bytes.count, "\(stored.count) of \(bytes.count)")
    }

    @Test("damaged and unknown stored forms are refused with a clear error, not a crash")
    func damagedFormsAreRefused() throws {
        let codec = EventBodyCodec()
        let stored = try codec.compress(Array(Self.bodies[1].utf8))
        for bad in [[9, 1, 2], [EventBodyCodec.zstdDictionary1], Array(stored.prefix(stored.count / 2)), [UInt8]()] {
            #expect(throws: StorageError.self) { try codec.decompress(bad) }
        }
        #expect(throws: StorageError.self) { try codec.compress([1], format: 7) }
        // The codec still works after refusals
        #expect(try codec.decompress(stored) == Array(Self.bodies[1].utf8))
    }

    @Test("reads on many threads at once share kept codecs and each gets its own body back")
    func keptCodecsServeConcurrentReads() throws {
        let stored = try Self.bodies.map { try EventBodyCodec().compress(Array($0.utf8)) }
        let expected = Self.bodies.map { Array($0.utf8) }
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            let which = index % stored.count
            let restored = try? EventBodyCodec.withIdle { try $0.decompress(stored[which]) }
            if restored != expected[which] { wrong.withLock { $0 += 1 } }
        }
        #expect(wrong.withLock { $0 } == 0)
    }
}
