import Dispatch
import EPCIS
import Foundation

extension EventRecord {
    /// Maps stored events to their rows on every core: each event's body encoding and identifier parsing is
    /// independent of the others, and this is the largest part of a capture that the backend owns.
    /// - Parameter events: the events of a capture plan, in order.
    /// - Returns: their records, in the same order.
    public static func records(for events: [StoredEvent]) -> [EventRecord] {
        let encoder = JSONDocumentEncoder()
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, events.count / 1_000))
        guard workers > 1 else {
            var cache: [String: ParsedURI] = [:]
            return events.map { EventRecord($0, encoder: encoder, cache: &cache) }
        }
        let chunk = (events.count + workers - 1) / workers
        var parts = [[EventRecord]](repeating: [], count: workers)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Safe: iteration `worker` writes only `buffer[worker]`, no two iterations share an element, and
            // concurrentPerform returns after every iteration has finished.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * chunk)..<min((worker + 1) * chunk, events.count)
                var cache: [String: ParsedURI] = [:]
                slots[worker] = events[range].map { EventRecord($0, encoder: encoder, cache: &cache) }
            }
        }
        return parts.flatMap { $0 }
    }
}
