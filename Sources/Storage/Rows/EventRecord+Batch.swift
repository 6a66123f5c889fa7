import Dispatch
import EPCIS
import Foundation

extension EventRecord {
    /// Maps stored events to their rows on every core: each event's body encoding and identifier parsing is
    /// independent of the others, and this is the largest part of a capture that the backend owns.
    /// - Parameter events: the events of a capture plan, in order.
    /// - Returns: their records, in the same order.
    public static func records(for events: [StoredEvent]) -> [EventRecord] {
        concurrentChunks(events.count, minimumChunk: 1_000) { range in
            let encoder = JSONDocumentEncoder()
            var cache: [String: ParsedURI] = [:]
            var parses = IdentifierParseCache()
            return events[range].map { EventRecord($0, encoder: encoder, cache: &cache, parses: &parses) }
        }
    }
}
