extension JSONDocumentParser {
    /// Reads an `@context`: a URL, an object of prefix declarations, or an array of those.
    /// - Parameter intoDocument: true for the document's own context; an event's context is in force for that
    ///   event only, but its declarations are kept in the document too so that a writer can declare them.
    mutating func readContext(at key: String, intoDocument: Bool) throws(JSONSyntaxError) {
        switch try reader.peekKind() {
        case .array:
            var urls: [String] = []
            try withArray(key) { (p, _) throws(JSONSyntaxError) in
                switch try p.reader.peekKind() {
                case .string:
                    let url = try p.reader.readString()
                    if urls.contains(url) { p.report(at: p.pointer(), "@context lists '\(url)' twice") }
                    urls.append(url)
                    p.contextURL(url, at: p.pointer())
                case .object: try p.contextObject(nil)
                case let kind:
                    p.report(
                        at: p.pointer(), "@context items must be URLs or objects, not \(Self.article(kind.typeName))")
                    try p.reader.skipValue()
                }
            }
        case .string:
            let url = try reader.readString()
            contextURL(url, at: pointer(key))
        case .object:
            try contextObject(key)
        case let kind:
            report(
                at: pointer(key), "@context must be a URL, an object or an array, not \(Self.article(kind.typeName))")
            try reader.skipValue()
        }
    }

    private mutating func contextURL(_ url: String, at location: String) {
        guard !JSONLDContext.standardContextURLs.contains(url) else { return }
        guard JSONFormatRules.isAbsoluteURI(url) else {
            report(at: location, "@context URLs must be absolute URIs, not '\(url)'")
            return
        }
        if !document.extraContextURLs.contains(url) { document.extraContextURLs.append(url) }
    }

    private mutating func contextObject(_ key: String?) throws(JSONSyntaxError) {
        try withObject(key) { (p, prefix) throws(JSONSyntaxError) in
            let value = try p.reader.readValue()
            var namespace: String?
            switch value {
            case .string(let text): namespace = text
            case .object(let members):
                if case .string(let id)? = members.first(where: { $0.key == "@id" })?.value { namespace = id }
            default: break
            }
            guard let namespace, !prefix.hasPrefix("@") else {
                p.report(
                    at: p.pointer(prefix),
                    "the @context entry '\(prefix)' is not a namespace prefix declaration; it is ignored", .warning)
                return
            }
            guard JSONFormatRules.isAbsoluteURI(namespace) else {
                p.report(
                    at: p.pointer(prefix),
                    "the namespace of prefix '\(prefix)' must be an absolute IRI, not '\(namespace)'")
                return
            }
            let declaration = NamespaceDeclaration(prefix: prefix, namespace: namespace)
            p.context.declare(declaration)
            if !p.document.namespaces.contains(where: { $0.prefix == prefix }) {
                p.document.namespaces.append(declaration)
            }
        }
    }
}
