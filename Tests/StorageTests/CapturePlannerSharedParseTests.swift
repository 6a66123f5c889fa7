import EPCIS
import Foundation
import Identifiers
import Storage
import Testing

/// A capture plan parses each identifier once per thread for the validator and the rows, and makes each value
/// canonical once for the hash: its rows and hashes must be the ones each event gets alone.
@Suite struct CapturePlannerSharedParseTests {
    /// A commissioning, a shipping and a transformation, naming one item, lot, places and parties as EPC URNs and as
    /// GS1 Digital Links, with master data and an ilmd in Chinese.
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
            "epcList": ["urn:epc:id:sgtin:6901234.000017.77"], "action": "ADD", "bizStep": "commissioning",
            "readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"},
            "ilmd": {"suyuan:产地": "黑龙江省五常市"}},
           {"type": "ObjectEvent", "eventTime": "2026-04-01T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "epcList": ["https://id.gs1.org/01/06901234000177/21/77"], "action": "OBSERVE",
            "bizStep": "shipping", "disposition": "in_transit",
            "readPoint": {"id": "https://id.gs1.org/414/6901234000016"},
            "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:6901234000016:PO-1"}],
            "sourceList": [{"type": "owning_party", "source": "https://id.gs1.org/417/6901234000016"}],
            "destinationList": [{"type": "location", "destination": "urn:epc:id:sgln:6901234.00002.0"}]},
           {"type": "TransformationEvent", "eventTime": "2026-04-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "inputEPCList": ["urn:epc:id:sgtin:6901234.000017.77"],
            "outputQuantityList": [
              {"epcClass": "urn:epc:class:lgtin:6901234.010001.L1", "quantity": 12.5, "uom": "KGM"},
              {"epcClass": "https://id.gs1.org/01/06901234100013/10/L2", "quantity": 3, "uom": "KGM"}],
            "bizLocation": {"id": "https://id.gs1.org/414/6901234000016"}}]}}
        """

    /// The three events over and over (1,500 in all, so that both cores plan), each repeat with its own serial
    /// and time so that none is a duplicate.
    static func large() throws -> EPCISDocument {
        var document = try JSONDocumentDecoder().decode(Data(document.utf8))
        let base = document.events
        document.events = (0..<1_500).map { i in
            var event = base[i % 3]
            // The serial 77 ends each EPC, URN or Digital Link.
            func serial(_ uri: IdentifierURI) -> IdentifierURI { IdentifierURI(uri.text.dropLast(2) + "\(77 + i / 3)") }
            event.epcList = event.epcList.map(serial)
            event.inputEPCList = event.inputEPCList.map(serial)
            event.eventTime = EPCISDateTime(Date(timeIntervalSince1970: 1_775_000_000 + Double(i) * 60))
            return event
        }
        return document
    }

    /// A record's rows as text, to compare two records.
    static func rows(_ record: EventRecord) -> [String] {
        [record.eventID, record.hashID, record.body, record.readPoint ?? "-", record.bizLocation ?? "-"]
            + record.identifiers.map { "\($0.role) \($0.key) \($0.ai ?? "-") \($0.aiValue ?? "-") \($0.quantity ?? -1)" }
            + record.parties.map { "\($0.direction) \($0.type) \($0.party)" }
            + record.transactions.map { "\($0.type ?? "-") \($0.id)" }
            + record.canonicalKeys.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value)" }
    }

    @Test("planned rows and hashes are the ones each event gets alone")
    func plannedRowsMatchSingleEvents() throws {
        // Given a large document of URN and Digital Link identifiers, and a validator that knows prefix lengths
        let document = try Self.large()
        let validator = EPCISValidator(prefixLengths: FixedCompanyPrefixLength(7))
        let context = CaptureContext(validator: validator)
        // When it is planned with rows
        var planner = CapturePlanner(document, context: context)
        let batch = planner.planNext(document.events.count, withRecords: true)
        #expect(try planner.finish().isEmpty)
        // Then every event is kept with the hash it gets alone
        #expect(batch.events.count == 1_500)
        let hasher = EventHasher(for: document)
        #expect(batch.events.map(\.hashID) == document.events.map(hasher.hashID(for:)))
        // And the rows are the ones it gets with nothing shared
        #expect(batch.records.count == batch.events.count)
        for (stored, record) in zip(batch.events, batch.records) {
            var cache: [String: EventRecord.ParsedURI] = [:]
            let alone = EventRecord(stored, encoder: JSONDocumentEncoder(), cache: &cache)
            #expect(Self.rows(record) == Self.rows(alone))
        }
        // And a URN and the Digital Link of the same location share one key
        let keys = Set(batch.records.compactMap { $0.readPoint ?? $0.bizLocation })
        #expect(keys == ["https://id.gs1.org/414/6901234000016"])
    }
}
