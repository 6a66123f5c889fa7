import Foundation
import Testing

@testable import EPCIS

/// `PreHashValueCache` remembers the canonical pre-hash form of values across events (a capture keeps one per
/// thread): the hashes must be the ones each event gets alone, whatever the cache already holds.
@Suite struct EventHashValueCacheTests {
    /// Three events naming the same trade item, lot, places and parties, as EPC URNs in the first and as GS1 Digital
    /// Links in the second (the same event for the hash), with a CBV URN as a user extension's value, a business
    /// transaction URN, master data in Chinese, the eventTime's text as a plain value, and values
    /// written with the document's prefix.
    static let document = """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                      {"suyuan": "https://ns.suyuan.org/mda#"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-02T00:00:00Z",
         "epcisHeader": {"epcisMasterData": {"vocabularyList": [
           {"type": "urn:epcglobal:epcis:vtype:BusinessLocation", "vocabularyElementList": [
             {"id": "urn:epc:id:sgln:6901234.00001.0",
              "attributes": [{"id": "urn:epcglobal:cbv:mda#name", "attribute": "五常市稻米加工厂"}]}]}]}},
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "eventTime": "2026-04-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "epcList": ["urn:epc:id:sgtin:6901234.000017.77"], "action": "OBSERVE",
            "bizStep": "shipping", "disposition": "in_transit",
            "readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"},
            "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000016:PO-1"}],
            "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00001"}],
            "destinationList": [{"type": "location", "destination": "urn:epc:id:sgln:6901234.00002.0"}],
            "suyuan:产地": "黑龙江省五常市", "suyuan:note": "2026-04-01T08:00:00+08:00", "suyuan:plot": "suyuan:地块-7", "suyuan:grade": "suyuan:A",
            "suyuan:step": "urn:epcglobal:cbv:bizstep:shipping"},
           {"type": "ObjectEvent", "eventTime": "2026-04-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "epcList": ["https://id.gs1.org/01/06901234000177/21/77"], "action": "OBSERVE",
            "bizStep": "shipping", "disposition": "in_transit",
            "readPoint": {"id": "https://id.gs1.org/414/6901234000016"},
            "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000016:PO-1"}],
            "sourceList": [{"type": "owning_party", "source": "https://id.gs1.org/417/6901234000016"}],
            "destinationList": [{"type": "location", "destination": "https://id.gs1.org/414/6901234000023"}],
            "suyuan:产地": "黑龙江省五常市", "suyuan:note": "2026-04-01T08:00:00+08:00", "suyuan:plot": "suyuan:地块-7", "suyuan:grade": "suyuan:A",
            "suyuan:step": "urn:epcglobal:cbv:bizstep:shipping"},
           {"type": "TransformationEvent", "eventTime": "2026-04-01T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "inputEPCList": ["urn:epc:id:sgtin:6901234.000017.77"],
            "outputQuantityList": [
              {"epcClass": "urn:epc:class:lgtin:6901234.010001.L1", "quantity": 12.50, "uom": "KGM"},
              {"epcClass": "https://id.gs1.org/01/06901234100013/10/L2", "quantity": 3, "uom": "KGM"}],
            "bizStep": "commissioning",
            "readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"},
            "ilmd": {"suyuan:产地": "黑龙江省五常市", "suyuan:lot": "L1"}}]}}
        """

    static func decoded() throws -> EPCISDocument {
        try JSONDocumentDecoder().decode(Data(document.utf8))
    }

    @Test("one value cache across events gives each event the pre-hash string and hash it gets alone")
    func sharedCacheKeepsEveryHash() throws {
        // Given events that repeat each other's values, in URN and Digital Link form
        let document = try Self.decoded()
        let hasher = EventHasher(for: document)
        let alone = document.events.map(hasher.hashID(for:))
        // When they are hashed twice over with one cache
        var values = PreHashValueCache()
        let events = document.events + document.events
        let shared = events.map { hasher.hashID(for: $0, values: &values) }
        let strings = events.map { hasher.preHashString(for: $0, values: &values) }
        // Then every hash and pre-hash string is the uncached one
        #expect(shared == alone + alone)
        #expect(strings == (document.events + document.events).map { hasher.preHashString(for: $0) })
        // And the URN and Digital Link spellings of one event still hash alike
        #expect(alone[0] == alone[1])
        // And the cache remembered the repeated values rather than growing with every event
        let remembered = values.count
        _ = document.events.map { hasher.hashID(for: $0, values: &values) }
        #expect(remembered > 0 && values.count == remembered)
    }

    @Test("a text remembered as a plain value is still hashed as a timestamp in eventTime")
    func timestampElementsAreNotTakenFromTheCache() throws {
        // Given an event whose note holds the text of its eventTime
        let document = try Self.decoded()
        let hasher = EventHasher(for: document)
        var values = PreHashValueCache()
        // When its values are cached by a first hash, and it is hashed again
        _ = hasher.preHashString(for: document.events[0], values: &values)
        let preHash = hasher.preHashString(for: document.events[0], values: &values)
        // Then the eventTime is in UTC with milliseconds and the note is as written
        #expect(preHash.hasPrefix("eventType=ObjectEventeventTime=2026-04-01T00:00:00.000Z"))
        #expect(preHash.contains("{https://ns.suyuan.org/mda#}note=2026-04-01T08:00:00+08:00"))
        #expect(preHash.contains("{https://ns.suyuan.org/mda#}产地=黑龙江省五常市"))
        // And values written with the document's prefix are expanded, before ASCII and Chinese alike
        #expect(preHash.contains("{https://ns.suyuan.org/mda#}plot=https://ns.suyuan.org/mda#地块-7"))
        #expect(preHash.contains("{https://ns.suyuan.org/mda#}grade=https://ns.suyuan.org/mda#A"))
        #expect(preHash.contains("{https://ns.suyuan.org/mda#}step=https://ref.gs1.org/cbv/BizStep-shipping"))
        #expect(preHash == hasher.preHashString(for: document.events[0]))
    }
}
