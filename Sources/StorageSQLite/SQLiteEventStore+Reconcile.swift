import Dispatch
public import Foundation
import GRDB
public import Storage
public import TraceEngine

/// What a reconciliation reads from the SQLite store: every event's trace facts, or with `since` only the
/// events that share an identifier or a business transaction with an event at or after that time.
extension SQLiteEventStore {
    /// How many event bodies one page reads before they are decoded on every core.
    static let reconcilePageSize = 20_000

    /// The events a reconciliation needs, in capture order.
    ///
    /// Without `since`, every event. With `since`, the events at or after it (one range look-up on the event
    /// time index), then every event that names one of their identifiers or business transactions (batched
    /// look-ups on the identifier and transaction indexes): each rule then sees the whole history of every lot,
    /// item and shipment that has something new, so its findings from `since` on are the same as a full run's.
    /// Bodies are read a page at a time and decoded on every core.
    /// - Parameter since: the earliest time of interest; nil for everything.
    /// - Returns: the events' trace facts.
    /// - Throws: ``Storage/StorageError`` `.internalFailure` when the store fails or a body cannot be read back.
    public func reconcileEvents(since: Date? = nil) async throws(StorageError) -> [TraceEvent] {
        var rows: [Int64]?
        if let since { rows = try await rowsSharingKeys(since: since) }
        let selected = rows
        return try await read { db in
            var events: [TraceEvent] = []
            if let rows = selected {
                for start in stride(from: 0, to: rows.count, by: Self.traceBatchSize) {
                    let batch = Array(rows[start..<min(start + Self.traceBatchSize, rows.count)])
                    let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                    let page = try Row.fetchAll(
                        db, sql: "SELECT hash_id, body FROM event WHERE id IN (\(marks)) ORDER BY id",
                        arguments: StatementArguments(batch)
                    ).map { (hash: $0["hash_id"] as String, body: $0["body"] as String) }
                    events += try Self.decodeConcurrently(page)
                }
                return events
            }
            var after = Int64.min
            while true {
                let found = try Row.fetchAll(
                    db, sql: "SELECT id, hash_id, body FROM event WHERE id > ? ORDER BY id LIMIT ?",
                    arguments: [after, Self.reconcilePageSize])
                guard let last = found.last else { break }
                after = last["id"]
                events += try Self.decodeConcurrently(found.map { (hash: $0["hash_id"], body: $0["body"]) })
            }
            return events
        }
    }

    /// The rows of the events at or after `since`, and of every event sharing an identifier or a business
    /// transaction with one of them, ascending.
    private func rowsSharingKeys(since: Date) async throws(StorageError) -> [Int64] {
        let from = Int64((since.timeIntervalSince1970 * 1_000).rounded(.down))
        return try await read { db in
            let recent = "SELECT id FROM event WHERE event_time_ms >= ?"
            let keys = try String.fetchAll(
                db, sql: "SELECT DISTINCT key FROM event_identifier WHERE event_row IN (\(recent))", arguments: [from])
            let transactions = try String.fetchAll(
                db, sql: "SELECT DISTINCT transaction_id FROM event_biz_transaction WHERE event_row IN (\(recent))",
                arguments: [from])
            var rows = Set(try Int64.fetchAll(db, sql: recent, arguments: [from]))
            for (values, sql) in [
                (keys, "SELECT event_row FROM event_identifier WHERE key IN"),
                (transactions, "SELECT event_row FROM event_biz_transaction WHERE transaction_id IN"),
            ] {
                for start in stride(from: 0, to: values.count, by: Self.traceBatchSize) {
                    let batch = Array(values[start..<min(start + Self.traceBatchSize, values.count)])
                    let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                    rows.formUnion(try Int64.fetchAll(db, sql: "\(sql) (\(marks))", arguments: StatementArguments(batch)))
                }
            }
            return rows.sorted()
        }
    }

    /// Decodes bodies into trace facts on every core, in order.
    static func decodeConcurrently(_ page: [(hash: String, body: String)]) throws -> [TraceEvent] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, page.count / 500))
        let chunk = (page.count + workers - 1) / max(workers, 1)
        var parts = [Result<[TraceEvent], any Error>](repeating: .success([]), count: workers)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Safe: iteration `worker` writes only `buffer[worker]`, and concurrentPerform returns after all.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * chunk)..<min((worker + 1) * chunk, page.count)
                var keys: [String: String] = [:]
                slots[worker] = Result {
                    try range.map {
                        TraceEvent(try SQLiteEventDecoding.decode(page[$0].body), fallbackID: page[$0].hash, keys: &keys)
                    }
                }
            }
        }
        return try parts.flatMap { try $0.get() }
    }
}
