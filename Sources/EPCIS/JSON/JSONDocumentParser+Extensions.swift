extension JSONDocumentParser {
    /// Reads the value of a user extension property `key` and names it; a bare word or an undeclared prefix is
    /// reported (the bare word with `unknownMessage`).
    mutating func extensionElement(_ key: String, where place: String) throws(JSONSyntaxError) -> ExtensionElement? {
        switch context.resolve(key) {
        case .bare:
            report(at: pointer(key), "unknown property '\(key)' in \(place); user extensions need a namespace prefix")
            try reader.skipValue()
            return nil
        case .undeclaredPrefix(let prefix):
            pendingPrefixes.append((pointer(key), prefix))
            return ExtensionElement(name: Self.placeholder(key), value: try extensionValue(key))
        case .qualified(let name):
            return ExtensionElement(name: name, value: try extensionValue(key))
        }
    }

    /// Reads an extension's value at `key`; a pointer is made only for values that can hold names.
    private mutating func extensionValue(_ key: String) throws(JSONSyntaxError) -> ExtensionValue {
        var suffix = [key]
        return convert(try reader.readValue(), suffix: &suffix)
    }

    /// A name whose prefix is not (yet) declared: kept whole as a local name without a namespace.
    static func placeholder(_ key: String) -> QualifiedName {
        QualifiedName(namespace: "", localName: key)
    }

    /// Turns a JSON value of an extension into the model; names nested object members the same way. `suffix`
    /// is where the value stands below the current path (a pointer is made only for a problem).
    mutating func convert(_ value: JSONValue, suffix: inout [String]) -> ExtensionValue {
        switch value {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .array(let items):
            var out: [ExtensionValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                suffix.append(String(i))
                out.append(convert(item, suffix: &suffix))
                suffix.removeLast()
            }
            return .array(out)
        case .object(let members):
            var out: [ExtensionElement] = []
            for member in members {
                suffix.append(member.key)
                defer { suffix.removeLast() }
                let name: QualifiedName
                switch context.resolve(member.key) {
                case .qualified(let qualified): name = qualified
                case .bare: name = QualifiedName(namespace: "", localName: member.key)
                case .undeclaredPrefix(let prefix):
                    pendingPrefixes.append((pointer(suffix), prefix))
                    name = Self.placeholder(member.key)
                }
                out.append(ExtensionElement(name: name, value: convert(member.value, suffix: &suffix)))
            }
            return .object(out)
        }
    }

    /// Turns a free-form JSON value (a master-data attribute) into the model, with bare member names kept.
    static func escape(_ component: String) -> String {
        guard component.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return component
        }
        var out = ""
        for character in component {
            switch character {
            case "~": out.append("~0")
            case "/": out.append("~1")
            default: out.append(character)
            }
        }
        return out
    }

    /// At the end of an event: names read before the event's own `@context` declared their prefix are named
    /// again; prefixes still undeclared are reported.
    mutating func settlePendingPrefixes(in event: inout EPCISEvent, contextChanged: Bool) {
        guard !pendingPrefixes.isEmpty else { return }
        if contextChanged {
            let context = self.context
            Self.rename(&event.extensions, context)
            if var ilmd = event.ilmd {
                Self.rename(&ilmd, context)
                event.ilmd = ilmd
            }
            if var location = event.readPoint {
                Self.rename(&location.extensions, context)
                event.readPoint = location
            }
            if var location = event.bizLocation {
                Self.rename(&location.extensions, context)
                event.bizLocation = location
            }
            if var declaration = event.errorDeclaration {
                Self.rename(&declaration.extensions, context)
                event.errorDeclaration = declaration
            }
            for i in event.sensorElementList.indices {
                Self.rename(&event.sensorElementList[i].extensions, context)
                if var metadata = event.sensorElementList[i].metadata {
                    Self.rename(&metadata.extensions, context)
                    event.sensorElementList[i].metadata = metadata
                }
                for k in event.sensorElementList[i].reports.indices {
                    Self.rename(&event.sensorElementList[i].reports[k].extensions, context)
                }
            }
        }
        flushPendingPrefixes()
    }

    /// Reports every name whose prefix is still undeclared.
    mutating func flushPendingPrefixes() {
        let pending = pendingPrefixes
        pendingPrefixes.removeAll(keepingCapacity: true)
        for (location, prefix) in pending where context.prefixes[prefix] == nil {
            report(at: location, "the prefix '\(prefix)' is not declared in any @context")
        }
    }

    private static func rename(_ elements: inout [ExtensionElement], _ context: JSONLDContext) {
        for i in elements.indices {
            if elements[i].name.namespace.isEmpty, case .qualified(let name) = context.resolve(elements[i].name.localName) {
                elements[i].name = name
            }
            rename(&elements[i].value, context)
        }
    }

    private static func rename(_ value: inout ExtensionValue, _ context: JSONLDContext) {
        switch value {
        case .object(var members):
            rename(&members, context)
            value = .object(members)
        case .array(var items):
            for i in items.indices { rename(&items[i], context) }
            value = .array(items)
        default: break
        }
    }
}
