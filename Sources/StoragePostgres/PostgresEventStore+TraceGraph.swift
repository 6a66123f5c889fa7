public import Foundation
public import EPCIS
import Logging
import PostgresNIO
public import Storage
public import TraceEngine

/// The PostgreSQL store as a ``TraceEngine/TraceGraphSource``: one indexed look-up per frontier
/// (`event_identifier(key, event_row)` with `key = ANY($1)`), never a recursive query, so that it runs on a
/// sharded engine too (docs/decisions/0005-trace-graph-source.md).
extension PostgresEventStore: TraceGraphSource {
    /// Every stored event naming one of the keys in an object or class role.
    /// - Parameter keys: canonical identifier keys.
    /// - Returns: the events' trace facts, each once, in capture order.
    /// - Throws: ``Storage/StorageError`` when the store fails or a body cannot be read back.
    public func events(touching keys: Set<String>) async throws -> [TraceEvent] {
        guard !keys.isEmpty else { return [] }
        let keys = Array(keys)
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT id, event_id, hash_id, body FROM event
                WHERE id IN (SELECT event_row FROM event_identifier WHERE key = ANY(\(keys)::text[]))
                ORDER BY id
                """, logger: logger)
            return try await Self.traceEvents(rows)
        }
    }

    /// The trace facts a reconciliation from a time on needs, the same rows as the SQLite store reads.
    ///
    /// Without `since`, every event. With `since`, the events at or after it and every event that names one of
    /// their identifiers or business transactions (indexed look-ups in one statement, no recursion): each rule
    /// then sees the whole history of every lot, item and shipment that has something new.
    /// - Parameter since: the earliest time of interest; nil for everything.
    /// - Returns: the events' trace facts in capture order.
    /// - Throws: ``Storage/StorageError`` when the store fails.
    public func reconcileEvents(since: Date? = nil) async throws(StorageError) -> [TraceEvent] {
        guard let since else { return try await traceEvents(since: nil) }
        let from = Int64((since.timeIntervalSince1970 * 1_000).rounded(.down))
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                WITH recent AS (SELECT id FROM event WHERE event_time_ms >= \(from))
                SELECT id, event_id, hash_id, body FROM event WHERE id IN (
                    SELECT id FROM recent
                    UNION SELECT event_row FROM event_identifier WHERE key IN (
                        SELECT key FROM event_identifier WHERE event_row IN (SELECT id FROM recent))
                    UNION SELECT event_row FROM event_biz_transaction WHERE transaction_id IN (
                        SELECT transaction_id FROM event_biz_transaction WHERE event_row IN (SELECT id FROM recent)))
                ORDER BY id
                """, logger: logger)
            return try await Self.traceEvents(rows)
        }
    }

    /// Every stored event's trace facts in capture order, for a reconciliation; `since` keeps events that
    /// happened at or after a time.
    /// - Parameter since: the earliest event time to read; nil for all.
    /// - Returns: the events.
    /// - Throws: ``Storage/StorageError`` when the store fails.
    public func traceEvents(since: EPCISDateTime? = nil) async throws(StorageError) -> [TraceEvent] {
        let from = since.map { EventRecord.milliseconds($0) } ?? Int64.min
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                "SELECT id, event_id, hash_id, body FROM event WHERE event_time_ms >= \(from) ORDER BY id",
                logger: logger)
            return try await Self.traceEvents(rows)
        }
    }

    /// The stored master data as the reconciler's registry (parties' licences, location owners, categories).
    /// - Returns: the registry.
    /// - Throws: ``Storage/StorageError`` when the store fails.
    public func partyRegistry() async throws(StorageError) -> PartyRegistry {
        let logger = logger
        let vocabularies = try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT e.vocabulary_type, e.element_key, a.attribute, a.value
                FROM vocabulary_element e JOIN vocabulary_attribute a ON a.element = e.id
                ORDER BY e.id
                """, logger: logger)
            var order: [String] = []
            var elements: [String: [String: VocabularyElement]] = [:]
            for try await (type, key, attribute, value) in rows.decode((String, String, String, String).self) {
                if elements[type] == nil { order.append(type) }
                var element = elements[type]?[key] ?? VocabularyElement(id: key)
                element.attributes.append(VocabularyAttribute(id: attribute, value: .string(value)))
                elements[type, default: [:]][key] = element
            }
            return order.map { Vocabulary(type: $0, elements: Array(elements[$0, default: [:]].values)) }
        }
        return PartyRegistry(masterData: vocabularies)
    }

    private static func traceEvents(_ rows: PostgresRowSequence) async throws -> [TraceEvent] {
        var events: [TraceEvent] = []
        for try await (_, eventID, hashID, body) in rows.decode((Int64, String, String, String).self) {
            let stored = try PostgresEventDecoding.storedEvent(eventID: eventID, hashID: hashID, body: body)
            events.append(TraceEvent(stored.event, fallbackID: hashID))
        }
        return events
    }
}
