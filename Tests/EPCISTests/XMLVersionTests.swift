import EPCIS
import Foundation
import Testing

@Suite struct XMLVersionTests {
    static func decode(_ text: String) throws -> EPCISDocument {
        try XMLDocumentDecoder().decode(Data(text.utf8))
    }

    static let version12 = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:ex="http://ns.example.com/epcis/"
            schemaVersion="1.2" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList>
            <ObjectEvent>
              <eventTime>2024-01-01T10:00:00.000+08:00</eventTime>
              <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
              <baseExtension>
                <eventID>urn:uuid:0b5a3b6e-8f0e-4c4e-9f51-4c7a1c8b1a11</eventID>
                <errorDeclaration>
                  <declarationTime>2024-01-02T00:00:00Z</declarationTime>
                  <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
                </errorDeclaration>
              </baseExtension>
              <epcList/>
              <action>ADD</action>
              <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
              <extension>
                <quantityList>
                  <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass>
                    <quantity>200</quantity><uom>KGM</uom></quantityElement>
                </quantityList>
                <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00001</source></sourceList>
                <ilmd><ex:lot>L1</ex:lot></ilmd>
              </extension>
              <ex:note>a</ex:note>
            </ObjectEvent>
            <extension>
              <TransformationEvent>
                <eventTime>2024-01-01T11:00:00Z</eventTime>
                <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                <inputEPCList><epc>urn:epc:id:sgtin:4012345.012345.1</epc></inputEPCList>
              </TransformationEvent>
            </extension>
            <extension><extension>
              <AssociationEvent>
                <eventTime>2024-01-01T12:00:00Z</eventTime>
                <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                <parentID>urn:epc:id:grai:4012345.55555.1</parentID>
                <action>ADD</action>
              </AssociationEvent>
            </extension></extension>
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    static let version20 = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="http://ns.example.com/epcis/"
            schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList>
            <ObjectEvent>
              <eventTime>2024-01-01T10:00:00.000+08:00</eventTime>
              <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
              <eventID>urn:uuid:0b5a3b6e-8f0e-4c4e-9f51-4c7a1c8b1a11</eventID>
              <errorDeclaration>
                <declarationTime>2024-01-02T00:00:00Z</declarationTime>
                <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
              </errorDeclaration>
              <epcList/>
              <action>ADD</action>
              <bizStep>https://ref.gs1.org/cbv/BizStep-commissioning</bizStep>
              <quantityList>
                <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass>
                  <quantity>200.0</quantity><uom>KGM</uom></quantityElement>
              </quantityList>
              <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00001</source></sourceList>
              <ilmd><ex:lot>L1</ex:lot></ilmd>
              <ex:note>a</ex:note>
            </ObjectEvent>
            <TransformationEvent>
              <eventTime>2024-01-01T11:00:00Z</eventTime>
              <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
              <inputEPCList><epc>urn:epc:id:sgtin:4012345.012345.1</epc></inputEPCList>
            </TransformationEvent>
            <AssociationEvent>
              <eventTime>2024-01-01T12:00:00Z</eventTime>
              <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
              <parentID>urn:epc:id:grai:4012345.55555.1</parentID>
              <action>ADD</action>
            </AssociationEvent>
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    @Test("EPCIS 1.2 wrappers (baseExtension, extension, EventList/extension) read as the 2.0 placements")
    func wrappersAreTransparent() throws {
        // Given the same three events in 1.2 and in 2.0 XML
        // When both are decoded
        let old = try Self.decode(Self.version12)
        let new = try Self.decode(Self.version20)
        // Then the events are equal, and only the schema version tells them apart
        #expect(old.schemaVersion == "1.2")
        #expect(old.events.map(\.type) == [.objectEvent, .transformationEvent, .associationEvent])
        #expect(old.events == new.events, "\(differingFields(old.events[0], new.events[0]))")
        #expect(old.events[0].quantityList.first?.quantity == 200)
        #expect(old.events[0].ilmd?.first?.name.localName == "lot")
    }

    @Test("the GS1 1.2 rendering of the AssociationEvent examples decodes to the 2.0 events")
    func gs1AssociationExamples() throws {
        // Given the GS1 AssociationEvent examples in 2.0 and their XSL conversion to 1.2
        let old = try XMLFixtures.decode("gs1-EPCIS/XSL/1.2/XML/AssociationEvent.xml")
        let new = try XMLFixtures.decode("gs1-EPCIS/XML/AssociationEvent/AssociationEventExamples.xml")
        // Then the events are equal, except where the XSL conversion dropped data: the user element of event 1
        // and the childQuantityList of event 6, which 1.2 has no place for in an AssociationEvent
        #expect(old.events.count == new.events.count)
        for index in old.events.indices where index != 0 && index != 5 {
            #expect(old.events[index] == new.events[index], "event \(index): \(differingFields(old.events[index], new.events[index]))")
        }
    }
}
