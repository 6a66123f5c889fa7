import EPCIS
import Foundation
import Testing

/// Small documents written for these tests, in XML and JSON-LD, hashed by us and by GS1's reference implementation
/// at test time: the expected hash IDs are the reference's, never copied into the repository.
@Suite(.enabled(if: EventHashOracle.isAvailable))
struct EventHashOracleDocumentTests {
    /// A document, its syntax, and what it shows.
    struct Sample: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let format: EPCISDocumentFormat

        var testDescription: String { name }
        var fileExtension: String { format == .xml ? "xml" : "jsonld" }
    }

    /// Elements out of XSD order (item 10 of issue 14): the hash is over a canonical order.
    static let fieldOrder: [Sample] = [
        Sample(
            name: "XML sensorElementList after ilmd", text: XMLFieldOrderTests.transformationSensorLast, format: .xml),
        Sample(name: "XML every part in reverse order", text: XMLFieldOrderTests.objectReversed, format: .xml),
    ]

    /// Sparse events, each with only what its type requires, in XML (fields out of XSD order) and JSON-LD.
    static let sparse: [Sample] = [
        Sample(
            name: "XML sparse events out of order",
            text: XMLFieldOrderTests.document(
                """
                      <ObjectEvent><epcList/><action>OBSERVE</action><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                        <eventTime>2024-01-01T00:00:00Z</eventTime></ObjectEvent>
                      <AggregationEvent><action>OBSERVE</action>
                        <childEPCs><epc>urn:epc:id:sgtin:4012345.011111.2</epc></childEPCs>
                        <eventTimeZoneOffset>-05:00</eventTimeZoneOffset><eventTime>2024-01-01T00:00:00-05:00</eventTime>
                      </AggregationEvent>
                      <TransformationEvent><outputEPCList><epc>urn:epc:id:sgtin:4012345.011111.3</epc></outputEPCList>
                        <transformationID>urn:uuid:11111111-2222-4333-8444-555555555555</transformationID>
                        <eventTimeZoneOffset>+08:00</eventTimeZoneOffset><eventTime>2024-01-01T08:00:00.5+08:00</eventTime>
                      </TransformationEvent>
                """), format: .xml),
        Sample(
            name: "JSON sparse events",
            text: JSONTestDocuments.document(
                """
                {"type": "ObjectEvent", "epcList": [], "action": "OBSERVE", "eventTimeZoneOffset": "+00:00",
                 "eventTime": "2024-01-01T00:00:00Z"},
                {"action": "OBSERVE", "childEPCs": ["urn:epc:id:sgtin:4012345.011111.2"], "type": "AggregationEvent",
                 "eventTime": "2024-01-01T00:00:00-05:00", "eventTimeZoneOffset": "-05:00"},
                {"outputEPCList": ["urn:epc:id:sgtin:4012345.011111.3"], "type": "TransformationEvent",
                 "transformationID": "urn:uuid:11111111-2222-4333-8444-555555555555",
                 "eventTimeZoneOffset": "+08:00", "eventTime": "2024-01-01T08:00:00.5+08:00"}
                """), format: .json),
    ]

    /// persistentDisposition on AggregationEvent, TransactionEvent and AssociationEvent, in both syntaxes.
    static let persistentDisposition: [Sample] = PersistentDispositionTests.twins.flatMap { twin in
        [
            Sample(name: "JSON \(twin.type)", text: PersistentDispositionTests.jsonDocument(twin), format: .json),
            Sample(name: "XML \(twin.type)", text: PersistentDispositionTests.xmlDocument(twin), format: .xml),
        ]
    }

    /// ILMD in the CBV master-data namespace, declared with and without the trailing colon (item 11a).
    static let masterDataNamespace: [Sample] = [
        Sample(name: "JSON cbvmda declared as the ratified context does", text: EventHashMasterDataTests.jsonDeclared,
            format: .json),
        Sample(name: "XML cbvmda with the colon", text: EventHashMasterDataTests.xmlWithColon, format: .xml),
        Sample(name: "XML cbvmda without the colon", text: EventHashMasterDataTests.xmlWithoutColon, format: .xml),
    ]

    /// User extensions that repeat an element name inside a list, and user lists (item 11b).
    static let extensionLists: [Sample] = [
        Sample(name: "XML user lists", text: EventHashExtensionListTests.xmlLists, format: .xml),
        Sample(name: "JSON user lists", text: EventHashExtensionListTests.jsonLists, format: .json),
        Sample(name: "XML list of repeated items", text: EventHashExtensionListTests.xmlItemList, format: .xml),
        Sample(name: "JSON array under a …List name", text: EventHashExtensionListTests.jsonItemList, format: .json),
    ]

    static func ours(
        _ sample: Sample, keepsUndeclaredStandardPrefixes: Bool = false
    ) throws -> (hashes: [String], preHashes: [String]) {
        let document =
            sample.format == .xml
            ? try XMLDocumentDecoder().decode(Data(sample.text.utf8))
            : try JSONDocumentDecoder().decode(Data(sample.text.utf8))
        var hasher = EventHasher(for: document, format: sample.format)
        hasher.keepsUndeclaredStandardPrefixes = keepsUndeclaredStandardPrefixes
        return (document.events.map(hasher.hashID(for:)), document.events.map(hasher.preHashString(for:)))
    }

    static func compare(_ sample: Sample) async throws {
        // When we and the reference hash it
        let reference = try await EventHashOracle.run(document: sample.text, fileExtension: sample.fileExtension)
        let ours = try ours(sample)
        // Then the pre-hash strings and hash IDs are the reference's
        #expect(!reference.hashes.isEmpty, "the reference read no event of \(sample.name)")
        #expect(ours.preHashes == reference.preHashes)
        #expect(ours.hashes == reference.hashes)
    }

    @Test("query results with an unqualified QueryResults hash as the reference hashes the same events")
    func queryResultsMatchReference() async throws {
        // Given a query document with QueryResults outside the query namespace (the PyPI release reads only
        // capture documents, so the reference hashes the same event in one)
        let query = Sample(name: "XML query document", text: XMLQueryDocumentTests.unqualified, format: .xml)
        // When we hash the query document and the reference the capture document
        let reference = try await EventHashOracle.run(document: XMLQueryDocumentTests.captureDocument, fileExtension: "xml")
        let ours = try Self.ours(query)
        // Then they agree
        #expect(ours.hashes.count == 1)
        #expect(ours.preHashes == reference.preHashes)
        #expect(ours.hashes == reference.hashes)
    }

    @Test("JSON-LD members in any order hash as the reference hashes the same event in XSD order")
    func jsonMemberOrder() async throws {
        // Given the event in JSON-LD with every member reversed (business transactions, sources and destinations
        // too, whose member order the reference hashes as written), and in XML in XSD order
        let json = Sample(name: "JSON reversed", text: XMLFieldOrderTests.objectReversedJSON, format: .json)
        // When we hash the JSON and the reference the XML
        let reference = try await EventHashOracle.run(document: XMLFieldOrderTests.objectInOrder, fileExtension: "xml")
        // Then they agree
        #expect(try Self.ours(json).hashes == reference.hashes)
    }

    @Test("sparse events hash as the reference hashes them, and alike in XML and JSON-LD", arguments: sparse)
    func sparseMatchesReference(_ sample: Sample) async throws {
        // Given a document of sparse events written by hand
        try await Self.compare(sample)
        // And the other syntax's rendering has the same hashes
        let twins = try Self.sparse.map { try Self.ours($0).hashes }
        #expect(twins[0] == twins[1])
    }

    @Test("documents with elements out of XSD order hash as the reference hashes them", arguments: fieldOrder)
    func fieldOrderMatchesReference(_ sample: Sample) async throws {
        // Given a document written by hand
        try await Self.compare(sample)
    }

    @Test(
        "persistentDisposition on every event type hashes as the reference hashes it",
        arguments: persistentDisposition)
    func persistentDispositionMatchesReference(_ sample: Sample) async throws {
        // Given a document written by hand
        try await Self.compare(sample)
    }

    @Test("ILMD in the cbvmda namespace hashes as the reference hashes it", arguments: masterDataNamespace)
    func masterDataNamespaceMatchesReference(_ sample: Sample) async throws {
        // Given a document written by hand
        try await Self.compare(sample)
    }

    @Test("an undeclared cbvmda prefix hashes as the reference hashes it in compatibility mode only")
    func undeclaredMasterDataPrefix() async throws {
        // Given JSON that relies on the standard context for cbvmda, which the reference does not read
        let sample = Sample(
            name: "JSON cbvmda from the standard context", text: EventHashMasterDataTests.jsonStandardContext,
            format: .json)
        let reference = try await EventHashOracle.run(document: sample.text, fileExtension: sample.fileExtension)
        // When we hash it in compatibility mode, Then we agree with the reference
        let compatible = try Self.ours(sample, keepsUndeclaredStandardPrefixes: true)
        #expect(compatible.preHashes == reference.preHashes)
        #expect(compatible.hashes == reference.hashes)
        // And by default we hash it as the reference hashes the same document with the prefix written out
        let declared = try await EventHashOracle.run(document: EventHashMasterDataTests.jsonDeclared, fileExtension: "jsonld")
        #expect(try Self.ours(sample).hashes == declared.hashes)
    }

    @Test("user lists and repeated user elements hash as the reference hashes them", arguments: extensionLists)
    func extensionListsMatchReference(_ sample: Sample) async throws {
        // Given a document written by hand
        try await Self.compare(sample)
    }
}
