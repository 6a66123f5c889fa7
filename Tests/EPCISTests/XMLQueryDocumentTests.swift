import EPCIS
import Foundation
import Testing

/// EPCISQueryDocument in XML: `QueryResults` belongs to the query namespace (EPCglobal-epcis-query-2_0.xsd refers to
/// `epcisq:QueryResults`), but openepcis and the reference implementation's own examples write it unqualified.
@Suite struct XMLQueryDocumentTests {
    static let event = """
                <ObjectEvent>
                  <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
                  <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                  <epcList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></epcList>
                  <action>OBSERVE</action>
                  <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
                  <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id></readPoint>
                  <ex:note>dock 4</ex:note>
                </ObjectEvent>
        """

    /// A query document whose results element is written as openepcis writes it: unqualified, and with
    /// subscriptionID before queryName.
    static let unqualified = """
        <epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2" xmlns:ex="http://ns.example.com/epcis/"
            schemaVersion="2.0" creationDate="2024-03-02T11:00:00Z">
          <EPCISBody>
            <QueryResults>
              <subscriptionID>sub-7</subscriptionID>
              <queryName>SimpleEventQuery</queryName>
              <resultsBody>
                <EventList>
        \(event)
                </EventList>
              </resultsBody>
            </QueryResults>
          </EPCISBody>
        </epcisq:EPCISQueryDocument>
        """

    static let qualified = unqualified.replacingOccurrences(of: "QueryResults>", with: "epcisq:QueryResults>")

    /// The same event in a capture document.
    static let captureDocument = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="http://ns.example.com/epcis/"
            schemaVersion="2.0" creationDate="2024-03-02T11:00:00Z">
          <EPCISBody><EventList>
        \(event)
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    static func decode(_ text: String) throws -> EPCISDocument {
        try XMLDocumentDecoder().decode(Data(text.utf8))
    }

    @Test("QueryResults outside the query namespace is read as the query results, with a warning at its line")
    func unqualifiedQueryResults() throws {
        // Given a query document with an unqualified <QueryResults>, When it is decoded
        let document = try Self.decode(Self.unqualified)
        // Then its results are read
        #expect(document.kind == .queryDocument)
        #expect(document.queryName == "SimpleEventQuery")
        #expect(document.subscriptionID == "sub-7")
        #expect(document.events.count == 1)
        // And a warning names the place and the namespace the XSD wants
        let diagnostics = XMLDocumentDecoder().diagnostics(for: Data(Self.unqualified.utf8))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location == "line 4 /EPCISQueryDocument/EPCISBody/QueryResults")
        #expect(diagnostics.first?.message.contains("urn:epcglobal:epcis-query:xsd:2") == true)
    }

    @Test("query results read from an unqualified QueryResults are the qualified document's and hash alike")
    func sameEventsAndHashes() throws {
        // Given the two spellings and the same event in a capture document
        let unqualified = try Self.decode(Self.unqualified)
        let qualified = try Self.decode(Self.qualified)
        let capture = try Self.decode(Self.captureDocument)
        // Then the qualified one draws no diagnostic, and all three hold the same event and hash
        #expect(XMLDocumentDecoder().diagnostics(for: Data(Self.qualified.utf8)).isEmpty)
        #expect(unqualified.events == qualified.events)
        #expect(unqualified.events == capture.events)
        let hashes = EventHasher.hashIDs(of: unqualified, format: .xml)
        #expect(hashes == EventHasher.hashIDs(of: capture, format: .xml))
        #expect(hashes.count == 1)
    }

    @Test("QueryResults without the queryName the XSD requires is read, with a warning")
    func missingQueryName() throws {
        // Given query results without a queryName
        let text = Self.qualified.replacingOccurrences(of: "<queryName>SimpleEventQuery</queryName>", with: "")
        // When it is decoded, Then its events are read and a warning names the missing element
        let document = try Self.decode(text)
        #expect(document.events.count == 1)
        #expect(document.queryName == nil)
        let diagnostics = XMLDocumentDecoder().diagnostics(for: Data(text.utf8))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location.hasPrefix("line 4 /EPCISQueryDocument/EPCISBody/QueryResults") == true)
        #expect(diagnostics.first?.message.contains("missing the required element <queryName>") == true)
    }

    @Test("QueryResults in a user namespace is not taken for the query results")
    func foreignQueryResults() throws {
        // Given QueryResults in a namespace of its own
        let text = Self.unqualified.replacingOccurrences(
            of: "<QueryResults>", with: #"<other:QueryResults xmlns:other="urn:example:other">"#
        ).replacingOccurrences(of: "</QueryResults>", with: "</other:QueryResults>")
        // When it is decoded, Then no event is read from it, and a warning says it is not kept
        let document = try Self.decode(text)
        #expect(document.events.isEmpty)
        let diagnostics = XMLDocumentDecoder().diagnostics(for: Data(text.utf8))
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("not kept") }, "\(diagnostics)")
    }
}
