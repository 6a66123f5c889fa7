import EPCIS
import Foundation
import Testing

@Suite struct XMLDiagnosticsTests {
    static func document(_ events: String, namespaces: String = "") -> Data {
        Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" \(namespaces) schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody>
                <EventList>
            \(events)
                </EventList>
              </EPCISBody>
            </epcis:EPCISDocument>
            """.utf8)
    }

    static func errors(_ data: Data) -> EPCISDocumentError? {
        do throws(EPCISDocumentError) {
            _ = try XMLDocumentDecoder().decode(data)
            return nil
        } catch {
            return error
        }
    }

    @Test("several problems in several events are all reported in one pass, each with its line")
    func allProblemsReported() throws {
        // Given two events with five problems between them
        let data = Self.document(
            """
                  <ObjectEvent>
                    <eventTime>2024-13-01T00:00:00Z</eventTime>
                    <eventTimeZoneOffset>+1:00</eventTimeZoneOffset>
                    <action>CREATE</action>
                    <bizStep>flying</bizStep>
                  </ObjectEvent>
                  <AggregationEvent>
                    <eventTime>2024-01-01T00:00:00Z</eventTime>
                    <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                    <childQuantityList>
                      <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>ten</quantity></quantityElement>
                    </childQuantityList>
                    <action>ADD</action>
                  </AggregationEvent>
            """)
        // When it is decoded
        let error = try #require(Self.errors(data))
        // Then every problem is there, in document order, with the line it is on
        #expect(error.code == .invalid)
        let expected: [(line: Int, words: String)] = [
            (6, "is not a timestamp"), (7, "is not of the form"), (8, "must be ADD, OBSERVE or DELETE"),
            (9, "neither a CBV bizStep term"), (15, "is not a decimal number"), (17, "<action> must come before"),
        ]
        for (line, words) in expected {
            #expect(
                error.diagnostics.contains { $0.location.hasPrefix("line \(line) ") && $0.message.contains(words) },
                "line \(line): \(words)\n\(error)")
        }
    }

    @Test("missing required elements and extension elements in the EPCIS namespace are reported")
    func missingAndMisplaced() throws {
        // Given a TransactionEvent without bizTransactionList or action, with an extension in the EPCIS namespace
        let data = Self.document(
            """
                  <TransactionEvent>
                    <eventTime>2024-01-01T00:00:00Z</eventTime>
                    <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                    <epcis:myField>1</epcis:myField>
                  </TransactionEvent>
            """)
        // When it is decoded
        let error = try #require(Self.errors(data))
        // Then each is named
        let messages = error.diagnostics.map(\.message).joined(separator: "\n")
        #expect(messages.contains("missing the required element <bizTransactionList>"))
        #expect(messages.contains("missing the required element <action>"))
        #expect(messages.contains("<myField>"))
    }

    @Test("XML that is not well-formed is refused as malformed with the parser's line and column")
    func malformedXML() throws {
        // Given a document whose tags do not match on line 3
        let data = Data(
            "<?xml version=\"1.0\"?>\n<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\">\n<EPCISBody></EventList>\n"
                .utf8)
        // When it is decoded
        let error = try #require(Self.errors(data))
        // Then it is malformed, located on line 3
        #expect(error.code == .malformed)
        #expect(error.diagnostics.first?.location.hasPrefix("line 3 column") == true, "\(error)")
    }

    @Test("a root that is not EPCIS is unsupported")
    func unsupportedRoot() throws {
        let error = try #require(Self.errors(Data("<html><body/></html>".utf8)))
        #expect(error.code == .unsupported)
    }

    @Test("decodeLocated gives each event's element path and start line")
    func locations() throws {
        // Given a document with an ObjectEvent and two AggregationEvents
        let event = """
                  <AggregationEvent>
                    <eventTime>2024-01-01T00:00:00Z</eventTime>
                    <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                    <action>OBSERVE</action>
                  </AggregationEvent>
            """
        let object = event.replacingOccurrences(of: "AggregationEvent", with: "ObjectEvent")
        let data = Self.document(object + "\n" + event + "\n" + event)
        // When it is decoded with locations
        let (document, locations) = try XMLDocumentDecoder().decodeLocated(data)
        // Then each event has its XPath-like pointer and its line
        #expect(document.events.count == 3)
        #expect(
            locations.map(\.pointer) == [
                "/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]",
                "/EPCISDocument/EPCISBody/EventList/AggregationEvent[1]",
                "/EPCISDocument/EPCISBody/EventList/AggregationEvent[2]",
            ])
        #expect(locations.map(\.line) == [5, 10, 15])
    }

    @Test("forEachEvent hands over events one at a time and returns the document without them")
    func streaming() throws {
        // Given a conformance document with 14 events
        let data = try Conformance.data("gs1-EPCIS/XML/WithSensorData/SensorDataExamples.xml")
        // When it is streamed
        var seen: [EPCISEvent] = []
        let document = try XMLDocumentDecoder().forEachEvent(in: data) { event, location in
            #expect(location.line != nil)
            seen.append(event)
        }
        // Then every event was seen, in order, and none kept
        #expect(seen == (try XMLDocumentDecoder().decode(data)).events)
        #expect(seen.count == 14)
        #expect(document.events.isEmpty)
    }

    @Test("an error thrown by the streaming body stops reading and is rethrown")
    func streamingStops() throws {
        struct Stop: Error {}
        let data = try Conformance.data("gs1-EPCIS/XML/WithSensorData/SensorDataExamples.xml")
        var count = 0
        #expect(throws: Stop.self) {
            _ = try XMLDocumentDecoder().forEachEvent(in: data) { _, _ in
                count += 1
                if count == 2 { throw Stop() }
            }
        }
        #expect(count == 2)
    }
}

@Suite struct XMLWarningTests {
    @Test("documents the decoder accepts although they are not XSD-valid carry warnings that say why")
    func warningsForAcceptedDeviations() throws {
        // Given an openepcis document whose standard elements are in the EPCIS namespace
        let data = try Conformance.data(
            "openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/Namespace_document.xml")
        // When it is checked
        let diagnostics = XMLDocumentDecoder().diagnostics(for: data)
        // Then it decodes, and the warning names the deviation and its line
        #expect(throws: Never.self) { try XMLDocumentDecoder().decode(data) }
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.location.hasPrefix("line ") })
        #expect(diagnostics.contains { $0.message.contains("unqualified") })
    }

    @Test("content the XSD allows but the model has no place for is named in a warning, not dropped silently")
    func notKeptIsWarned() {
        // Given master data with a user element beside the attributes of a vocabulary element
        let data = Data(
            """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="urn:example"
                schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISHeader><extension><EPCISMasterData><VocabularyList>
                <Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
                  <VocabularyElement id="urn:epc:id:sgln:4012345.00001.0"><ex:note>x</ex:note></VocabularyElement>
                </VocabularyElementList></Vocabulary>
              </VocabularyList></EPCISMasterData></extension></EPCISHeader>
              <EPCISBody><EventList/></EPCISBody>
            </epcis:EPCISDocument>
            """.utf8)
        // When it is checked
        let diagnostics = XMLDocumentDecoder().diagnostics(for: data)
        // Then one warning on line 5 says the element is not kept
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location.hasPrefix("line 5 ") == true)
        #expect(diagnostics.first?.message.contains("not kept") == true)
    }

    @Test("a clean document has no diagnostics at all")
    func cleanDocument() throws {
        let data = try Conformance.data("gs1-EPCIS/XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml")
        #expect(XMLDocumentDecoder().diagnostics(for: data).isEmpty)
    }

    /// The query renderings that put `QueryResults` in no namespace (and leave out queryName) fail the XSD
    /// (inventory) and are read with warnings; the one without a creationDate is refused; the two that pass the
    /// XSD decode with no diagnostic.
    @Test(
        "query documents are read, with a warning for each departure from the query XSD",
        arguments: [
            ("openepcis-test-resources/2.0/EPCIS/XML/Query/Combination_of_different_event.xml", nil),
            (
                "openepcis-test-resources/2.0/EPCIS/XML/Query/JumbledFieldsOrder.xml",
                [
                    "<QueryResults> must be in the namespace", "missing the required element <queryName>",
                    "must come before",
                ]
            ),
            (
                "openepcis-test-resources/2.0/EPCIS/XML/Query/TransactionEvent_with_userExtensions.xml",
                ["<QueryResults> must be in the namespace", "missing the required element <queryName>"]
            ),
            ("openepcis-test-resources/2.0/EPCIS/XML/Query/QueryDocumentWithMultipleEvents.xml", []),
            ("openepcis-test-resources/2.0/EPCIS/XML/Query/queryDocument.xml", []),
        ] as [(String, [String]?)])
    func queryDocuments(path: String, warnings: [String]?) throws {
        // Given a query document, When it is decoded
        let result = try? XMLFixtures.decode(path)
        let diagnostics = XMLDocumentDecoder().diagnostics(for: try Conformance.data(path))
        // Then it is refused, or read as a query document with exactly the expected warnings
        guard let warnings else {
            #expect(result == nil)
            return
        }
        let document = try #require(result)
        #expect(document.kind == .queryDocument)
        #expect(!document.events.isEmpty)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics.allSatisfy { diagnostic in warnings.contains { diagnostic.message.contains($0) } },
            "\(diagnostics)")
        for words in warnings {
            #expect(diagnostics.contains { $0.message.contains(words) }, "\(words): \(diagnostics)")
        }
    }
}

@Suite struct XMLLargeDocumentTests {
    @Test("a well-formed document over 10 MB is read (libxml2's look-up limit applies to one chunk)")
    func largeDocument() throws {
        // Given a valid document padded past 10 MB with comments
        let comment = "<!--" + String(repeating: "x", count: 1000) + "-->\n"
        let padding = String(repeating: comment, count: 11_000)
        let event = """
            <ObjectEvent><eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <epcList/><action>OBSERVE</action></ObjectEvent>
            """
        let data = XMLDiagnosticsTests.document(padding + event + "\n" + event)
        #expect(data.count > 11_000_000)
        // When it is streamed, Then both events arrive
        var count = 0
        _ = try XMLDocumentDecoder().forEachEvent(in: data) { _, _ in count += 1 }
        #expect(count == 2)
    }
}
