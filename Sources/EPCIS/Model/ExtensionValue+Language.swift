extension ExtensionValue {
    /// The namespace of XML's own attributes, `xml:lang` among them.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The text and language of a language-tagged string, as master data carries a name in several languages.
    ///
    /// JSON-LD writes one as a value object, `{"@value": "猪胴体", "@language": "zh-CN"}`; XML as element text with
    /// an `xml:lang` attribute (`<attribute id="…#name" xml:lang="zh-CN">猪胴体</attribute>`), which the reader keeps
    /// as the members `xml:lang` and `@value` (the mapping of EPCIS 2.0 section 9.4). Nil for any other value.
    public var languageTaggedText: (text: String, language: String)? {
        guard case .object(let members) = self, members.count == 2 else { return nil }
        var text: String?
        var language: String?
        for member in members {
            guard case .string(let value) = member.value else { return nil }
            switch (member.name.namespace, member.name.localName) {
            case (_, "@value"): text = value
            case ("", "@language"), (Self.xmlNamespace, "lang"): language = value
            case (_, "lang") where member.name.prefix == "xml": language = value
            default: return nil
            }
        }
        guard let text, let language, !language.isEmpty else { return nil }
        return (text, language)
    }

    /// A language-tagged string in the JSON-LD form (`@value`, `@language`), which ``languageTaggedText`` reads.
    /// - Parameters:
    ///   - text: the text.
    ///   - language: a BCP 47 language tag such as `zh-CN` or `en`.
    /// - Returns: the value.
    public static func languageTagged(_ text: String, language: String) -> ExtensionValue {
        .object([
            ExtensionElement(name: QualifiedName(namespace: "", localName: "@value"), value: .string(text)),
            ExtensionElement(name: QualifiedName(namespace: "", localName: "@language"), value: .string(language)),
        ])
    }
}
