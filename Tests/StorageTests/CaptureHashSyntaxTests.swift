import EPCIS
import Foundation
import Storage
import Testing

/// The stored event hash is the one for the syntax the document was sent in: an XML user element named `…List`
/// with repeated items hashes differently from its JSON reading (docs/event-hash.md), and the store keeps the hash
/// `suyuan epcis hash` gives for the XML as sent.
@Suite struct CaptureHashSyntaxTests {
    static let document = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ns.example.com/epcis/"
            schemaVersion="2.0" creationDate="2026-04-01T00:00:00Z">
          <EPCISBody><EventList>
            <ObjectEvent>
              <eventTime>2026-04-01T08:00:00+08:00</eventTime>
              <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
              <epcList><epc>urn:epc:id:sgtin:6901234.000017.77</epc></epcList>
              <action>OBSERVE</action>
              <bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep>
              <ex:lotList><ex:lot>B</ex:lot><ex:lot>A</ex:lot></ex:lotList><ex:lotList><ex:lot>C</ex:lot></ex:lotList>
            </ObjectEvent>
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    @Test("an XML capture stores the XML event hash, not the JSON reading's")
    func xmlCaptureKeepsTheXMLHash() async throws {
        // Given an XML document whose JSON and XML readings hash differently
        let (document, _, format) = try EPCISDocumentReader().readLocated(Data(Self.document.utf8))
        #expect(format == .xml)
        let event = try #require(document.events.first)
        let xmlHash = EventHasher(for: document, format: .xml).hashID(for: event)
        #expect(xmlHash != EventHasher(for: document, format: .json).hashID(for: event))
        // When it is captured as XML
        let store = InMemoryEventStore()
        var context = CaptureContext()
        context.documentFormat = format
        let receipt = try await store.capture(document, context: context)
        // Then the stored hash is the XML one
        let stored = try #require(receipt.eventIDs.first)
        #expect(stored == xmlHash)
        #expect(await store.events(withID: xmlHash).count == 1)
    }
}
