import EPCIS
import Foundation
import Testing

@Suite struct JSONExtensionTests {
    private func decode(_ text: String) throws -> EPCISDocument {
        try JSONDocumentDecoder().decode(JSONTestDocuments.data(text))
    }

    @Test("nested extension objects and arrays keep their structure, names and lexical numbers")
    func nested() throws {
        // Given an event with a nested extension
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"action\"",
            with: #""ex:batch": {"ex:temps": [1.50, 2e3, {"ex:deep": true}], "ex:note": null}, "action""#))
        // When it is decoded
        let event = try #require(try decode(text).events.first)
        // Then the extension is a tree of qualified names with numbers as written
        let ns = "http://ns.example.com/epcis/"
        let expected = ExtensionElement(
            name: QualifiedName(namespace: ns, localName: "batch", prefix: "ex"),
            value: .object([
                ExtensionElement(
                    name: QualifiedName(namespace: ns, localName: "temps"),
                    value: .array([.number("1.50"), .number("2e3"),
                        .object([ExtensionElement(name: QualifiedName(namespace: ns, localName: "deep"), value: .bool(true))])])),
                ExtensionElement(name: QualifiedName(namespace: ns, localName: "note"), value: .null),
            ]))
        #expect(event.extensions == [expected])
        // And it is written back the same way
        let written = String(decoding: JSONDocumentEncoder().encode(try decode(text)), as: UTF8.self)
        #expect(written.contains(#""ex:batch":{"ex:temps":[1.50,2e3,{"ex:deep":true}],"ex:note":null}"#), "\(written)")
    }

    @Test("a full IRI as a property name is split into namespace and local name")
    func fullIRI() throws {
        // Given an extension named by a full IRI in the declared namespace, and one in an undeclared namespace
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"action\"",
            with: #""http://ns.example.com/epcis/size": "L", "https://other.example.org/voc#colour": "red", "action""#))
        // When it is decoded and written
        let document = try decode(text)
        let event = try #require(document.events.first)
        // Then the names are qualified, the declared one with its prefix
        #expect(event.extensions[0].name == QualifiedName(namespace: "http://ns.example.com/epcis/", localName: "size"))
        #expect(event.extensions[0].name.prefix == "ex")
        #expect(event.extensions[1].name == QualifiedName(namespace: "https://other.example.org/voc#", localName: "colour"))
        let written = String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self)
        #expect(written.contains(#""ex:size":"L""#))
        #expect(written.contains(#"{"ns1":"https://other.example.org/voc#"}"#), "\(written)")
        #expect(try decode(written).events == document.events)
    }

    @Test("an undeclared prefix is reported where it is used, also deep inside an extension")
    func undeclaredPrefix() throws {
        // Given extensions with prefixes nobody declared
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"action\"", with: #""nope:x": {"ex:y": {"nada:z": 1}}, "action""#))
        // When it is decoded
        let error = try #require(JSONTestDocuments.refusal(text))
        // Then both uses are reported
        #expect(error.diagnostics.map(\.location).sorted() == [
            "/epcisBody/eventList/0/nope:x", "/epcisBody/eventList/0/nope:x/ex:y/nada:z",
        ])
        #expect(error.diagnostics.allSatisfy { $0.message.contains("is not declared") })
    }

    @Test("an @context inside an event declares prefixes for that event, even after their use")
    func eventContext() throws {
        // Given an event that uses a prefix and declares it at its end
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"action\"",
            with: #""late:x": "1", "ilmd": {"late:lot": "A"}, "@context": {"late": "urn:example:late:"}, "action""#))
        // When it is decoded
        let document = try decode(text)
        let event = try #require(document.events.first)
        // Then the names are resolved and the prefix is kept for the writer
        #expect(event.extensions.first?.name == QualifiedName(namespace: "urn:example:late:", localName: "x"))
        #expect(event.ilmd?.first?.name == QualifiedName(namespace: "urn:example:late:", localName: "lot"))
        #expect(document.namespaces.contains(NamespaceDeclaration(prefix: "late", namespace: "urn:example:late:")))
        #expect(try decode(String(decoding: JSONDocumentEncoder().encode(document), as: UTF8.self)) == document)
    }

    @Test("prefixes the standard context predefines need no declaration")
    func predefinedPrefixes() throws {
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"action\"", with: #""ilmd": {"cbvmda:lotNumber": "L1"}, "action": "ADD", "x""#)
            .replacingOccurrences(of: #""x": "OBSERVE","#, with: ""))
        let event = try #require(try decode(text).events.first)
        #expect(event.ilmd?.first?.name == QualifiedName(namespace: "urn:epcglobal:cbv:mda:", localName: "lotNumber"))
    }
}
