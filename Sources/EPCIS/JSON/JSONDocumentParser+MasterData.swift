extension JSONDocumentParser {
    /// `vocabularyList`: vocabularies with type (required) and vocabularyElementList.
    mutating func vocabularyList(_ key: String) throws(JSONSyntaxError) -> [Vocabulary] {
        var out: [Vocabulary] = []
        try withArray(key) { (p, _) throws(JSONSyntaxError) in
            var vocabulary = Vocabulary(type: "")
            var sawType = false
            let isObject = try p.withObject(nil) { (p, member) throws(JSONSyntaxError) in
                switch member {
                case "type":
                    sawType = true
                    vocabulary.type = try p.uri(member) ?? ""
                case "vocabularyElementList":
                    try p.withArray(member) { (p, _) throws(JSONSyntaxError) in
                        if let element = try p.vocabularyElement() { vocabulary.elements.append(element) }
                    }
                default: try p.unknown(member, in: "a vocabulary")
                }
            }
            guard isObject else { return }
            if !sawType { p.missing("type", in: "a vocabulary") }
            out.append(vocabulary)
        }
        return out
    }

    private mutating func vocabularyElement() throws(JSONSyntaxError) -> VocabularyElement? {
        var element = VocabularyElement(id: "")
        var sawID = false
        let isObject = try withObject(nil) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "id":
                sawID = true
                element.id = try p.uri(member) ?? ""
            case "attributes":
                try p.withArray(member) { (p, _) throws(JSONSyntaxError) in
                    if let attribute = try p.vocabularyAttribute() { element.attributes.append(attribute) }
                }
            case "children":
                element.children = try p.uriList(member, unique: false).map(\.text)
            default: try p.unknown(member, in: "a vocabulary element")
            }
        }
        guard isObject else { return nil }
        if !sawID { missing("id", in: "a vocabulary element") }
        return element
    }

    private mutating func vocabularyAttribute() throws(JSONSyntaxError) -> VocabularyAttribute? {
        var id: String?
        var sawID = false
        var value: ExtensionValue = .null
        let isObject = try withObject(nil) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "id":
                sawID = true
                id = try p.uri(member)
            case "attribute":
                let raw = try p.reader.readValue()
                switch raw {
                case .number, .string, .object:
                    var suffix = [member]
                    value = p.convert(raw, suffix: &suffix)
                default:
                    p.report(at: p.pointer(member), "'attribute' must be a number, a string or an object, not \(Self.article(raw.typeName))")
                }
            default: try p.unknown(member, in: "a master-data attribute")
            }
        }
        guard isObject else { return nil }
        if !sawID { missing("id", in: "a master-data attribute") }
        return id.map { VocabularyAttribute(id: $0, value: value) }
    }
}
