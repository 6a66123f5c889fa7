/// The namespace prefixes in force while a JSON-LD document is read or written: those the standard EPCIS
/// context predefines, plus those the document's `@context` objects declare.
struct JSONLDContext: Sendable {
    /// The URLs of the standard EPCIS 2.0 context (ratified, unversioned, GitHub draft) and of the simple context.
    static let standardContextURLs: Set<String> = [
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
        "https://gs1.github.io/EPCIS/epcis-context.jsonld",
        "https://gs1.github.io/EPCIS/epcis-context-simple.jsonld",
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context-simple.jsonld",
        "https://ref.gs1.org/standards/epcis/epcis-context-simple.jsonld",
    ]

    /// The context URL the writer emits.
    static let writtenContextURL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

    /// Prefixes the standard contexts define themselves (gs1-EPCIS/epcis-context.jsonld and the simple context).
    static let predefined: [String: String] = [
        "epcis": "https://ref.gs1.org/epcis/",
        "cbv": "https://ref.gs1.org/cbv/",
        "cbvmda": "urn:epcglobal:cbv:mda:",
        "gs1": "https://gs1.org/voc/",
        "vtype": "urn:epcglobal:epcis:vtype:",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dcterms": "http://purl.org/dc/terms/",
    ]

    /// prefix → namespace, predefined and declared.
    private(set) var prefixes: [String: String] = JSONLDContext.predefined
    /// namespace → the prefix declared for it, for names given as full IRIs.
    private var prefixOfNamespace: [String: String] = JSONLDContext.predefinedByNamespace

    /// ``predefined`` the other way round, made once: a context is made for every event a capture encodes.
    private static let predefinedByNamespace: [String: String] = {
        var byNamespace: [String: String] = [:]
        for (prefix, namespace) in predefined { byNamespace[namespace] = prefix }
        return byNamespace
    }()

    init() {}

    init(declarations: [NamespaceDeclaration]) {
        self.init()
        for declaration in declarations { declare(declaration) }
    }

    /// Declares (or redeclares) a prefix.
    mutating func declare(_ declaration: NamespaceDeclaration) {
        prefixes[declaration.prefix] = declaration.namespace
        prefixOfNamespace[declaration.namespace] = declaration.prefix
    }

    /// How a property name of an event reads.
    enum Name {
        /// A compact IRI with a known prefix, or a full IRI.
        case qualified(QualifiedName)
        /// `prefix:name` with a prefix nobody declared.
        case undeclaredPrefix(String)
        /// A bare word (no `:`).
        case bare
    }

    /// Reads a property name: a compact IRI `prefix:name`, a full IRI, or a bare word.
    func resolve(_ key: String) -> Name {
        guard let colon = key.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .bare }
        let prefix = String(key[..<colon])
        let rest = key[key.index(after: colon)...]
        if !rest.hasPrefix("//"), let namespace = prefixes[prefix] {
            return .qualified(QualifiedName(namespace: namespace, localName: String(rest), prefix: prefix))
        }
        if rest.hasPrefix("//") || prefix == "urn" {
            return .qualified(Self.split(fullIRI: key, prefixOf: prefixOfNamespace))
        }
        return .undeclaredPrefix(prefix)
    }

    /// Splits a full IRI after its last `/`, `#` or `:` into namespace and local name.
    private static func split(fullIRI: String, prefixOf: [String: String]) -> QualifiedName {
        let utf8 = fullIRI.utf8
        if let cut = utf8.lastIndex(where: {
            $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ":")
        }),
            utf8.index(after: cut) != utf8.endIndex
        {
            let namespace = String(fullIRI[...cut])
            let local = String(fullIRI[fullIRI.index(after: cut)...])
            return QualifiedName(namespace: namespace, localName: local, prefix: prefixOf[namespace])
        }
        return QualifiedName(namespace: fullIRI, localName: "", prefix: prefixOf[fullIRI])
    }

    /// How the writer spells a name: `prefix:local` when the prefix maps to the name's namespace here, a bare
    /// word for a name without a namespace, otherwise the full IRI.
    func spelling(of name: QualifiedName) -> String {
        if name.namespace.isEmpty { return name.localName }
        if let prefix = name.prefix, prefixes[prefix] == name.namespace { return "\(prefix):\(name.localName)" }
        if let prefix = prefixOfNamespace[name.namespace], prefixes[prefix] == name.namespace {
            return "\(prefix):\(name.localName)"
        }
        return name.namespace + name.localName
    }
}
