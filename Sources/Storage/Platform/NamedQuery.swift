public import EPCIS
public import Foundation

/// A named SimpleEventQuery (EPCIS 2.0 REST binding, `/queries/{name}`): the parameters are kept as the query
/// string a client sent, so that a subscription runs exactly what was saved.
public struct NamedQuery: Hashable, Sendable {
    /// The query's name (unique in the store).
    public var name: String
    /// The SimpleEventQuery parameters as a URL query string (`EQ_bizStep=shipping&MATCH_epc=…`).
    public var parameters: String
    /// The ID of the access key that created it (its owner), nil when made by the platform itself.
    public var owner: String?
    /// When it was created, to the millisecond.
    public var createdAt: Date

    /// Makes a named query.
    public init(name: String, parameters: String, owner: String? = nil, createdAt: Date) {
        self.name = name
        self.parameters = parameters
        self.owner = owner
        self.createdAt = RecallRecord.milliseconds(createdAt)
    }
}

/// Where a subscription has got to: the record time of the last acknowledged delivery and the IDs delivered at
/// exactly that record time (events captured together share one), so that a resumed subscription never sends an
/// event twice and never skips one.
public struct SubscriptionCursor: Hashable, Sendable {
    /// The latest record time delivered and acknowledged, to the millisecond.
    public var recordTime: Date
    /// The IDs of the events delivered with exactly that record time.
    public var deliveredIDs: [String]

    /// Makes a cursor.
    public init(recordTime: Date, deliveredIDs: [String]) {
        self.recordTime = RecallRecord.milliseconds(recordTime)
        self.deliveredIDs = deliveredIDs
    }
}

/// A subscription to a named query: new matching events are delivered to a webhook (signed) or a WebSocket.
public struct Subscription: Hashable, Sendable {
    /// The subscription's ID.
    public var id: String
    /// The named query it runs.
    public var queryName: String
    /// The webhook URL that receives EPCISQueryDocuments; nil for a WebSocket subscription (not stored).
    public var destination: String
    /// The key for the `GS1-Signature` HMAC-SHA256 of each delivery, nil for unsigned deliveries.
    public var signingSecret: String?
    /// Whether every new event is sent as it arrives (`stream=true`) rather than on a schedule.
    public var stream: Bool
    /// When a scheduled subscription runs (nil for a stream): each run sends what was recorded since the last.
    public var schedule: QuerySchedule?
    /// Whether a scheduled run with no new events still sends an (empty) query document.
    public var reportIfEmpty: Bool
    /// When the destination last answered a delivery with 2xx, to the millisecond (`lastNotifiedAt`).
    public var lastNotifiedAt: Date?
    /// The ID of the access key that created it.
    public var owner: String?
    /// When it was created, to the millisecond.
    public var createdAt: Date
    /// Where delivery has got to; nil before the first acknowledged delivery (then delivery starts at
    /// `initialRecordTime`).
    public var cursor: SubscriptionCursor?
    /// The record time to start from when there is no cursor (the subscription's creation by default).
    public var initialRecordTime: Date

    /// Makes a subscription.
    public init(
        id: String, queryName: String, destination: String, signingSecret: String? = nil, stream: Bool = true,
        schedule: QuerySchedule? = nil, reportIfEmpty: Bool = false, owner: String? = nil, createdAt: Date,
        cursor: SubscriptionCursor? = nil, initialRecordTime: Date? = nil, lastNotifiedAt: Date? = nil
    ) {
        self.id = id
        self.queryName = queryName
        self.destination = destination
        self.signingSecret = signingSecret
        self.stream = stream
        self.schedule = schedule
        self.reportIfEmpty = reportIfEmpty
        self.lastNotifiedAt = lastNotifiedAt.map(RecallRecord.milliseconds)
        self.owner = owner
        self.createdAt = RecallRecord.milliseconds(createdAt)
        self.cursor = cursor
        self.initialRecordTime = RecallRecord.milliseconds(initialRecordTime ?? createdAt)
    }
}

extension QuerySchedule {
    /// The schedule as stored: a JSON object of its fields, keys sorted (`{"hour":"1","minute":"5"}`).
    public var storedText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(fieldTexts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a stored schedule.
    /// - Throws: ``StorageError`` `.internalFailure` when the text is not a schedule (the store was altered).
    public init(storedText: String) throws(StorageError) {
        do {
            let fields = try JSONDecoder().decode([String: String].self, from: Data(storedText.utf8))
            try self.init(fields: fields)
        } catch {
            throw StorageError(.internalFailure, "a stored subscription schedule cannot be read", underlying: error)
        }
    }
}
