import Foundation
import Testing

@testable import EPCIS

/// The document reader's syntax detection, and hashes that do not depend on the syntax or spelling of an event.
@Suite struct EventHashReaderTests {
    static let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:example="http://ns.example.com/epcis/"
            schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody>
            <EventList>
              <ObjectEvent>
                <eventTime>2005-04-03T20:33:31.116-06:00</eventTime>
                <eventTimeZoneOffset>-06:00</eventTimeZoneOffset>
                <eventID>urn:uuid:11111111-1111-4111-8111-111111111111</eventID>
                <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>
                <action>ADD</action>
                <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
                <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
                <readPoint><id>urn:epc:id:sgln:0614141.07346.1234</id></readPoint>
                <bizTransactionList>
                  <bizTransaction type="urn:epcglobal:cbv:btt:po">http://transaction.acme.com/po/12345678</bizTransaction>
                </bizTransactionList>
                <sensorElementList>
                  <sensorElement>
                    <sensorMetadata time="2005-04-03T20:30:00-06:00" deviceID="urn:epc:id:giai:4000001.111"/>
                    <sensorReport type="gs1:Temperature" value="26.0" uom="CEL"/>
                  </sensorElement>
                </sensorElementList>
                <ilmd><example:lot>L1</example:lot></ilmd>
                <example:myField>abc</example:myField>
              </ObjectEvent>
            </EventList>
          </EPCISBody>
        </epcis:EPCISDocument>
        """

    static let json = """
        \u{FEFF}  {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
          {"example": "http://ns.example.com/epcis/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
         "epcisBody": {"eventList": [{
           "type": "ObjectEvent", "action": "ADD", "example:myField": "abc",
           "eventTime": "2005-04-04T02:33:31.116Z", "eventTimeZoneOffset": "-06:00",
           "recordTime": "2026-11-21T00:00:00Z",
           "epcList": ["https://id.gs1.org/01/10614141073464/21/2018", "urn:epc:id:sgtin:0614141.107346.2017"],
           "bizStep": "shipping", "disposition": "in_transit",
           "readPoint": {"id": "https://id.gs1.org/414/0614141073467/254/1234"},
           "bizTransactionList": [{"type": "po", "bizTransaction": "http://transaction.acme.com/po/12345678"}],
           "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 26, "uom": "CEL"}],
             "sensorMetadata": {"deviceID": "urn:epc:id:giai:4000001.111", "time": "2005-04-04T02:30:00.000Z"}}],
           "ilmd": {"example:lot": "L1"}
         }]}}
        """

    @Test("the reader tells XML from JSON by the first byte after a BOM and whitespace")
    func formatDetection() {
        #expect(EPCISDocumentReader.format(of: Data(Self.xml.utf8)) == .xml)
        #expect(EPCISDocumentReader.format(of: Data(Self.json.utf8)) == .json)
        #expect(EPCISDocumentReader.format(of: Data([0xEF, 0xBB, 0xBF, 0x0A, 0x20, 0x3C])) == .xml)
        #expect(EPCISDocumentReader.format(of: Data()) == .json)
    }

    @Test("the same event in JSON and in XML, spelled differently and in another order, gets the same hash")
    func jsonAndXMLAgree() throws {
        // Given one event written as XML (URNs, CBV URNs, local time, eventID) and as JSON-LD (Digital Links, bare
        // CBV words, UTC, recordTime, other member order)
        let reader = EPCISDocumentReader()
        let fromXML = try reader.readLocated(Data(Self.xml.utf8))
        let fromJSON = try reader.readLocated(Data(Self.json.utf8))
        #expect(fromXML.format == .xml)
        #expect(fromJSON.format == .json)
        let xmlEvent = try #require(fromXML.document.events.first)
        let jsonEvent = try #require(fromJSON.document.events.first)
        // When both are hashed
        let xmlHasher = EventHasher(for: fromXML.document, format: .xml)
        let jsonHasher = EventHasher(for: fromJSON.document, format: .json)
        // Then pre-hash strings and hash IDs are equal
        #expect(xmlHasher.preHashString(for: xmlEvent) == jsonHasher.preHashString(for: jsonEvent))
        #expect(xmlHasher.hashID(for: xmlEvent) == jsonHasher.hashID(for: jsonEvent))
        #expect(EventHasher.hashIDs(of: fromXML.document, format: .xml) == EventHasher.hashIDs(of: fromJSON.document))
    }

    @Test("a document that cannot be read is refused with its diagnostics")
    func unreadableDocument() {
        #expect(throws: EPCISDocumentError.self) { try EPCISDocumentReader().read(Data("<not-epcis/>".utf8)) }
        #expect(throws: EPCISDocumentError.self) { try EPCISDocumentReader().read(Data("{\"x\": 1}".utf8)) }
    }
}
