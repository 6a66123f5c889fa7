import EPCIS
import Foundation
import Testing

/// Documents whose elements are not in the order of EPCglobal-epcis-2_0.xsd, written by hand: GS1's own sensor
/// example puts sensorElementList after ilmd, and other producers order fields freely. The reader takes them, with
/// a warning per element out of place, and the writer puts them back in XSD order.
@Suite struct XMLFieldOrderTests {
    static let namespaces =
        #"xmlns:ex="http://ns.example.com/epcis/" xmlns:gs1="https://gs1.org/voc/""#

    static func document(_ events: String) -> String {
        String(decoding: XMLDiagnosticsTests.document(events, namespaces: namespaces), as: UTF8.self)
    }

    /// A TransformationEvent in XSD order.
    static let transformationInOrder = document(
        """
              <TransformationEvent>
                <eventTime>2024-03-01T08:00:00.000+01:00</eventTime>
                <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                <inputQuantityList>
                  <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200</quantity><uom>KGM</uom></quantityElement>
                </inputQuantityList>
                <outputEPCList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></outputEPCList>
                <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id></readPoint>
                <sensorElementList>
                  <sensorElement>
                    <sensorMetadata time="2024-03-01T07:59:00Z"/>
                    <sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>
                  </sensorElement>
                </sensorElementList>
                <ilmd><ex:grade>A</ex:grade><ex:batch>B-7</ex:batch></ilmd>
              </TransformationEvent>
        """)

    /// The same event as GS1's sensor example (WithSensorData) writes it: sensorElementList after ilmd.
    static let transformationSensorLast = document(
        """
              <TransformationEvent>
                <eventTime>2024-03-01T08:00:00.000+01:00</eventTime>
                <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                <inputQuantityList>
                  <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200</quantity><uom>KGM</uom></quantityElement>
                </inputQuantityList>
                <outputEPCList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></outputEPCList>
                <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id></readPoint>
                <ilmd><ex:grade>A</ex:grade><ex:batch>B-7</ex:batch></ilmd>
                <sensorElementList>
                  <sensorElement>
                    <sensorMetadata time="2024-03-01T07:59:00Z"/>
                    <sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>
                  </sensorElement>
                </sensorElementList>
              </TransformationEvent>
        """)

    /// An ObjectEvent with every part in XSD order.
    static let objectInOrder = document(
        """
              <ObjectEvent>
                <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
                <recordTime>2024-03-02T10:05:00.000+01:00</recordTime>
                <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                <eventID>urn:uuid:7b1d2f3e-1111-4222-8333-444455556666</eventID>
                <certificationInfo>https://accreditation.example.org/certificate/7</certificationInfo>
                <epcList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></epcList>
                <action>ADD</action>
                <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                <disposition>urn:epcglobal:cbv:disp:active</disposition>
                <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id></readPoint>
                <bizLocation><id>urn:epc:id:sgln:4012345.00001.0</id><ex:door>3</ex:door></bizLocation>
                <bizTransactionList>
                  <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:4012345000009:77</bizTransaction>
                </bizTransactionList>
                <quantityList>
                  <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>5</quantity><uom>KGM</uom></quantityElement>
                </quantityList>
                <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00000</source></sourceList>
                <destinationList><destination type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:0614141.00001</destination></destinationList>
                <sensorElementList>
                  <sensorElement>
                    <sensorMetadata time="2024-03-02T09:59:00Z"/>
                    <sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>
                  </sensorElement>
                </sensorElementList>
                <persistentDisposition>
                  <unset>urn:epcglobal:cbv:disp:completeness_inferred</unset>
                  <set>urn:epcglobal:cbv:disp:completeness_verified</set>
                </persistentDisposition>
                <ilmd><ex:grade>A</ex:grade></ilmd>
                <ex:note>packed by line 2</ex:note>
              </ObjectEvent>
        """)

    /// The same event with every part in reverse order, down to the parts of a quantity, a location, a sensor
    /// element and the persistent disposition; user extensions before the standard elements.
    static let objectReversed = document(
        """
              <ObjectEvent>
                <ex:note>packed by line 2</ex:note>
                <ilmd><ex:grade>A</ex:grade></ilmd>
                <persistentDisposition>
                  <set>urn:epcglobal:cbv:disp:completeness_verified</set>
                  <unset>urn:epcglobal:cbv:disp:completeness_inferred</unset>
                </persistentDisposition>
                <sensorElementList>
                  <sensorElement>
                    <sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>
                    <sensorMetadata time="2024-03-02T09:59:00Z"/>
                  </sensorElement>
                </sensorElementList>
                <destinationList><destination type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:0614141.00001</destination></destinationList>
                <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00000</source></sourceList>
                <quantityList>
                  <quantityElement><uom>KGM</uom><quantity>5</quantity><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass></quantityElement>
                </quantityList>
                <bizTransactionList>
                  <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:4012345000009:77</bizTransaction>
                </bizTransactionList>
                <bizLocation><ex:door>3</ex:door><id>urn:epc:id:sgln:4012345.00001.0</id></bizLocation>
                <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id></readPoint>
                <disposition>urn:epcglobal:cbv:disp:active</disposition>
                <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                <action>ADD</action>
                <epcList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></epcList>
                <certificationInfo>https://accreditation.example.org/certificate/7</certificationInfo>
                <eventID>urn:uuid:7b1d2f3e-1111-4222-8333-444455556666</eventID>
                <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                <recordTime>2024-03-02T10:05:00.000+01:00</recordTime>
                <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
              </ObjectEvent>
        """)

    /// The same event in JSON-LD, every member in reverse order, business transaction, source and destination
    /// written with the identifier before the type.
    static let objectReversedJSON = JSONTestDocuments.document(
        """
        {"ex:note": "packed by line 2",
         "ilmd": {"ex:grade": "A"},
         "persistentDisposition": {"unset": ["completeness_inferred"], "set": ["completeness_verified"]},
         "sensorElementList": [{"sensorReport": [{"uom": "CEL", "value": 4.5, "type": "Temperature"}],
                                "sensorMetadata": {"time": "2024-03-02T09:59:00Z"}}],
         "destinationList": [{"destination": "urn:epc:id:pgln:0614141.00001", "type": "owning_party"}],
         "sourceList": [{"source": "urn:epc:id:pgln:4012345.00000", "type": "owning_party"}],
         "quantityList": [{"uom": "KGM", "quantity": 5, "epcClass": "urn:epc:class:lgtin:4012345.012345.998877"}],
         "bizTransactionList": [{"bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:77", "type": "po"}],
         "bizLocation": {"ex:door": "3", "id": "urn:epc:id:sgln:4012345.00001.0"},
         "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0"},
         "disposition": "active", "bizStep": "commissioning", "action": "ADD",
         "epcList": ["urn:epc:id:sgtin:4012345.011111.1001"],
         "certificationInfo": "https://accreditation.example.org/certificate/7",
         "eventID": "urn:uuid:7b1d2f3e-1111-4222-8333-444455556666",
         "eventTimeZoneOffset": "+01:00", "recordTime": "2024-03-02T10:05:00.000+01:00",
         "eventTime": "2024-03-02T10:00:00.000+01:00", "type": "ObjectEvent"}
        """)

    static func decode(_ text: String) throws -> EPCISDocument {
        try XMLDocumentDecoder().decode(Data(text.utf8))
    }

    static func diagnostics(_ text: String) -> [Diagnostic] {
        XMLDocumentDecoder().diagnostics(for: Data(text.utf8))
    }

    static func hashes(_ text: String) throws -> [String] {
        EventHasher.hashIDs(of: try decode(text), format: .xml)
    }

    @Test("a TransformationEvent with sensorElementList after ilmd is read, with a warning that names the line")
    func sensorElementListAfterILMD() throws {
        // Given GS1's sensor example order, When it is decoded
        let document = try Self.decode(Self.transformationSensorLast)
        let diagnostics = Self.diagnostics(Self.transformationSensorLast)
        // Then the event is read as the same event in XSD order
        #expect(document.events == (try Self.decode(Self.transformationInOrder)).events)
        // And one warning says which element is out of place, where, and what the XSD wants
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(warning.severity == .warning)
        #expect(
            warning.location.hasPrefix(
                "line 15 /EPCISDocument/EPCISBody/EventList/TransformationEvent[1]/sensorElementList"))
        #expect(warning.message.contains("<sensorElementList> must come before <ilmd> in TransformationEvent"))
    }

    @Test("sensorElementList after ilmd hashes as the same event in XSD order")
    func sensorElementListAfterILMDHash() throws {
        // Given the two orders, When both are hashed
        let inOrder = try Self.hashes(Self.transformationInOrder)
        let sensorLast = try Self.hashes(Self.transformationSensorLast)
        // Then the hash IDs agree
        #expect(sensorLast == inOrder)
        #expect(sensorLast.count == 1)
    }

    @Test("every part in reverse order is read into the same event, with only warnings")
    func reversedObjectEvent() throws {
        // Given an ObjectEvent written backwards, When it is decoded
        let reversed = try Self.decode(Self.objectReversed)
        let inOrder = try Self.decode(Self.objectInOrder)
        // Then it is the same event as in XSD order
        #expect(reversed.events == inOrder.events)
        // And every diagnostic is a warning, one for each kind of place the XSD fixes
        let diagnostics = Self.diagnostics(Self.objectReversed)
        #expect(diagnostics.allSatisfy { $0.severity == .warning }, "\(diagnostics)")
        let messages = diagnostics.map(\.message).joined(separator: "\n")
        for words in [
            "<eventTime> must come before", "must come before extension elements",
            "<epcClass> must come before <uom> in <quantityElement>",
            "<unset> must come before <set> in <persistentDisposition>",
            "<sensorMetadata> must come before <sensorReport>", "<id> must come before the extension elements",
        ] {
            #expect(messages.contains(words), "\(words)\n\(messages)")
        }
        #expect(Self.diagnostics(Self.objectInOrder).isEmpty)
    }

    @Test("every part in reverse order hashes as the event in XSD order")
    func reversedObjectEventHash() throws {
        #expect(try Self.hashes(Self.objectReversed) == (try Self.hashes(Self.objectInOrder)))
    }

    @Test("JSON-LD members in any order, the type of a business transaction last, hash as the XML in XSD order")
    func reversedJSONHash() throws {
        // Given the event in JSON-LD with every member reversed, When it is hashed
        let json = try JSONDocumentDecoder().decode(Data(Self.objectReversedJSON.utf8))
        // Then its hash is the XML event's in XSD order
        #expect(EventHasher.hashIDs(of: json) == (try Self.hashes(Self.objectInOrder)))
    }

    @Test("the writer puts fields read out of order back in XSD order")
    func writerKeepsSchemaOrder() throws {
        // Given the reversed event, read
        let reversed = try Self.decode(Self.objectReversed)
        // When it is written as XML and read again
        let written = XMLDocumentEncoder().encodeString(reversed)
        // Then the written document has nothing out of place
        #expect(Self.diagnostics(written).isEmpty, "\(Self.diagnostics(written))\n\(written)")
        #expect(try Self.decode(written).events == reversed.events)
    }

    @Test(
        "a standard element given twice is still refused, wherever it stands",
        arguments: [
            ("<action>ADD</action>", "<action> may appear only once"),
            (
                "<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass>"
                    + "<quantity>1</quantity><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass>"
                    + "</quantityElement></quantityList>",
                "<epcClass> may appear only once in <quantityElement>"
            ),
            (
                "<readPoint><id>urn:epc:id:sgln:4012345.00001.0</id><id>urn:epc:id:sgln:4012345.00001.1</id></readPoint>",
                "<id> may appear only once in <readPoint>"
            ),
            (
                "<sensorElementList><sensorElement><sensorMetadata/><sensorReport type=\"gs1:Temperature\"/>"
                    + "<sensorMetadata/></sensorElement></sensorElementList>",
                "<sensorMetadata> may appear only once"
            ),
        ])
    func repeatedElementRefused(part: String, words: String) throws {
        // Given an event with a standard element twice, one of them out of order
        let text = Self.document(
            """
                  <ObjectEvent>
                    \(part)
                    <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
                    <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                    <epcList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></epcList>
                    <action>ADD</action>
                  </ObjectEvent>
            """)
        // When it is decoded, Then it is refused and an error names the element
        let error = try #require(XMLDiagnosticsTests.errors(Data(text.utf8)))
        #expect(error.code == .invalid)
        #expect(
            error.diagnostics.contains { $0.severity == .error && $0.message.contains(words) },
            "\(error)")
    }
}
