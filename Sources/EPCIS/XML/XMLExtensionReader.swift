/// Turns user extension elements (any namespace but EPCIS's) into the model's ``ExtensionElement`` values.
///
/// The mapping is the one EPCIS 2.0 section 9.4 gives between XML and JSON-LD: nested elements become an
/// object, sibling elements of the same name become an array (at the place of the first), attributes become
/// members named like the attribute (before the child elements), and the text of an element that also has
/// attributes or children is the last member, `@value`. A leaf is text, unless `xsi:type` says it is a number or a boolean; an empty leaf is null.
enum XMLExtensionReader {
    /// The member that holds the text of an element that also has attributes or children.
    static let textMemberName = QualifiedName(namespace: "", localName: "@value")

    /// The element as an extension.
    static func element(_ node: XMLNode) -> ExtensionElement {
        ExtensionElement(name: node.qualifiedName, value: value(of: node))
    }

    /// The elements as extensions, with repeated names folded into arrays.
    static func elements(_ nodes: [XMLNode]) -> [ExtensionElement] {
        grouped(nodes.map(element))
    }

    /// The value of an element.
    /// - Parameters:
    ///   - node: the element.
    ///   - skip: unprefixed attributes that are not part of the value (`id` of a master-data attribute).
    static func value(of node: XMLNode, skippingAttributes skip: Set<String> = []) -> ExtensionValue {
        var members: [ExtensionElement] = []
        var xsiType: String?
        var isNil = false
        for attribute in node.attributes {
            if attribute.namespace == XMLNames.xsi {
                if attribute.localName == "type" { xsiType = attribute.value }
                if attribute.localName == "nil" { isNil = attribute.value == "true" || attribute.value == "1" }
                continue
            }
            if attribute.namespace.isEmpty && skip.contains(attribute.localName) { continue }
            let name = QualifiedName(namespace: attribute.namespace, localName: attribute.localName, prefix: attribute.prefix)
            members.append(ExtensionElement(name: name, value: .string(attribute.value)))
        }
        let text = node.trimmedText
        if node.children.isEmpty && members.isEmpty {
            if isNil || text.isEmpty { return .null }
            return typed(text, xsiType: xsiType)
        }
        members += node.children.map(element)
        if !text.isEmpty {
            members.append(ExtensionElement(name: textMemberName, value: typed(text, xsiType: xsiType)))
        }
        return .object(grouped(members))
    }

    /// Folds elements of the same name into one element whose value is an array, at the first one's place.
    static func grouped(_ elements: [ExtensionElement]) -> [ExtensionElement] {
        var order: [QualifiedName] = []
        var values: [QualifiedName: [ExtensionValue]] = [:]
        var firstName: [QualifiedName: QualifiedName] = [:]
        for element in elements {
            if values[element.name] == nil {
                order.append(element.name)
                firstName[element.name] = element.name
            }
            values[element.name, default: []].append(element.value)
        }
        return order.map { name in
            let list = values[name] ?? []
            return ExtensionElement(name: firstName[name] ?? name, value: list.count == 1 ? list[0] : .array(list))
        }
    }

    private static let numberTypes: Set<String> = [
        "decimal", "integer", "int", "long", "short", "byte", "double", "float", "nonNegativeInteger",
        "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    ]

    private static func typed(_ text: String, xsiType: String?) -> ExtensionValue {
        guard let xsiType else { return .string(text) }
        let local = xsiType.split(separator: ":").last.map(String.init) ?? xsiType
        if numberTypes.contains(local), Double(text) != nil { return .number(text) }
        if local == "boolean" {
            if text == "true" || text == "1" { return .bool(true) }
            if text == "false" || text == "0" { return .bool(false) }
        }
        return .string(text)
    }
}
