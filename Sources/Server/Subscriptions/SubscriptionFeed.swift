import EPCIS
import Foundation
import Storage

/// The events a subscription has not had yet: the saved query's events from its cursor on, in record-time order,
/// without the ones already delivered at the cursor's record time. Used by webhooks and WebSockets alike.
struct SubscriptionFeed<Store: PlatformStore>: Sendable {
    let store: Store
    /// The most events one delivery carries.
    var batchSize = 1_000

    /// The next batch after `cursor` (or from `initial` without one) that the principal may read.
    func next(
        query: NamedQuery, cursor: SubscriptionCursor?, initial: Date, visibility: Visibility, principal: Principal
    ) async throws -> [StoredEvent] {
        var parameters = try QueriesController<Store>.parameters(query.parameters).filter {
            !["orderBy", "orderDirection", "eventCountLimit", "maxEventCount", "GE_recordTime"].contains($0.name)
        }
        let from = cursor?.recordTime ?? initial
        parameters += [
            ("GE_recordTime", EPCISDateTime(from).utcMillisecondText), ("orderBy", "recordTime"),
            ("orderDirection", "ASC"),
        ]
        let epcisQuery = try EPCISQuery(parameters: parameters)
        let delivered = Set(cursor?.deliveredIDs ?? [])
        var fresh: [StoredEvent] = []
        var token: String?
        repeat {
            let page = try await store.events(matching: epcisQuery, page: PageRequest(size: batchSize, token: token))
            for stored in page.events where !delivered.contains(stored.id) {
                if visibility.canRead(stored.event, principal: principal) { fresh.append(stored) }
            }
            token = page.nextPageToken
        } while token != nil && fresh.count < batchSize
        return Array(fresh.prefix(batchSize))
    }

    /// The cursor after a delivery of `events` (in record-time order) was acknowledged.
    static func advance(_ cursor: SubscriptionCursor?, past events: [StoredEvent]) -> SubscriptionCursor? {
        guard let last = events.last?.event.recordTime?.date else { return cursor }
        let lastMilliseconds = RecallRecord.millisecondsSince1970(last)
        let atLast = events.filter {
            $0.event.recordTime.map { RecallRecord.millisecondsSince1970($0.date) } == lastMilliseconds
        }.map(\.id)
        let carried = cursor.flatMap {
            RecallRecord.millisecondsSince1970($0.recordTime) == lastMilliseconds ? $0.deliveredIDs : nil
        } ?? []
        return SubscriptionCursor(recordTime: last, deliveredIDs: carried + atLast)
    }

    /// The document a delivery carries.
    static func document(_ events: [StoredEvent], query: NamedQuery, subscriptionID: String) -> EPCISDocument {
        var document = EPCISDocument(kind: .queryDocument, events: events.map(\.event))
        document.creationDate = EPCISDateTime(Date())
        document.queryName = query.name
        document.subscriptionID = subscriptionID
        return document
    }
}
