public import Foundation
import EPCIS
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

    /// The stored master data as the reconciler's registry (parties' licences, location owners, categories).
    /// - Returns: the registry.
    /// - Throws: ``Storage/StorageError`` when the store fails.
    public func partyRegistry() async throws(StorageError) -> PartyRegistry {
        PartyRegistry(masterData: try await allVocabularies())
    }

    /// Every vocabulary element with its attributes (the registry's and the sector rules' master data).
    /// - Throws: ``Storage/StorageError`` when the store fails.
    func allVocabularies() async throws(StorageError) -> [Vocabulary] {
        let logger = logger
        return try await withConnection { connection in
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
    }

    private static func traceEvents(_ rows: PostgresRowSequence) async throws -> [TraceEvent] {
        var events: [TraceEvent] = []
        for try await (_, eventID, hashID, body) in rows.decode((Int64, String, String, ByteBuffer).self) {
            let stored = try PostgresEventDecoding.storedEvent(eventID: eventID, hashID: hashID, body: body)
            events.append(TraceEvent(stored.event, fallbackID: hashID))
        }
        return events
    }
}

/// The PostgreSQL store as a ``TraceEngine/ReconcileSource``: trace facts from the index columns a page of event
/// rows at a time, as the SQLite store reads them (docs/decisions/0008-streaming-reconcile.md).
extension PostgresEventStore: ReconcileSource {
    /// How many events one page reads.
    static let reconcilePageSize: Int64 = 20_000

    /// Hands every event's trace facts to `page`, in capture order; with `since`, only the events at or after it
    /// and every event sharing an identifier or business transaction with one of them. References are event rows.
    public func scanReconcileEvents(
        since: Date?, page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws {
        let logger = logger
        let order = layout.rowOrder
        if let since {
            let from = Int64((since.timeIntervalSince1970 * 1_000).rounded(.down))
            let rows = try await withConnection { connection in
                var rows: [Int64] = []
                let found = try await connection.query(
                    """
                    WITH recent AS (SELECT id FROM event WHERE event_time_ms >= \(from))
                    SELECT id FROM recent
                    UNION SELECT event_row FROM event_identifier WHERE key IN (
                        SELECT key FROM event_identifier WHERE event_row IN (SELECT id FROM recent))
                    UNION SELECT event_row FROM event_biz_transaction WHERE transaction_id IN (
                        SELECT transaction_id FROM event_biz_transaction WHERE event_row IN (SELECT id FROM recent))
                    ORDER BY 1
                    """, logger: logger)
                for try await row in found.decode(Int64.self) { rows.append(row) }
                return rows
            }
            for start in stride(from: 0, to: rows.count, by: Int(Self.reconcilePageSize)) {
                let batch = Array(rows[start..<min(start + Int(Self.reconcilePageSize), rows.count)])
                await page(
                    try await withConnection {
                        try await Self.reconcilePage($0, rows: batch, order: order, logger: logger)
                    })
            }
            return
        }
        try await scanReconcileEvents(after: 0, page: page)
    }

    /// Hands the trace facts of every event row after `reference` to `page`, in capture order.
    public func scanReconcileEvents(
        after reference: Int64, page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws {
        let logger = logger
        let order = layout.rowOrder
        let (low, high) = try await withConnection { connection in
            var bounds: (Int64, Int64) = (1, 0)
            let found = try await connection.query(
                "SELECT (SELECT min(id) FROM event WHERE id > \(reference)), (SELECT max(id) FROM event)", logger: logger)
            // No row after `reference`: an empty range.
            for try await (low, high) in found.decode((Int64?, Int64?).self) { bounds = (low ?? 1, low == nil ? 0 : high ?? 0) }
            return bounds
        }
        var first = low
        while first <= high {
            let rows = Array(first...min(first + Self.reconcilePageSize - 1, high))
            await page(
                try await withConnection {
                    try await Self.reconcilePage($0, rows: rows, order: order, logger: logger)
                })
            first += Self.reconcilePageSize
        }
    }

    /// The state the last full run kept, restored for `reconciler`. Its parts are fetched first (PostgresNIO
    /// hands rows over asynchronously, the restore takes them synchronously), each let go once it is read.
    public func restoreReconciliation(for reconciler: Reconciler) async throws -> Reconciliation? {
        let logger = logger
        let stored: (header: (Int64, Int64, Int32), parts: [Data])? = try await withConnection { connection in
            var header: (Int64, Int64, Int32)?
            let rows = try await connection.query(
                "SELECT last_event_row, event_count, parts FROM reconcile_checkpoint WHERE id = 1", logger: logger)
            for try await row in rows.decode((Int64, Int64, Int32).self) { header = row }
            guard let header else { return nil }
            var parts: [Data] = []
            let found = try await connection.query(
                "SELECT bytes FROM reconcile_checkpoint_part ORDER BY part", logger: logger)
            for try await part in found.decode(Data.self) { parts.append(part) }
            return (header, parts)
        }
        guard var (header, parts) = stored else { return nil }
        var next = 0
        let recorded = CheckpointRecord(lastReference: header.0, eventCount: Int(header.1), parts: Int(header.2))
        return try Reconciliation.restore(for: reconciler, recorded: recorded) {
            guard next < parts.count else { return nil }
            defer { parts[next] = Data(); next += 1 }
            return [UInt8](parts[next])
        }
    }

    /// Keeps a run's state, in parts, in place of the last one, in one transaction.
    public func saveReconciliation(_ run: Reconciliation) async throws {
        let logger = logger
        var parts: [Data] = []
        try run.checkpoint { parts.append(Data($0)) }
        let bytes = parts.reduce(0) { $0 + $1.count }
        let stored = parts
        try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                try await connection.query("DELETE FROM reconcile_checkpoint_part", logger: logger)
                for (index, part) in stored.enumerated() {
                    try await connection.query(
                        "INSERT INTO reconcile_checkpoint_part (part, bytes) VALUES (\(Int32(index)), \(part))",
                        logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO reconcile_checkpoint (id, last_event_row, event_count, parts, bytes)
                    VALUES (1, \(run.lastReference), \(Int64(run.eventCount)), \(Int32(stored.count)), \(Int64(bytes)))
                    ON CONFLICT (id) DO UPDATE SET last_event_row = excluded.last_event_row,
                        event_count = excluded.event_count, parts = excluded.parts, bytes = excluded.bytes,
                        saved_at = now()
                    """, logger: logger)
            }
        }
    }

    /// The event IDs of event rows.
    public func eventIDs(references: [Int64]) async throws -> [Int64: String] {
        let logger = logger
        return try await withConnection { connection in
            var ids: [Int64: String] = [:]
            let rows = try await connection.query(
                "SELECT id, event_id FROM event WHERE id = ANY(\(references)::bigint[])", logger: logger)
            for try await (id, eventID) in rows.decode((Int64, String).self) { ids[id] = eventID }
            return ids
        }
    }

    /// The spelling each key was captured with: one event naming it (as an identifier, else a source or
    /// destination, a business location or a read point) is read back from its body.
    public func labels(keys: [String]) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT k.key, e.event_id, e.hash_id, e.body
                FROM unnest(\(keys)::text[]) AS k(key)
                CROSS JOIN LATERAL (SELECT coalesce(
                    (SELECT event_row FROM event_identifier WHERE key = k.key ORDER BY event_row LIMIT 1),
                    (SELECT event_row FROM event_party WHERE party = k.key LIMIT 1),
                    (SELECT id FROM event WHERE biz_location = k.key ORDER BY id LIMIT 1),
                    (SELECT id FROM event WHERE read_point = k.key ORDER BY id LIMIT 1)) AS row) AS found
                JOIN event e ON e.id = found.row
                """, logger: logger)
            var labels: [String: String] = [:]
            for try await (key, eventID, hashID, body) in rows.decode((String, String, String, ByteBuffer).self) {
                let stored = try PostgresEventDecoding.storedEvent(eventID: eventID, hashID: hashID, body: body)
                labels[key] = TraceEvent(stored.event, fallbackID: hashID).labels[key]
            }
            return labels
        }
    }

    /// The trace facts of some event rows from the index columns, in row order.
    /// - Parameter order: what orders one event's index rows as its document did (``PostgresLayout/rowOrder``).
    private static func reconcilePage(
        _ connection: PostgresConnection, rows: [Int64], order: String, logger: Logger
    ) async throws
        -> [(event: TraceEvent, reference: Int64)]
    {
        var facts = TraceFactsBuilder()
        var page: [(event: TraceEvent, reference: Int64)] = []
        let events = try await connection.query(
            """
            SELECT id, event_id, event_type, event_time_ms, action, biz_step, disposition, coalesce(biz_location, read_point)
            FROM event WHERE id = ANY(\(rows)::bigint[]) ORDER BY id
            """, logger: logger)
        for try await (id, eventID, type, milliseconds, action, bizStep, disposition, place) in events.decode(
            (Int64, String, String, Int64, String?, String?, String?, String?).self)
        {
            guard let event = facts.event(
                id: eventID, type: type, milliseconds: milliseconds, action: action, bizStep: bizStep,
                disposition: disposition, place: place)
            else { throw StorageError(.internalFailure, "event row \(id) has no known event type") }
            page.append((event, id))
        }
        guard !page.isEmpty else { return page }
        var walk = TraceFactsBuilder.RowWalk()
        let identifiers = try await connection.query(
            """
            SELECT event_row, role, key, quantity, uom FROM event_identifier
            WHERE event_row = ANY(\(rows)::bigint[]) ORDER BY event_row, \(unescaped: order)
            """, logger: logger)
        for try await (row, role, key, quantity, uom) in identifiers.decode((Int64, String, String, Double?, String?).self) {
            guard let at = walk.index(of: row, in: page) else { continue }
            TraceFactsBuilder.add(role: role, key: key, quantity: quantity, uom: uom, to: &page[at].event)
        }
        walk = TraceFactsBuilder.RowWalk()
        var sides = TraceFactsBuilder.Sides()
        let parties = try await connection.query(
            """
            SELECT event_row, direction, type, party FROM event_party
            WHERE event_row = ANY(\(rows)::bigint[]) ORDER BY event_row, \(unescaped: order)
            """, logger: logger)
        for try await (row, direction, type, party) in parties.decode((Int64, String, String, String).self) {
            guard let at = walk.index(of: row, in: page) else { continue }
            facts.add(direction: direction, type: type, party: party, to: &page[at].event, at: at, sides: &sides)
        }
        walk = TraceFactsBuilder.RowWalk()
        let transactions = try await connection.query(
            """
            SELECT event_row, transaction_id FROM event_biz_transaction
            WHERE event_row = ANY(\(rows)::bigint[]) ORDER BY event_row, \(unescaped: order)
            """, logger: logger)
        for try await (row, transaction) in transactions.decode((Int64, String).self) {
            guard let at = walk.index(of: row, in: page) else { continue }
            page[at].event.bizTransactions.append(transaction)
        }
        return page
    }
}
