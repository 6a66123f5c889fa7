/// The name of a user extension element (EPCIS 2.0 section 7.4.4): a namespace IRI and a local name.
///
/// JSON-LD spells it as a compact IRI (`example:myField`, with `example` declared in `@context`), XML as a
/// qualified element name. Two names are equal when namespace and local name are; the prefix is only the
/// spelling the document used, kept so that it is written back the same way.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// The namespace IRI, e.g. `http://ns.example.com/epcis/`.
    public let namespace: String
    /// The local name, e.g. `myField`.
    public let localName: String
    /// The prefix the document declared for the namespace, e.g. `example`.
    public let prefix: String?

    /// Makes a name.
    /// - Parameters:
    ///   - namespace: the namespace IRI.
    ///   - localName: the local name.
    ///   - prefix: the prefix to write it with, if one is known.
    public init(namespace: String, localName: String, prefix: String? = nil) {
        self.namespace = namespace
        self.localName = localName
        self.prefix = prefix
    }

    /// The expanded form `{namespace}localName`, which the event hash sorts by.
    public var expanded: String { "{\(namespace)}\(localName)" }

    public var description: String { prefix.map { "\($0):\(localName)" } ?? expanded }

    public static func == (lhs: QualifiedName, rhs: QualifiedName) -> Bool {
        lhs.namespace == rhs.namespace && lhs.localName == rhs.localName
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(localName)
    }
}

/// One user extension element with its value, in document order.
public struct ExtensionElement: Hashable, Sendable {
    /// The element's name.
    public var name: QualifiedName
    /// The element's value.
    public var value: ExtensionValue

    /// Makes an element.
    /// - Parameters:
    ///   - name: the element's name.
    ///   - value: its value.
    public init(name: QualifiedName, value: ExtensionValue) {
        self.name = name
        self.value = value
    }
}

/// The value of a user extension: JSON's value kinds, which XML's text and nested elements map onto.
///
/// Numbers keep their lexical form, so that nothing a sender wrote is lost. In XML every leaf is text;
/// a JSON array is written as repeated elements of the same name (the mapping of EPCIS 2.0 section 9.4).
public indirect enum ExtensionValue: Hashable, Sendable {
    /// A string (XML: element text).
    case string(String)
    /// A number as written, e.g. `20` or `3.5e2`.
    case number(String)
    /// A boolean.
    case bool(Bool)
    /// JSON null (XML: an empty element).
    case null
    /// A list of values.
    case array([ExtensionValue])
    /// Nested elements, in order.
    case object([ExtensionElement])
}
