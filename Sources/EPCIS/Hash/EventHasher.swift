/// The GS1 event hash ID (CBV 2.0 section 8.9): a canonical pre-hash string of an event's content, and its
/// SHA-256 as a named-information URI, `ni:///sha-256;<hex>?ver=CBV2.0`.
///
/// The same event gets the same hash however it was written: JSON-LD or XML, URN or Digital Link identifiers,
/// bare CBV words or their URIs, any field order, any time zone. `eventID` and `recordTime` are not hashed, and
/// neither is `errorDeclaration` (the reference implementation leaves it out, so that a declared error and the
/// event it corrects keep one hash).
///
/// The pre-hash string follows the GS1 reference implementation (epcis-event-hash-generator) exactly, including its
/// ordering of leftover elements (business transactions, sources, destinations, ilmd and user extensions sorted by
/// their `{namespace}localName=value` strings), so that hashes agree with every other conforming implementation.
public struct EventHasher: Sendable {
    /// The version of the algorithm, the `ver` parameter of the hash ID.
    public enum Version: String, Sendable, Hashable {
        /// CBV 2.0 section 8.9.
        case cbv20 = "CBV2.0"
    }

    /// Which algorithm version to compute.
    public var version: Version
    /// Namespace prefixes the document declared; in JSON-LD a value written `prefix:rest` with a declared prefix
    /// is hashed with the prefix expanded, as the reference does.
    public var namespaces: [NamespaceDeclaration]
    /// The syntax the events were read from. The reference treats compact values (`example:x`, `gs1:Speed`) by
    /// the rules of each syntax: JSON-LD expands the prefixes the document declares, XML only `gs1:` and `cbv:`.
    public var format: EPCISDocumentFormat
    /// Off by default. On, a JSON-LD element named with a prefix of the standard EPCIS context that the document
    /// does not declare itself (`cbvmda:lotNumber`) is hashed as written, as the reference implementation
    /// (epcis-event-hash-generator 1.9.3) does, since it reads no remote context. Off, it is hashed by the namespace
    /// the ratified context gives it (`{urn:epcglobal:cbv:mda:}lotNumber`), as the reference hashes the same document
    /// with that definition written out, and as XML declaring `xmlns:cbvmda="urn:epcglobal:cbv:mda:"` is hashed.
    public var keepsUndeclaredStandardPrefixes = false

    /// Makes a hasher.
    /// - Parameters:
    ///   - version: the algorithm version (CBV 2.0).
    ///   - namespaces: the prefixes the document declared, if values use them.
    ///   - format: the syntax the events were read from (JSON-LD unless said otherwise).
    public init(
        version: Version = .cbv20, namespaces: [NamespaceDeclaration] = [], format: EPCISDocumentFormat = .json
    ) {
        self.version = version
        self.namespaces = namespaces
        self.format = format
    }

    /// A hasher for the events of one document, which knows the document's namespace prefixes.
    /// - Parameters:
    ///   - document: the document the events come from.
    ///   - format: the syntax it was read from.
    public init(for document: EPCISDocument, format: EPCISDocumentFormat = .json) {
        self.init(namespaces: document.namespaces, format: format)
    }

    /// The canonical pre-hash string of an event.
    /// - Parameter event: the event.
    /// - Returns: the string that is hashed, e.g. `eventType=ObjectEventeventTime=2005-04-04T02:33:31.116Z…`.
    public func preHashString(for event: EPCISEvent) -> String {
        var values = PreHashValueCache.none
        return preHashString(for: event, values: &values)
    }

    /// The canonical pre-hash string of an event, with the canonical forms of values remembered across events.
    /// - Parameters:
    ///   - event: the event.
    ///   - values: canonical values worked out for earlier events (of any document); the string is the same
    ///     whatever it holds.
    /// - Returns: the string that is hashed.
    public func preHashString(for event: EPCISEvent, values: inout PreHashValueCache) -> String {
        let tree = PreHashTreeBuilder(
            namespaces: namespaces, format: format, keepsUndeclaredStandardPrefixes: keepsUndeclaredStandardPrefixes).tree(for: event)
        return PreHashWalk.preHash(type: event.type.rawValue, event: tree, values: &values)
    }

    /// The event hash ID of an event.
    /// - Parameter event: the event.
    /// - Returns: `ni:///sha-256;<64 lower-case hex digits>?ver=CBV2.0`.
    public func hashID(for event: EPCISEvent) -> String {
        hashID(ofPreHashString: preHashString(for: event))
    }

    /// The event hash ID of an event, with the canonical forms of values remembered across events: for hashing
    /// many events (a capture keeps one cache per thread).
    /// - Parameters:
    ///   - event: the event.
    ///   - values: canonical values worked out for earlier events; the hash is the same whatever it holds.
    /// - Returns: `ni:///sha-256;<64 lower-case hex digits>?ver=CBV2.0`.
    public func hashID(for event: EPCISEvent, values: inout PreHashValueCache) -> String {
        hashID(ofPreHashString: preHashString(for: event, values: &values))
    }

    /// The hash ID of a pre-hash string.
    /// - Parameter preHash: a pre-hash string.
    /// - Returns: `ni:///sha-256;<hex>?ver=CBV2.0`.
    public func hashID(ofPreHashString preHash: String) -> String {
        "ni:///sha-256;" + SHA256.hex(SHA256.hash(preHash)) + "?ver=" + version.rawValue
    }

    /// The hash IDs of every event of a document, in document order.
    /// - Parameters:
    ///   - document: the document.
    ///   - format: the syntax it was read from.
    /// - Returns: one hash ID per event.
    public static func hashIDs(of document: EPCISDocument, format: EPCISDocumentFormat = .json) -> [String] {
        let hasher = EventHasher(for: document, format: format)
        var values = PreHashValueCache()
        return document.events.map { hasher.hashID(for: $0, values: &values) }
    }
}
