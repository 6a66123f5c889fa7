import Identifiers

/// The state of one encoding: the output, the namespaces declared so far, the options.
struct XMLEncodingContext {
    let options: XMLDocumentEncoder.Options
    var namespaces: XMLNamespaceTable
    var writer = XMLTextWriter(prettyPrinted: true)
    var usesSBDH = false

    init(options: XMLDocumentEncoder.Options, namespaces: XMLNamespaceTable) {
        self.options = options
        self.namespaces = namespaces
    }

    /// An identifier in the form the options ask for.
    func identifier(_ uri: IdentifierURI) -> String {
        uri.formatted(options.epcFormat, prefixLengths: options.prefixLengths)
    }

    // MARK: Header and master data

    mutating func writeHeader(_ document: EPCISDocument, creationDate: String) {
        var sbdh = document.headerExtensions.filter { $0.name.namespace == XMLNames.sbdh }
        if sbdh.isEmpty, let header = XMLHeaderFields.header(
            sender: document.sender, receiver: document.receiver, instanceIdentifier: document.instanceIdentifier,
            creationDate: creationDate)
        {
            sbdh = [header]
        }
        guard !sbdh.isEmpty || !document.masterData.isEmpty else { return }
        writer.open("EPCISHeader")
        for element in sbdh {
            usesSBDH = true
            write(element, membersAsAttributes: true)
        }
        if !document.masterData.isEmpty {
            writer.open("extension")
            writer.open("EPCISMasterData")
            writer.open("VocabularyList")
            for vocabulary in document.masterData { write(vocabulary) }
            writer.close("VocabularyList")
            writer.close("EPCISMasterData")
            writer.close("extension")
        }
        writer.close("EPCISHeader")
    }

    private mutating func write(_ vocabulary: Vocabulary) {
        writer.open("Vocabulary", [("type", vocabulary.type)])
        if !vocabulary.elements.isEmpty {
            writer.open("VocabularyElementList")
            for element in vocabulary.elements {
                writer.open("VocabularyElement", [("id", element.id)])
                for attribute in element.attributes { write(attribute) }
                if !element.children.isEmpty {
                    writer.open("children")
                    for child in element.children { writer.leaf("id", child) }
                    writer.close("children")
                }
                writer.close("VocabularyElement")
            }
            writer.close("VocabularyElementList")
        }
        writer.close("Vocabulary")
    }

    private mutating func write(_ attribute: VocabularyAttribute) {
        switch attribute.value {
        case .string(let text):
            writer.leaf("attribute", text, [("id", attribute.id)])
        case .array(let values):
            for value in values { write(VocabularyAttribute(id: attribute.id, value: value)) }
        case .object(let members):
            writer.open("attribute", [("id", attribute.id)])
            writeMembers(members)
            writer.close("attribute")
        case .number, .bool, .null:
            let (text, type) = Self.scalar(attribute.value)
            writer.leaf("attribute", text, [("id", attribute.id)] + (type.map { [("xsi:type", $0)] } ?? []))
        }
    }

    // MARK: Extensions

    /// Writes a user extension element; an array as repeated elements.
    /// - Parameter membersAsAttributes: write unqualified scalar members as attributes (the SBDH, whose schema
    ///   has attributes where the model has members).
    mutating func write(_ element: ExtensionElement, membersAsAttributes: Bool = false) {
        let name = namespaces.qualified(element.name)
        switch element.value {
        case .array(let values):
            for value in values { write(ExtensionElement(name: element.name, value: value), membersAsAttributes: membersAsAttributes) }
        case .object(let members):
            var attributes: [(String, String)] = []
            var rest: [ExtensionElement] = []
            for member in members {
                if membersAsAttributes, member.name.namespace.isEmpty, member.name != XMLExtensionReader.textMemberName,
                    case .string(let text) = member.value
                {
                    attributes.append((member.name.localName, text))
                } else {
                    rest.append(member)
                }
            }
            if rest.count == 1, rest[0].name == XMLExtensionReader.textMemberName {
                let (text, type) = Self.scalar(rest[0].value)
                writer.leaf(name, text, attributes + (type.map { [("xsi:type", $0)] } ?? []))
                return
            }
            writer.open(name, attributes)
            writeMembers(rest, membersAsAttributes: membersAsAttributes)
            writer.close(name)
        case .string, .number, .bool, .null:
            let (text, type) = Self.scalar(element.value)
            var attributes = type.map { [("xsi:type", $0)] } ?? []
            if case .null = element.value { attributes = [("xsi:nil", "true")] }
            writer.leaf(name, text, attributes)
        }
    }

    private mutating func writeMembers(_ members: [ExtensionElement], membersAsAttributes: Bool = false) {
        for member in members {
            if member.name == XMLExtensionReader.textMemberName {
                writer.characters(Self.scalar(member.value).text)
            } else {
                write(member, membersAsAttributes: membersAsAttributes)
            }
        }
    }

    /// A leaf value's text and the `xsi:type` that says what it is (none for a string).
    static func scalar(_ value: ExtensionValue) -> (text: String, type: String?) {
        switch value {
        case .string(let text): return (text, nil)
        case .number(let text):
            let isInteger = !text.isEmpty && text.drop { $0 == "-" || $0 == "+" }.allSatisfy(\.isNumber)
            let isDecimal = !text.contains { $0 == "e" || $0 == "E" }
            return (text, isInteger ? "xsd:integer" : isDecimal ? "xsd:decimal" : "xsd:double")
        case .bool(let flag): return (flag ? "true" : "false", "xsd:boolean")
        case .null, .array, .object: return ("", nil)
        }
    }

    /// A number as xsd:decimal/xsd:double text: integral values without a fraction.
    static func lexical(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
