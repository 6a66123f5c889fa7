import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SAX delegate behind ``XMLDocumentDecoder``: walks the document's structure (root, header, body, event
/// lists, query results), builds a small tree for one event at a time and hands the event on when it ends.
///
/// Used by one parse on one thread and never shared, so it needs no locking.
final class XMLSAXHandler: NSObject, XMLParserDelegate {
    private enum Capture {
        case event(path: String, line: Int)
        case header(path: String)
        case vocabularyList(path: String)
        case headerExtension
        case queryName, subscriptionID, skip
    }

    var document = EPCISDocument()
    var reader = XMLEventReader(isVersion1: false, prefixes: [:])
    /// Kept events, when the caller wants them (``XMLDocumentDecoder/decode(_:)``).
    var keepEvents = true
    var locations: [EventLocation] = []
    /// Called for each event without errors, when streaming.
    var onEvent: ((EPCISEvent, EventLocation) throws -> Void)?
    var callbackError: (any Error)?
    var malformed: Diagnostic?
    var unsupported: Diagnostic?

    private var structure: [String] = []
    private var pathParts: [String] = []
    private var siblingCounts: [[String: Int]] = [[:]]
    private var scopes: [[String: String]] = [["xml": "http://www.w3.org/XML/1998/namespace"]]
    private var pendingMappings: [String: String] = [:]
    private var declaredPrefixes: Set<String> = []
    private var nodes: [XMLNode] = []
    private var capture: Capture?
    private var skipDepth = 0
    private var isMasterDataDocument = false
    private var sawBody = false
    /// Where the `QueryResults` being read started, and whether it had its required `queryName`.
    private var queryResults: (line: Int, path: String)?
    private var sawQueryName = false

    func parserDidStartDocument(_ parser: XMLParser) {}

    func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
        pendingMappings[prefix] = namespaceURI
        guard !prefix.isEmpty, !declaredPrefixes.contains(prefix) else { return }
        declaredPrefixes.insert(prefix)
        reader.prefixes[prefix] = namespaceURI
        if !XMLNames.standardNamespaces.contains(namespaceURI) {
            document.namespaces.append(NamespaceDeclaration(prefix: prefix, namespace: namespaceURI))
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        var scope = scopes.last ?? [:]
        for (prefix, uri) in pendingMappings { scope[prefix] = uri }
        pendingMappings = [:]
        scopes.append(scope)
        let namespace = namespaceURI ?? ""
        let prefix = qName?.colonSplit?.prefix
        var node = XMLNode(
            namespace: namespace, localName: elementName, prefix: prefix,
            attributes: Self.attributes(attributeDict, scope: scope), line: parser.lineNumber)
        let count = (siblingCounts[siblingCounts.count - 1][elementName] ?? 0) + 1
        siblingCounts[siblingCounts.count - 1][elementName] = count
        siblingCounts.append([:])

        if skipDepth > 0 || capture != nil {
            if skipDepth > 0 {
                skipDepth += 1
                return
            }
            if XMLNames.epcisNamespaces.contains(namespace) {
                node.namespace = ""
                node.qualifiedStandard = true
            }
            nodes.append(node)
            return
        }
        startStructural(node, count: count, parser: parser)
    }

    private func startStructural(_ node: XMLNode, count: Int, parser: XMLParser) {
        let name = node.localName
        let isEPCIS = node.namespace.isEmpty || XMLNames.epcisNamespaces.contains(node.namespace)
        let parent = structure.last
        let path = "/" + (pathParts + [name]).joined(separator: "/")
        func begin(_ newCapture: Capture, part: String) {
            var node = node
            if XMLNames.epcisNamespaces.contains(node.namespace) {
                node.namespace = ""
                node.qualifiedStandard = parent != nil && node.localName != "QueryResults"
            }
            capture = newCapture
            nodes = [node]
            pathParts.append(part)
        }
        func enter() {
            structure.append(name)
            pathParts.append(name == "extension" ? "extension[\(count)]" : name)
        }
        func skip() {
            reader.diagnostics.append(
                Diagnostic(
                    .warning, at: "line \(node.line) \(path)",
                    "<\(name)> is allowed here but has no place in the model; it is not kept"))
            skipDepth = 1
        }
        func refuse(_ message: String) {
            reader.diagnostics.append(Diagnostic(at: "line \(node.line) \(path)", message))
            skipDepth = 1
        }
        switch parent {
        case nil:
            readRoot(node, isEPCIS: isEPCIS)
            if EventType(rawValue: name) != nil && isEPCIS {
                begin(.event(path: "/\(name)", line: node.line), part: name)
            } else if unsupported == nil {
                enter()
            } else {
                parser.abortParsing()
            }
        case "EPCISDocument", "EPCISQueryDocument", "EPCISMasterDataDocument":
            if name == "EPCISHeader" && isEPCIS {
                begin(.header(path: path), part: name)
            } else if name == "EPCISBody" && isEPCIS {
                sawBody = true
                enter()
            } else if !isEPCIS {
                begin(.headerExtension, part: name)
            } else if name == "extension" {
                skip()
            } else {
                refuse("<\(name)> is not allowed in <\(parent ?? "")>")
            }
        case "EPCISBody":
            if name == "EventList" && isEPCIS && document.kind == .document && !isMasterDataDocument {
                enter()
            } else if name == "VocabularyList" && isEPCIS && isMasterDataDocument {
                begin(.vocabularyList(path: path), part: name)
            } else if name == "QueryResults" && isEPCIS && document.kind == .queryDocument {
                // The query XSD refers to epcisq:QueryResults, but openepcis and the reference implementation's
                // own examples leave it unqualified: the results are unambiguous, so they are read.
                if node.namespace != XMLNames.query2 && node.namespace != XMLNames.query1 {
                    let written = node.namespace.isEmpty ? "unqualified" : "in \(node.namespace)"
                    reader.diagnostics.append(
                        Diagnostic(
                            .warning, at: "line \(node.line) \(path)",
                            "<QueryResults> must be in the namespace \(XMLNames.query2) by "
                                + "EPCglobal-epcis-query-2_0.xsd, not \(written); read as the query results"))
                }
                queryResults = (node.line, path)
                sawQueryName = false
                enter()
            } else if !isEPCIS || name == "extension" {
                skip()
            } else {
                refuse("<\(name)> is not allowed in <EPCISBody>")
            }
        case "QueryResults":
            switch name {
            case "queryName":
                sawQueryName = true
                begin(.queryName, part: name)
            case "subscriptionID": begin(.subscriptionID, part: name)
            case "resultsBody": enter()
            default:
                if isEPCIS && name != "extension" {
                    refuse("<\(name)> is not allowed in <QueryResults>")
                } else {
                    skip()
                }
            }
        case "resultsBody":
            if name == "EventList" && isEPCIS { enter() } else { refuse("<\(name)> is not allowed in <resultsBody>") }
        default:  // EventList and its 1.2 extension wrappers
            if EventType(rawValue: name) != nil && isEPCIS {
                let part = "\(name)[\(count)]"
                begin(.event(path: "/" + (pathParts + [part]).joined(separator: "/"), line: node.line), part: part)
            } else if name == "extension" && isEPCIS {
                enter()
            } else if !node.namespace.isEmpty && !isEPCIS && parent == "extension" {
                skip()
            } else {
                refuse("<\(name)> is not an EPCIS event and not allowed in <\(parent ?? "")>")
            }
        }
    }

    private func readRoot(_ node: XMLNode, isEPCIS: Bool) {
        let name = node.localName
        let version = node.attribute("schemaVersion")
        switch (name, node.namespace) {
        case ("EPCISDocument", XMLNames.epcis2), ("EPCISDocument", XMLNames.epcis1):
            document.kind = .document
        case ("EPCISQueryDocument", XMLNames.query2), ("EPCISQueryDocument", XMLNames.query1):
            document.kind = .queryDocument
        case ("EPCISMasterDataDocument", XMLNames.masterData2), ("EPCISMasterDataDocument", XMLNames.masterData1):
            // Master data only: read into EPCISDocument.masterData, written back in an EPCISDocument header.
            isMasterDataDocument = true
        default:
            if EventType(rawValue: name) == nil || !isEPCIS {
                unsupported = Diagnostic(
                    at: "line \(node.line) /\(name)",
                    "<\(name)> in namespace '\(node.namespace)' is not an EPCIS document, query document or event")
                return
            }
        }
        let isVersion1 =
            node.namespace == XMLNames.epcis1 || node.namespace == XMLNames.query1
            || node.namespace == XMLNames.masterData1
            || (version?.hasPrefix("1.") ?? false)
        reader = XMLEventReader(isVersion1: isVersion1, prefixes: reader.prefixes)
        document.schemaVersion = version ?? (isVersion1 ? "1.2" : "2.0")
        if EventType(rawValue: name) == nil {
            // epcglobal:Document (EPCglobal.xsd): both attributes are required.
            if version == nil {
                reader.diagnostics.append(
                    Diagnostic(
                        at: "line \(node.line) /\(name)",
                        "<\(name)> is missing the required attribute schemaVersion"))
            } else if let version, Double(version) == nil || version.contains(where: { $0.isLetter }) {
                reader.diagnostics.append(
                    Diagnostic(
                        at: "line \(node.line) /\(name)",
                        "schemaVersion '\(version)' is not a decimal number"))
            }
            if node.attribute("creationDate") == nil {
                reader.diagnostics.append(
                    Diagnostic(
                        at: "line \(node.line) /\(name)",
                        "<\(name)> is missing the required attribute creationDate"))
            }
        }
        if let text = node.attribute("creationDate") {
            if let date = EPCISDateTime(text) {
                document.creationDate = date
            } else {
                reader.diagnostics.append(
                    Diagnostic(
                        at: "line \(node.line) /\(name)",
                        "creationDate '\(text)' is not a timestamp with a time zone"))
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipDepth == 0, !nodes.isEmpty else { return }
        nodes[nodes.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        scopes.removeLast()
        siblingCounts.removeLast()
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        guard let current = capture else {
            let ended = structure.removeLast()
            pathParts.removeLast()
            if ended == "QueryResults", let start = queryResults, !sawQueryName {
                // Left out by openepcis's query examples; the results are readable without it.
                reader.diagnostics.append(
                    Diagnostic(
                        .warning, at: "line \(start.line) \(start.path)",
                        "<QueryResults> is missing the required element <queryName> "
                            + "(EPCglobal-epcis-query-2_0.xsd); its results are read all the same"))
            }
            if structure.isEmpty && !sawBody {
                reader.diagnostics.append(
                    Diagnostic(
                        at: "line \(parser.lineNumber) /\(elementName)",
                        "<\(elementName)> is missing the required element <EPCISBody>"))
            }
            return
        }
        let node = nodes.removeLast()
        if !nodes.isEmpty {
            nodes[nodes.count - 1].children.append(node)
            return
        }
        capture = nil
        pathParts.removeLast()
        finish(node, current, parser: parser)
    }

    private func finish(_ node: XMLNode, _ capture: Capture, parser: XMLParser) {
        switch capture {
        case .event(let path, let line):
            guard let event = reader.read(node, path: path) else { return }
            let location = EventLocation(pointer: path, line: line)
            if keepEvents {
                document.events.append(event)
                locations.append(location)
            }
            guard let onEvent, callbackError == nil else { return }
            do {
                try onEvent(event, location)
            } catch {
                callbackError = error
                parser.abortParsing()
            }
        case .header(let path): reader.readHeader(node, path: path, into: &document)
        case .vocabularyList(let path): document.masterData += reader.vocabularies(node, path)
        case .headerExtension: document.headerExtensions.append(XMLExtensionReader.element(node))
        case .queryName: document.queryName = node.trimmedText
        case .subscriptionID: document.subscriptionID = node.trimmedText
        case .skip: break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard malformed == nil, callbackError == nil, unsupported == nil else { return }
        let nsError = parseError as NSError
        malformed = Diagnostic(
            at: "line \(parser.lineNumber) column \(parser.columnNumber)",
            "not well-formed XML (\(nsError.localizedDescription), code \(nsError.code))")
    }

    /// Resolves attribute names (`prefix:local`) against the namespaces in scope; drops `xmlns` declarations.
    private static func attributes(_ dict: [String: String], scope: [String: String]) -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        for (name, value) in dict where name != "xmlns" && !name.hasPrefix("xmlns:") {
            if let (prefix, local) = name.colonSplit {
                result.append(
                    XMLAttribute(namespace: scope[prefix] ?? prefix, localName: local, prefix: prefix, value: value))
            } else {
                result.append(XMLAttribute(namespace: "", localName: name, prefix: nil, value: value))
            }
        }
        return result.sorted { ($0.prefix ?? "", $0.localName) < ($1.prefix ?? "", $1.localName) }
    }
}
