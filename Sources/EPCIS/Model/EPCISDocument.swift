/// An EPCIS 2.0 document: an `EPCISDocument` (capture) or an `EPCISQueryDocument` (query results), with its
/// header, master data and events (EPCIS 2.0 sections 9.3, 9.4, 11).
public struct EPCISDocument: Hashable, Sendable {
    /// Which document this is.
    public enum Kind: String, Hashable, Sendable {
        /// `EPCISDocument`: events sent for capture.
        case document = "EPCISDocument"
        /// `EPCISQueryDocument`: the results of a query.
        case queryDocument = "EPCISQueryDocument"
    }

    /// Document or query document.
    public var kind: Kind
    /// `schemaVersion`, e.g. `2.0` (`1.2` for EPCIS 1.2 XML that was read).
    public var schemaVersion: String
    /// When the sender created the document.
    public var creationDate: EPCISDateTime?
    /// The document's own `id` (JSON-LD), if any.
    public var documentID: String?
    /// JSON-LD header fields of the pseudo-SBDH (`sender`, `receiver`, `instanceIdentifier`).
    public var sender: String?
    public var receiver: String?
    public var instanceIdentifier: String?
    /// The XML StandardBusinessDocumentHeader or a JSON `epcisHeader` beyond master data, kept as
    /// extension elements so that nothing is lost.
    public var headerExtensions: [ExtensionElement]
    /// Namespace prefixes the document declared for user extensions (`@context` objects, `xmlns:` attributes),
    /// in order: prefix → namespace IRI.
    public var namespaces: [NamespaceDeclaration]
    /// Extra JSON-LD context URLs beyond the standard EPCIS context, as given.
    public var extraContextURLs: [String]
    /// Master data in the header (`epcisHeader.epcisMasterData.vocabularyList`).
    public var masterData: [Vocabulary]
    /// The events, in document order.
    public var events: [EPCISEvent]
    /// Query document only: the query's name and the subscription it answers, if any.
    public var queryName: String?
    public var subscriptionID: String?

    /// Makes a document.
    /// - Parameters:
    ///   - kind: document or query document.
    ///   - events: the events.
    public init(kind: Kind = .document, schemaVersion: String = "2.0", events: [EPCISEvent] = []) {
        self.kind = kind
        self.schemaVersion = schemaVersion
        self.events = events
        headerExtensions = []
        namespaces = []
        extraContextURLs = []
        masterData = []
    }
}

/// A namespace prefix declaration: `"example": "http://ns.example.com/epcis/"` in `@context`, or
/// `xmlns:example="…"` in XML.
public struct NamespaceDeclaration: Hashable, Sendable {
    public var prefix: String
    public var namespace: String

    /// Declares `prefix` for `namespace`.
    public init(prefix: String, namespace: String) {
        self.prefix = prefix
        self.namespace = namespace
    }
}

/// One vocabulary of master data (CBV 2.0 section 10; EPCIS 2.0 section 6.5): a type such as
/// `urn:epcglobal:epcis:vtype:BusinessLocation` and its elements.
public struct Vocabulary: Hashable, Sendable {
    /// The vocabulary type URI.
    public var type: String
    /// The elements.
    public var elements: [VocabularyElement]

    /// Makes a vocabulary.
    public init(type: String, elements: [VocabularyElement] = []) {
        self.type = type
        self.elements = elements
    }
}

/// One element of a vocabulary: an identifier (a location, a party, a product class) with its attributes.
public struct VocabularyElement: Hashable, Sendable {
    /// The element's identifier, e.g. `urn:epc:id:sgln:0037000.00729.0`.
    public var id: String
    /// Attributes in order; an attribute id such as `urn:epcglobal:cbv:mda#name`.
    public var attributes: [VocabularyAttribute]
    /// Identifiers of child elements (`children`), for hierarchies of locations.
    public var children: [String]

    /// Makes an element.
    public init(id: String, attributes: [VocabularyAttribute] = [], children: [String] = []) {
        self.id = id
        self.attributes = attributes
        self.children = children
    }
}

/// One master-data attribute: its id and its value (text, or nested structure such as an address).
public struct VocabularyAttribute: Hashable, Sendable {
    /// The attribute's id, e.g. `urn:epcglobal:cbv:mda#name`.
    public var id: String
    /// The value: `.string` for plain text, `.object` for structured values.
    public var value: ExtensionValue

    /// Makes an attribute.
    public init(id: String, value: ExtensionValue) {
        self.id = id
        self.value = value
    }
}
