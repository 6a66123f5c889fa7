public import EPCIS

/// Why a store refused or failed a request.
///
/// Backends wrap their database errors as `underlying`; the message never carries database text, so that it
/// can be shown to a client as it is.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; each maps to one client-visible outcome (an HTTP status, an exit code).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidDocument, duplicateEvent, notFound, invalidQuery, invalidPageToken, schemaOutdated,
                unavailable, internalFailure, alreadyExists, storageFull, queryTooLarge
        }
        private let base: Base
        /// The document breaks the EPCIS schema or a rule; `diagnostics` lists every problem. Nothing was stored.
        public static let invalidDocument = Code(base: .invalidDocument)
        /// An event is already stored (same event hash, or same eventID without an error declaration).
        public static let duplicateEvent = Code(base: .duplicateEvent)
        /// Something with that name or ID (a named query, a subscription, an access key) already exists.
        public static let alreadyExists = Code(base: .alreadyExists)
        /// The thing asked for does not exist.
        public static let notFound = Code(base: .notFound)
        /// A query parameter is unknown, malformed or conflicting.
        public static let invalidQuery = Code(base: .invalidQuery)
        /// More events match a query than its `maxEventCount` allows (EPCIS `QueryTooLargeException`).
        public static let queryTooLarge = Code(base: .queryTooLarge)
        /// A paging token is malformed, expired, or belongs to another query.
        public static let invalidPageToken = Code(base: .invalidPageToken)
        /// The database schema is older than this build; run `suyuan migrate`.
        public static let schemaOutdated = Code(base: .schemaOutdated)
        /// The database cannot be reached (down, restarting, locked out): nothing was stored; try again later.
        public static let unavailable = Code(base: .unavailable)
        /// The disk (or the database's size limit) is full: nothing was stored; it may succeed once there is room.
        public static let storageFull = Code(base: .storageFull)
        /// Anything else: a bug or a broken database. The message stays generic.
        public static let internalFailure = Code(base: .internalFailure)
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, safe to show to a client.
    public var message: String
    /// Every problem with a rejected document.
    public var diagnostics: [Diagnostic]
    /// The event IDs at fault (duplicates).
    public var eventIDs: [String]
    /// The error of the layer below (a database error), for logs only.
    public var underlying: (any Error)?

    /// Makes an error.
    public init(
        _ code: Code, _ message: String, diagnostics: [Diagnostic] = [], eventIDs: [String] = [],
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.eventIDs = eventIDs
        self.underlying = underlying
    }

    /// Whether the failure says nothing about the request: the store could not be reached or had no room, so the
    /// same request may succeed later (a capture job waits and runs again; a client gets 503 or 507).
    public var isTransient: Bool { code == .unavailable || code == .storageFull }

    /// The error a query that ``EventMatcher`` refused maps to: `.queryTooLarge` or `.invalidQuery`.
    /// - Parameter error: what the matcher threw.
    public init(query error: QueryParameterError) {
        self.init(error.code == .queryTooLarge ? .queryTooLarge : .invalidQuery, error.description)
    }

    public var description: String {
        // Duplicates carry the rule they met as a diagnostic each; bare IDs otherwise.
        ([message] + diagnostics.map(\.description) + (diagnostics.isEmpty ? eventIDs.map { "  \($0)" } : []))
            .joined(separator: "\n")
    }
}
