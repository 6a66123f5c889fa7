/// One attribute of an element, its name resolved against the namespaces in scope.
struct XMLAttribute: Hashable, Sendable {
    /// The namespace IRI, or "" for an unprefixed attribute.
    var namespace: String
    var localName: String
    var prefix: String?
    var value: String
}

/// One element of a small subtree (an event, the header), built while the SAX parser reads it and dropped as
/// soon as it has been turned into the model: the decoder never holds a tree of the whole document.
struct XMLNode: Sendable {
    /// The namespace IRI, or "" for an unqualified element (the standard EPCIS elements).
    var namespace: String
    var localName: String
    var prefix: String?
    /// Attributes sorted by qualified name (the parser reports them unordered); `xmlns` declarations excluded.
    var attributes: [XMLAttribute]
    var children: [XMLNode] = []
    /// The character data directly inside the element, untrimmed.
    var text: String = ""
    /// The line the element starts on.
    var line: Int
    /// Set when a standard element was written in an EPCIS namespace instead of unqualified.
    var qualifiedStandard = false

    /// The element's text without surrounding whitespace.
    var trimmedText: String { text.trimmingXMLWhitespace() }

    /// The value of the unprefixed attribute `name`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.namespace.isEmpty && $0.localName == name }?.value
    }

    /// The element's name as a user extension name.
    var qualifiedName: QualifiedName {
        QualifiedName(namespace: namespace, localName: localName, prefix: prefix)
    }
}

extension String {
    /// The text without leading and trailing XML whitespace (space, tab, CR, LF).
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
