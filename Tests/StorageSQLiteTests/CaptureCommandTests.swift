import Foundation
import Testing
import TestSupport

/// `suyuan capture FILE…` plans the next file while the current one is written; these tests pin what a user sees
/// of that: files are stored in order, one transaction each, and the first file that fails stops the capture with
/// nothing of it, or of any file after it, stored.
@Suite(.enabled(if: LedgerBinary.canRun))
struct CaptureCommandTests {
    /// A JSON-LD document written by hand: fields in another order than ours, master data in Chinese.
    static let jsonDocument = """
        {"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-01T08:00:00+08:00",
         "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
         "epcisHeader": {"epcisMasterData": {"vocabularyList": [{"type": "urn:epcglobal:epcis:vtype:BusinessLocation",
           "vocabularyElementList": [{"id": "urn:epc:id:sgln:0614141.00777.0",
             "attributes": [{"id": "urn:epcglobal:cbv:mda#name", "attribute": "北京新发地批发市场"}]}]}]}},
         "epcisBody": {"eventList": [
           {"bizStep": "commissioning", "eventTimeZoneOffset": "+08:00", "type": "ObjectEvent",
            "eventTime": "2026-03-01T07:00:00+08:00", "action": "ADD",
            "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018"],
            "bizLocation": {"id": "urn:epc:id:sgln:0614141.00777.0"}},
           {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-03-01T07:30:00+08:00",
            "eventTimeZoneOffset": "+08:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
            "bizStep": "shipping", "readPoint": {"id": "urn:epc:id:sgln:0614141.00777.0"}}
         ]}}
        """

    /// An XML document with one aggregation.
    static let xmlDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
            creationDate="2026-03-01T09:00:00+08:00">
          <EPCISBody><EventList>
            <AggregationEvent>
              <eventTime>2026-03-01T08:00:00+08:00</eventTime>
              <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
              <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
              <childEPCs><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></childEPCs>
              <action>ADD</action>
              <bizStep>packing</bizStep>
            </AggregationEvent>
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    /// A document whose second event has no eventTime (EPCIS 2.0: required).
    static let invalidDocument = """
        {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"], "type": "EPCISDocument",
         "schemaVersion": "2.0", "creationDate": "2026-03-01T10:00:00+08:00",
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-03-01T09:30:00+08:00",
            "eventTimeZoneOffset": "+08:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.3001"]},
           {"type": "ObjectEvent", "action": "OBSERVE", "eventTimeZoneOffset": "+08:00",
            "epcList": ["urn:epc:id:sgtin:0614141.107346.3002"]}
         ]}}
        """

    /// A valid document that comes after the invalid one.
    static let laterDocument = """
        {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"], "type": "EPCISDocument",
         "schemaVersion": "2.0", "creationDate": "2026-03-01T11:00:00+08:00",
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-03-01T10:30:00+08:00",
            "eventTimeZoneOffset": "+08:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.4001"]}
         ]}}
        """

    static func write(_ files: [(name: String, text: String)]) throws -> (store: String, paths: [String]) {
        let store = SQLiteTestFiles.newPath()
        let paths = try files.map { file in
            let path = store + "-" + file.name
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        return (store, paths)
    }

    /// The `sqlite3` shell's answer to a query, as one trimmed text.
    static func answer(_ store: String, _ sql: String) async throws -> String {
        try await SQLiteLedgerTests.query(store, sql).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("files of both formats are stored in order, one line each, with the projections of all of them")
    func storesEveryFileInOrder() async throws {
        // Given a JSON-LD file, an XML file that aggregates one of the first file's items, and a third file
        let (store, paths) = try Self.write([
            ("a.jsonld", Self.jsonDocument), ("b.xml", Self.xmlDocument), ("c.jsonld", Self.laterDocument),
        ])
        // When they are captured with one command
        let output = try await SuyuanBinary.run(["capture"] + paths + ["--store", "sqlite:" + store])
        // Then each file has its line, in the order given, with its own count and format
        #expect(output.status == 0, "\(output.errorText)")
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix(paths[0] + ": stored 2 events and 1 master data elements (json)") == true)
        #expect(lines.dropFirst().first?.hasPrefix(paths[1] + ": stored 1 events and 0 master data elements (xml)") == true)
        #expect(lines.last?.hasPrefix(paths[2] + ": stored 1 events") == true)
        // And the events are stored in that order, the projections following all of them
        #expect(try await Self.answer(store, "SELECT count(*) FROM event") == "4")
        let parent = try await Self.answer(
            store,
            """
            SELECT p.text FROM identifier_state s JOIN term p ON p.id = s.parent
            WHERE s.key = 'https://id.gs1.org/01/10614141073464/21/2018'
            """)
        #expect(parent == "https://id.gs1.org/00/106141412345678908")
        let location = try await Self.answer(
            store,
            """
            SELECT l.text FROM identifier_state s JOIN term l ON l.id = s.location
            WHERE s.key = 'https://id.gs1.org/01/10614141073464/21/2017'
            """)
        #expect(location == "https://id.gs1.org/414/0614141007776")
        // And the ledger holds the four events, in one log across the three transactions
        let verify = try await SuyuanBinary.run(["verify", "--store", "sqlite:" + store])
        #expect(verify.status == 0, "\(verify.errorText)")
        #expect(verify.text.hasPrefix("ledger intact: 4 events, tree head size 4"))
    }

    @Test("the first file that fails stops the capture: it and every file after it store nothing")
    func stopsAtTheFirstFailure() async throws {
        // Given a valid file, one whose second event has no eventTime, and a valid one after it (planned while the
        // second was written)
        let (store, paths) = try Self.write([
            ("a.jsonld", Self.jsonDocument), ("b.jsonld", Self.invalidDocument), ("c.jsonld", Self.laterDocument),
        ])
        // When they are captured
        let output = try await SuyuanBinary.run(["capture"] + paths + ["--store", "sqlite:" + store])
        // Then the command fails naming the file, the event's place and the rule
        #expect(output.status == 1)
        #expect(output.errorText.contains(paths[1] + ":"))
        #expect(output.errorText.contains("/epcisBody/eventList/1"))
        #expect(output.errorText.contains("eventTime"))
        // And only the first file is stored: nothing of the invalid one, nothing of the one after it
        #expect(output.text.split(separator: "\n").count == 1)
        #expect(try await Self.answer(store, "SELECT count(*) FROM event") == "2")
        #expect(try await Self.answer(store, "SELECT count(*) FROM term WHERE text LIKE '%/21/3001'") == "0")
        #expect(try await Self.answer(store, "SELECT count(*) FROM term WHERE text LIKE '%/21/4001'") == "0")
    }

    @Test("a file repeating an event of an earlier file of the same command is refused as already stored")
    func refusesAnEarlierFilesEvent() async throws {
        // Given the same document twice: the second is planned while the first is being written
        let (store, paths) = try Self.write([("a.jsonld", Self.jsonDocument), ("b.jsonld", Self.jsonDocument)])
        // When both are captured
        let output = try await SuyuanBinary.run(["capture"] + paths + ["--store", "sqlite:" + store])
        // Then the second is refused: its events are the first file's (the duplicate check is the writer's)
        #expect(output.status == 1)
        #expect(output.errorText.contains(paths[1] + ":"))
        #expect(output.errorText.contains("already stored"))
        #expect(try await Self.answer(store, "SELECT count(*) FROM event") == "2")
    }
}
