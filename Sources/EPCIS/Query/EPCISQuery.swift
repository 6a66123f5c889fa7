/// A SimpleEventQuery (EPCIS 2.0 section 8.2.7.1): conditions on events, and how to order and limit the result.
///
/// Build one from the parameters of a REST query string or a named query with
/// ``init(parameters:namespaces:)``; stores translate the predicates into indexed look-ups, and
/// ``EventMatcher`` evaluates them on events in memory (the reference that store tests compare with).
public struct EPCISQuery: Hashable, Sendable {
    /// What orders the result.
    public enum OrderKey: Hashable, Sendable {
        case eventTime
        case recordTime
        /// An extension field at the event's top level.
        case field(QualifiedName)
    }

    /// Ascending or descending; EPCIS makes descending the default.
    public enum OrderDirection: String, Hashable, Sendable {
        case ascending = "ASC"
        case descending = "DESC"
    }

    /// Every condition; an event matches when it satisfies all of them.
    public var predicates: [QueryPredicate]
    /// `orderBy`.
    public var orderBy: OrderKey?
    /// `orderDirection` (default descending).
    public var orderDirection: OrderDirection
    /// `eventCountLimit`: return the first N matches in order (requires `orderBy`).
    public var eventCountLimit: Int?
    /// `maxEventCount`: fail with `QueryTooLargeException` when more would match.
    public var maxEventCount: Int?

    /// A query that matches every event.
    public init(predicates: [QueryPredicate] = []) {
        self.predicates = predicates
        orderDirection = .descending
    }
}

extension EPCISQuery {
    /// The namespace prefixes that the EPCIS 2.0 JSON-LD context predefines, which query parameters may use
    /// without declaring them.
    public static let standardNamespaces: [String: String] = [
        "cbvmda": "urn:epcglobal:cbv:mda:",
        "gs1": "https://gs1.org/voc/",
        "epcis": "https://ref.gs1.org/epcis/",
        "cbv": "https://ref.gs1.org/cbv/",
    ]

    /// Reads the parameters of a SimpleEventQuery.
    ///
    /// List values are separated by `|` (the REST binding's pipeDelimited style); a parameter may also repeat.
    /// - Parameters:
    ///   - parameters: name/value pairs in the order given, e.g. from a URL query string.
    ///   - namespaces: prefixes the caller declared for extension field names (`example` →
    ///     `http://ns.example.com/epcis/`), in addition to ``standardNamespaces``.
    /// - Throws: ``QueryParameterError`` with code `.queryParameter` naming the first parameter that is unknown,
    ///   malformed or in conflict with another.
    public init(parameters: [(name: String, value: String)], namespaces: [String: String] = [:]) throws(QueryParameterError) {
        var parser = QueryParameterParser(namespaces: Self.standardNamespaces.merging(namespaces) { $1 })
        for (name, value) in parameters {
            try parser.read(name: name, value: value)
        }
        self = try parser.finish()
    }
}
