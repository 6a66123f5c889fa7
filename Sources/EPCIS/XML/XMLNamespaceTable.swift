/// The prefixes an encoded document declares on its root: the document's own declarations first, then one
/// prefix for every other namespace an extension uses (its own prefix when free, else `ns1`, `ns2`, …).
struct XMLNamespaceTable {
    /// Prefixes the writer uses for the standard namespaces, never given to user namespaces.
    static let reserved: [(String, String)] = [
        ("epcis", XMLNames.epcis2), ("epcisq", XMLNames.query2), ("sbdh", XMLNames.sbdh),
        ("xsi", XMLNames.xsi), ("xsd", XMLNames.xsd),
    ]

    private(set) var declarations: [NamespaceDeclaration] = []
    private var prefixByNamespace: [String: String] = [:]
    private var usedPrefixes: Set<String> = Set(reserved.map(\.0) + ["xml", "xmlns"])
    private var counter = 0

    init(_ declared: [NamespaceDeclaration]) {
        for (prefix, namespace) in Self.reserved { prefixByNamespace[namespace] = prefix }
        for declaration in declared where !usedPrefixes.contains(declaration.prefix)
            && prefixByNamespace[declaration.namespace] == nil && Self.isNCName(declaration.prefix)
        {
            add(declaration.prefix, declaration.namespace)
        }
    }

    private mutating func add(_ prefix: String, _ namespace: String) {
        usedPrefixes.insert(prefix)
        prefixByNamespace[namespace] = prefix
        declarations.append(NamespaceDeclaration(prefix: prefix, namespace: namespace))
    }

    /// The qualified name to write for `name`, declaring a prefix for its namespace if needed.
    mutating func qualified(_ name: QualifiedName) -> String {
        guard !name.namespace.isEmpty else { return name.localName }
        return prefix(for: name.namespace, preferring: name.prefix) + ":" + name.localName
    }

    /// The prefix of `namespace`.
    mutating func prefix(for namespace: String, preferring preferred: String?) -> String {
        if let prefix = prefixByNamespace[namespace] { return prefix }
        var prefix = preferred ?? ""
        while prefix.isEmpty || usedPrefixes.contains(prefix) || !Self.isNCName(prefix) {
            counter += 1
            prefix = "ns\(counter)"
        }
        add(prefix, namespace)
        return prefix
    }

    private static func isNCName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0) }
    }
}
