/// Which page of a query result to return (EPCIS 2.0 REST binding: `perPage`, `nextPageToken`).
public struct PageRequest: Hashable, Sendable {
    /// At most this many events (1...10,000).
    public var size: Int
    /// The token of the previous page's `nextPageToken`, or nil for the first page.
    public var token: String?

    /// The largest page a store returns.
    public static let maximumSize = 10_000

    /// Makes a page request; the size is clamped to 1...``maximumSize``.
    public init(size: Int = 100, token: String? = nil) {
        self.size = min(max(size, 1), Self.maximumSize)
        self.token = token
    }
}

/// One page of a query result.
public struct EventPage: Hashable, Sendable {
    /// The events of this page, in result order.
    public var events: [StoredEvent]
    /// The token that fetches the next page, or nil on the last page.
    public var nextPageToken: String?

    /// Makes a page.
    public init(events: [StoredEvent], nextPageToken: String? = nil) {
        self.events = events
        self.nextPageToken = nextPageToken
    }
}
