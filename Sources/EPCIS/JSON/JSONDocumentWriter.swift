import Foundation

/// One encoding pass: the byte writer, the prefixes in force and the identifier form.
struct JSONDocumentWriter {
    var out: JSONWriter
    let encoder: JSONDocumentEncoder
    /// Prefixes the output declares (the document's, then any made up for undeclared namespaces), in order.
    private(set) var declarations: [NamespaceDeclaration]
    private(set) var context: JSONLDContext

    init(encoder: JSONDocumentEncoder, document: EPCISDocument) {
        self.encoder = encoder
        out = JSONWriter(pretty: encoder.prettyPrinted)
        var declarations = document.namespaces
        var context = JSONLDContext(declarations: declarations)
        var used: [String: String?] = [:]
        var order: [String] = []
        func collect(_ elements: [ExtensionElement]) {
            for element in elements {
                let namespace = element.name.namespace
                if !namespace.isEmpty, used[namespace] == nil {
                    used[namespace] = .some(element.name.prefix)
                    order.append(namespace)
                }
                collectValue(element.value)
            }
        }
        func collectValue(_ value: ExtensionValue) {
            switch value {
            case .object(let members): collect(members)
            case .array(let items): items.forEach(collectValue)
            default: break
            }
        }
        collect(document.headerExtensions)
        for vocabulary in document.masterData {
            for element in vocabulary.elements { element.attributes.forEach { collectValue($0.value) } }
        }
        for event in document.events {
            collect(event.extensions)
            collect(event.ilmd ?? [])
            collect(event.readPoint?.extensions ?? [])
            collect(event.bizLocation?.extensions ?? [])
            collect(event.errorDeclaration?.extensions ?? [])
            for sensor in event.sensorElementList {
                collect(sensor.extensions)
                collect(sensor.metadata?.extensions ?? [])
                sensor.reports.forEach { collect($0.extensions) }
            }
        }
        // Namespaces the extensions use but nobody declared (e.g. read from XML) get a prefix: the one they were
        // read with when it is free, otherwise ns1, ns2, …
        var counter = 0
        for namespace in order where !Self.isDeclared(namespace, in: context) {
            var prefix = used[namespace].flatMap { $0 } ?? ""
            while prefix.isEmpty || context.prefixes[prefix] != nil {
                counter += 1
                prefix = "ns\(counter)"
            }
            let declaration = NamespaceDeclaration(prefix: prefix, namespace: namespace)
            declarations.append(declaration)
            context.declare(declaration)
        }
        self.declarations = declarations
        self.context = context
    }

    private static func isDeclared(_ namespace: String, in context: JSONLDContext) -> Bool {
        context.spelling(of: QualifiedName(namespace: namespace, localName: "x")) != namespace + "x"
    }

    // MARK: Document

    mutating func writeContext(_ document: EPCISDocument) {
        out.key("@context")
        out.beginArray()
        out.string(JSONLDContext.writtenContextURL)
        for declaration in declarations {
            out.beginObject()
            out.member(declaration.prefix, declaration.namespace)
            out.endObject()
        }
        for url in document.extraContextURLs { out.string(url) }
        out.endArray()
    }

    mutating func writeDocument(_ document: EPCISDocument) {
        let query = document.kind == .queryDocument
        out.beginObject()
        writeContext(document)
        if let id = document.documentID { out.member("id", id) }
        out.member("type", document.kind.rawValue)
        out.member("schemaVersion", document.schemaVersion)
        if let creationDate = document.creationDate {
            out.member("creationDate", creationDate.text)
        } else if !query {
            out.member("creationDate", EPCISDateTime(Date()).text)
        }
        if query {
            // An EPCISQueryDocument has no epcisHeader: header extensions stay at the top level.
            writeExtensions(document.headerExtensions)
        } else {
            if let sender = document.sender { out.member("sender", sender) }
            if let receiver = document.receiver { out.member("receiver", receiver) }
            if let instanceIdentifier = document.instanceIdentifier {
                out.member("instanceIdentifier", instanceIdentifier)
            }
            if !document.masterData.isEmpty || !document.headerExtensions.isEmpty {
                out.key("epcisHeader")
                out.beginObject()
                if !document.masterData.isEmpty {
                    out.key("epcisMasterData")
                    out.beginObject()
                    writeVocabularyList(document.masterData)
                    out.endObject()
                }
                writeExtensions(document.headerExtensions)
                out.endObject()
            }
        }
        out.key("epcisBody")
        out.beginObject()
        if query {
            out.key("queryResults")
            out.beginObject()
            out.member("queryName", document.queryName ?? "SimpleEventQuery")
            if let subscriptionID = document.subscriptionID { out.member("subscriptionID", subscriptionID) }
            out.key("resultsBody")
            out.beginObject()
            writeEventList(document.events)
            if !document.masterData.isEmpty { writeVocabularyList(document.masterData) }
            out.endObject()
            out.endObject()
        } else {
            writeEventList(document.events)
        }
        out.endObject()
        out.endObject()
    }

    private mutating func writeEventList(_ events: [EPCISEvent]) {
        out.key("eventList")
        out.beginArray()
        for event in events {
            out.beginObject()
            writeEventMembers(event)
            out.endObject()
        }
        out.endArray()
    }

    private mutating func writeVocabularyList(_ vocabularies: [Vocabulary]) {
        out.key("vocabularyList")
        out.beginArray()
        for vocabulary in vocabularies {
            out.beginObject()
            out.member("type", vocabulary.type)
            out.key("vocabularyElementList")
            out.beginArray()
            for element in vocabulary.elements {
                out.beginObject()
                out.member("id", element.id)
                if !element.attributes.isEmpty {
                    out.key("attributes")
                    out.beginArray()
                    for attribute in element.attributes {
                        out.beginObject()
                        out.member("id", attribute.id)
                        out.key("attribute")
                        writeValue(attribute.value)
                        out.endObject()
                    }
                    out.endArray()
                }
                if !element.children.isEmpty {
                    out.key("children")
                    out.beginArray()
                    element.children.forEach { out.string($0) }
                    out.endArray()
                }
                out.endObject()
            }
            out.endArray()
            out.endObject()
        }
        out.endArray()
    }

    // MARK: Extensions

    mutating func writeExtensions(_ elements: [ExtensionElement]) {
        for element in elements {
            out.key(context.spelling(of: element.name))
            writeValue(element.value)
        }
    }

    mutating func writeValue(_ value: ExtensionValue) {
        switch value {
        case .string(let s): out.string(s)
        case .number(let n):
            if Self.isJSONNumber(n) { out.rawNumber(n) } else { out.string(n) }
        case .bool(let b): out.bool(b)
        case .null: out.null()
        case .array(let items):
            out.beginArray()
            items.forEach { writeValue($0) }
            out.endArray()
        case .object(let members):
            out.beginObject()
            writeExtensions(members)
            out.endObject()
        }
    }

    /// Whether `text` is a number in JSON's grammar (a lexical form kept from XML may not be).
    static func isJSONNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            guard (try? reader.readNumber()) != nil else { return false }
            return (try? reader.expectEnd()) != nil
        }
    }

    /// The identifier in the asked form.
    func identifier(_ uri: IdentifierURI) -> String {
        encoder.epcFormat == .asCaptured ? uri.text : uri.formatted(encoder.epcFormat, prefixLengths: encoder.prefixLengths)
    }
}
