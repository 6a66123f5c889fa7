import EPCIS
import Foundation
import Testing

@Suite struct XMLFeatureTests {
    static func decode(_ text: String) throws -> EPCISDocument {
        try XMLDocumentDecoder().decode(Data(text.utf8))
    }

    static func wrap(_ event: String) -> String {
        """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="http://ns.example.com/epcis/"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
            schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList>\(event)</EventList></EPCISBody>
        </epcis:EPCISDocument>
        """
    }

    static let extensionEvent = wrap("""
        <ObjectEvent>
          <eventTime>2024-01-01T00:00:00Z</eventTime>
          <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
          <epcList/>
          <action>OBSERVE</action>
          <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id><ex:door>3</ex:door></readPoint>
          <ex:batch>
            <ex:size xsi:type="xsd:integer">12</ex:size>
            <ex:ok xsi:type="xsd:boolean">true</ex:ok>
            <ex:tag>a</ex:tag>
            <ex:tag>b</ex:tag>
            <other:deep xmlns:other="urn:example:other"><plain>x</plain></other:deep>
          </ex:batch>
          <ex:weight unit="KGM">3.5</ex:weight>
          <ex:empty/>
        </ObjectEvent>
        """)

    @Test("nested extensions keep their namespaces, prefixes, arrays, typed leaves and attributes")
    func extensionNesting() throws {
        // Given an event with nested user extensions in two namespaces
        // When it is decoded
        let document = try Self.decode(Self.extensionEvent)
        let event = try #require(document.events.first)
        // Then the structure and the prefixes are kept
        let ns = "http://ns.example.com/epcis/"
        #expect(document.namespaces.contains(NamespaceDeclaration(prefix: "ex", namespace: ns)))
        #expect(event.readPoint?.extensions == [
            ExtensionElement(name: QualifiedName(namespace: ns, localName: "door"), value: .string("3")),
        ])
        let batch = try #require(event.extensions.first)
        #expect(batch.name.prefix == "ex")
        #expect(batch.value == .object([
            ExtensionElement(name: QualifiedName(namespace: ns, localName: "size"), value: .number("12")),
            ExtensionElement(name: QualifiedName(namespace: ns, localName: "ok"), value: .bool(true)),
            ExtensionElement(name: QualifiedName(namespace: ns, localName: "tag"), value: .array([.string("a"), .string("b")])),
            ExtensionElement(name: QualifiedName(namespace: "urn:example:other", localName: "deep"), value: .object([
                ExtensionElement(name: QualifiedName(namespace: "", localName: "plain"), value: .string("x")),
            ])),
        ]))
        #expect(event.extensions[1].value == .object([
            ExtensionElement(name: QualifiedName(namespace: "", localName: "unit"), value: .string("KGM")),
            ExtensionElement(name: QualifiedName(namespace: "", localName: "@value"), value: .string("3.5")),
        ]))
        #expect(event.extensions[2].value == .null)
    }

    @Test("the encoder declares every extension namespace on the root and keeps the document's prefixes")
    func encoderDeclaresNamespaces() throws {
        // Given the decoded event
        let document = try Self.decode(Self.extensionEvent)
        // When it is encoded
        let xml = XMLDocumentEncoder().encodeString(document)
        // Then the prefixes are declared once, on the root, and the output reads back the same
        let root = try #require(xml.split(separator: "\n").dropFirst().first)
        #expect(root.contains("xmlns:ex=\"http://ns.example.com/epcis/\""))
        #expect(root.contains("xmlns:other=\"urn:example:other\""))
        #expect(xml.components(separatedBy: "xmlns:ex=").count == 2)
        #expect(xml.contains("<ex:size xsi:type=\"xsd:integer\">12</ex:size>"))
        #expect(try XMLDocumentDecoder().decode(Data(xml.utf8)).events == document.events)
    }

    @Test("sensor metadata and reports are read from attributes, extension attributes included, and written back so")
    func sensorAttributes() throws {
        // Given a sensor element with metadata, two reports and extension attributes
        let document = try Self.decode(Self.wrap("""
            <ObjectEvent>
              <eventTime>2024-01-01T00:00:00Z</eventTime>
              <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
              <epcList/>
              <action>OBSERVE</action>
              <sensorElementList><sensorElement>
                <sensorMetadata time="2024-01-01T00:00:00Z" deviceID="urn:epc:id:giai:4000001.111" ex:batch="7"/>
                <sensorReport type="gs1:Temperature" value="26.5" uom="CEL" component="urn:epcglobal:cbv:comp:x"/>
                <sensorReport exception="gs1:ALARM_CONDITION" booleanValue="true" hexBinaryValue="f0f0" ex:cv="1"/>
              </sensorElement></sensorElementList>
            </ObjectEvent>
            """))
        // When it is read
        let element = try #require(document.events.first?.sensorElementList.first)
        // Then every attribute is a field, and the foreign ones are extensions
        #expect(element.metadata?.deviceID == "urn:epc:id:giai:4000001.111")
        #expect(element.metadata?.extensions.first?.name.localName == "batch")
        #expect(element.reports.count == 2)
        #expect(element.reports[0].type?.standardTerm == "Temperature")
        #expect(element.reports[0].value == 26.5)
        #expect(element.reports[0].component?.standardTerm == "x")
        #expect(element.reports[1].exception?.standardTerm == "ALARM_CONDITION")
        #expect(element.reports[1].booleanValue == true)
        #expect(element.reports[1].extensions.first?.value == .string("1"))
        // And the encoder writes them as attributes again
        let xml = XMLDocumentEncoder().encodeString(document)
        #expect(xml.contains("<sensorReport type=\"gs1:Temperature\" value=\"26.5\" component=\"urn:epcglobal:cbv:comp:x\" uom=\"CEL\"/>"))
        #expect(xml.contains("ex:batch=\"7\""))
    }

    @Test("master data in the header is read with text and nested attributes and children, and written back")
    func masterData() throws {
        // Given the GS1 example with every master data field
        let document = try XMLFixtures.decode("gs1-EPCIS/XML/WithFullCombinationOfFields/masterdata_all_possible_fields.xml")
        // When it is read
        let vocabulary = try #require(document.masterData.first)
        let element = try #require(vocabulary.elements.first)
        // Then the vocabulary, its element, attributes and children are there
        #expect(vocabulary.type == "urn:epcglobal:epcis:vtype:BusinessLocation")
        #expect(element.id == "urn:epc:id:sgln:0037000.00729.0")
        #expect(element.attributes.first == VocabularyAttribute(id: "http://example.com/ext1#string", value: .string("stringValue")))
        #expect(element.attributes.filter { $0.id == "http://example.com/ext1#array" }.count == 2)
        guard case .object(let members)? = element.attributes.first(where: { $0.id == "http://example.com/ext1#object1" })?.value
        else {
            Issue.record("object1 is not structured")
            return
        }
        #expect(members.first?.name.localName == "object2")
        #expect(element.children == ["urn:epc:id:sgln:0037000.00729.8201"])
        // And it is written in the header
        let xml = XMLDocumentEncoder().encodeString(document)
        #expect(xml.contains("<EPCISHeader>"))
        #expect(xml.contains("<EPCISMasterData>"))
    }

    @Test("the encoder writes identifiers in the form asked for and compact output on one line")
    func encoderOptions() throws {
        // Given an event with an SGTIN URN
        var event = EPCISEvent(type: .objectEvent, eventTime: try #require(EPCISDateTime("2024-01-01T00:00:00Z")),
                               eventTimeZoneOffset: "+00:00")
        event.epcList = ["urn:epc:id:sgtin:4012345.011122.25"]
        event.action = .observe
        event.bizStep = CBVValue("shipping", in: .bizStep)
        let document = EPCISDocument(events: [event])
        // When it is encoded as Digital Links, compactly
        let options = XMLDocumentEncoder.Options(epcFormat: .digitalLink, prettyPrinted: false)
        let xml = XMLDocumentEncoder(options: options).encodeString(document)
        // Then the identifier is a Digital Link, the CBV value a URN, and there are no line breaks
        #expect(xml.contains("<epc>https://id.gs1.org/01/04012345111224/21/25</epc>"))
        #expect(xml.contains("<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>"))
        #expect(!xml.contains("\n"))
    }
}
