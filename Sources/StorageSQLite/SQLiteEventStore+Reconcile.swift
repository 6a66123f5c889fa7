import Dispatch
public import Foundation
import GRDB
import Storage
public import TraceEngine

/// The SQLite store as a ``TraceEngine/ReconcileSource``: every event's trace facts read from the index columns
/// (`event`, `event_identifier`, `event_party`, `event_biz_transaction`) a page of rows at a time, so that a
/// reconciliation never decodes an event body nor holds the events (docs/decisions/0008-streaming-reconcile.md,
/// 0010-reconcile-reads-by-rowid-range.md).
extension SQLiteEventStore: ReconcileSource {
    /// Hands every event's trace facts to `page`, in capture order; with `since`, only the events at or after it
    /// and every event sharing an identifier or business transaction with one of them (see
    /// ``TraceEngine/ReconcileSource``). References are the event rows.
    public func scanReconcileEvents(
        since: Date?, page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws {
        // Each page is its own read, so that the caller can fold one page while the next ones are read: two reads
        // at a time (a file store has a reader connection for each), handed over in capture order. Rows are only
        // ever appended, and the pages stop at the last row of the first read.
        var selections: [ReconcileColumnReader.Rows] = []
        if let since {
            let rows = try await rowsSharingKeys(since: since)
            let size = Int(reconcilePageSize)
            for start in stride(from: 0, to: rows.count, by: size) {
                selections.append(.list(Array(rows[start..<min(start + size, rows.count)])))
            }
        } else {
            selections = try await rangeSelections(after: 0)
        }
        try await scanReconcileEvents(selections, page: page)
    }

    /// Hands the trace facts of every event row after `reference` to `page`, in capture order.
    public func scanReconcileEvents(
        after reference: Int64, page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws {
        try await scanReconcileEvents(try await rangeSelections(after: reference), page: page)
    }

    /// The pages of event rows after `reference`, up to the last row there is now.
    private func rangeSelections(after reference: Int64) async throws -> [ReconcileColumnReader.Rows] {
        let (first, last) = try await read { db in
            (try Int64.fetchOne(db, sql: "SELECT min(id) FROM event WHERE id > ?", arguments: [reference]),
             try Int64.fetchOne(db, sql: "SELECT max(id) FROM event"))
        }
        guard let low = first, let high = last else { return [] }
        return stride(from: low, through: high, by: Int(reconcilePageSize)).map {
            .range($0, min($0 + reconcilePageSize - 1, high))
        }
    }

    private func scanReconcileEvents(
        _ selections: [ReconcileColumnReader.Rows],
        page: @escaping @Sendable (_ events: [(event: TraceEvent, reference: Int64)]) async -> Void
    ) async throws {
        var reading: [Task<[(event: TraceEvent, reference: Int64)], any Error>] = []
        defer { for task in reading { task.cancel() } }
        for selection in selections {
            reading.append(Task { [self] in
                try await read { db in
                    var reader = ReconcileColumnReader()
                    return try reader.events(db, rows: selection)
                }
            })
            if reading.count == Self.reconcileReadsAhead { await page(try await reading.removeFirst().value) }
        }
        while !reading.isEmpty { await page(try await reading.removeFirst().value) }
    }

    /// How many pages are read at once.
    static let reconcileReadsAhead = 2

    /// The state the last full run kept, restored for `reconciler`: its parts are read one after the other into
    /// the state, never all at once. Damaged bytes throw ``TraceEngine/CheckpointError`` as it is.
    public func restoreReconciliation(for reconciler: Reconciler) async throws -> Reconciliation? {
        let restored: Result<Reconciliation?, CheckpointError> = try await read { db in
            guard let header = try Row.fetchOne(
                db, sql: "SELECT generation, last_event_row, event_count, parts FROM reconcile_checkpoint WHERE id = 1")
            else { return .success(nil) }
            let parts = try Row.fetchCursor(
                db, sql: "SELECT bytes FROM reconcile_checkpoint_part WHERE generation = ? ORDER BY part",
                arguments: [header["generation"] as String])
            let recorded = CheckpointRecord(
                lastReference: header["last_event_row"], eventCount: header["event_count"], parts: header["parts"])
            do {
                return .success(try Reconciliation.restore(for: reconciler, recorded: recorded) {
                    try parts.next().map { row in try row.withUnsafeData(atIndex: 0) { [UInt8]($0 ?? Data()) } }
                })
            } catch let error as CheckpointError {
                return .failure(error)
            }
        }
        return try restored.get()
    }

    /// Keeps a run's state in place of the last one. The parts of a new generation are written a few at a time, each
    /// batch its own transaction, so that captures wait for one batch at most, never for the whole state; then one
    /// transaction points the checkpoint at them and drops every other generation. A reader sees the old checkpoint
    /// or the new one, whole. Should another process's save have pointed the checkpoint at its own parts in the
    /// meantime (dropping these), that checkpoint stands and this state is not kept.
    public func saveReconciliation(_ run: Reconciliation) async throws {
        let generation = UUID().uuidString
        let writer = writer
        do {
            try await Task.detached {
                var batch: [Data] = []
                var parts = 0
                var bytes = 0
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    let first = parts - batch.count
                    let written = batch
                    try writer.write { db in
                        let insert = try db.cachedStatement(
                            sql: "INSERT INTO reconcile_checkpoint_part (generation, part, bytes) VALUES (?, ?, ?)")
                        for (offset, part) in written.enumerated() {
                            try insert.execute(arguments: [generation, first + offset, part])
                        }
                    }
                    batch.removeAll()
                }
                try run.checkpoint { part in
                    batch.append(Data(part))
                    parts += 1
                    bytes += part.count
                    if batch.count == Self.checkpointPartsPerWrite { try flush() }
                }
                try flush()
                let (count, size) = (parts, bytes)
                try writer.write { db in
                    // Another process's save, pointing at its own parts, dropped these: its checkpoint stands.
                    let written = try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM reconcile_checkpoint_part WHERE generation = ?",
                        arguments: [generation])
                    guard written == count else {
                        try db.execute(
                            sql: "DELETE FROM reconcile_checkpoint_part WHERE generation = ?", arguments: [generation])
                        return
                    }
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO reconcile_checkpoint
                                (id, generation, last_event_row, event_count, parts, bytes, saved_at)
                            VALUES (1, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                            """,
                        arguments: [generation, run.lastReference, run.eventCount, count, size])
                    try db.execute(sql: "DELETE FROM reconcile_checkpoint_part WHERE generation <> ?", arguments: [generation])
                }
            }.value
        } catch {
            // A save that failed half-way leaves parts no checkpoint points at: they go, the old checkpoint stays.
            _ = try? await write { db in
                try db.execute(
                    sql: """
                        DELETE FROM reconcile_checkpoint_part
                        WHERE generation = ? AND generation <> coalesce((SELECT generation FROM reconcile_checkpoint), '')
                        """,
                    arguments: [generation])
            }
            throw Self.storageError(error)
        }
    }

    /// How many checkpoint parts (8 MB each) one write transaction takes.
    static let checkpointPartsPerWrite = 4

    /// The event IDs of event rows.
    public func eventIDs(references: [Int64]) async throws -> [Int64: String] {
        try await read { db in
            var ids: [Int64: String] = [:]
            ids.reserveCapacity(references.count)
            for start in stride(from: 0, to: references.count, by: Self.traceBatchSize) {
                let batch = Array(references[start..<min(start + Self.traceBatchSize, references.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, event_id, hash FROM event WHERE id IN (\(marks))",
                    arguments: StatementArguments(batch))
                while let row = try rows.next() { ids[row["id"]] = try SQLiteEventDecoding.eventID(row) }
            }
            return ids
        }
    }

    /// The spelling each key was captured with: one event naming it (as an identifier, else a source or
    /// destination, a business location or a read point) is read back from its body.
    public func labels(keys: [String]) async throws -> [String: String] {
        try await read { db in
            var rows: [Int64: [String]] = [:]
            let statement = try db.cachedStatement(
                sql: """
                    WITH t AS (SELECT id FROM term WHERE text = ?1)
                    SELECT coalesce(
                        (SELECT event_row FROM event_identifier WHERE term = (SELECT id FROM t)
                            ORDER BY event_row LIMIT 1),
                        (SELECT event_row FROM event_party WHERE party = (SELECT id FROM t) LIMIT 1),
                        (SELECT id FROM event WHERE biz_location = (SELECT id FROM t) ORDER BY id LIMIT 1),
                        (SELECT id FROM event WHERE read_point = (SELECT id FROM t) ORDER BY id LIMIT 1))
                    """)
            for key in keys {
                if let row = try Int64.fetchOne(statement, arguments: [key]) { rows[row, default: []].append(key) }
            }
            let wanted = rows.keys.sorted()
            var labels: [String: String] = [:]
            for start in stride(from: 0, to: wanted.count, by: Self.traceBatchSize) {
                let batch = Array(wanted[start..<min(start + Self.traceBatchSize, wanted.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let page = try Row.fetchAll(
                    db, sql: "SELECT id, hash, body FROM event WHERE id IN (\(marks)) ORDER BY id",
                    arguments: StatementArguments(batch)
                )
                let events = try Self.decodeConcurrently(
                    page.map { (hash: try SQLiteEventDecoding.hashID($0), body: try SQLiteEventDecoding.body($0)) })
                for (row, event) in zip(page, events) {
                    for key in rows[row["id"] as Int64] ?? [] { labels[key] = event.labels[key] }
                }
            }
            return labels
        }
    }

    /// The rows of the events at or after `since`, and of every event sharing an identifier or a business
    /// transaction with one of them, ascending.
    private func rowsSharingKeys(since: Date) async throws(StorageError) -> [Int64] {
        let from = Int64((since.timeIntervalSince1970 * 1_000).rounded(.down))
        return try await read { db in
            let recent = "SELECT id FROM event WHERE event_time_ms >= ?"
            let keys = try Int64.fetchAll(
                db, sql: "SELECT DISTINCT term FROM event_identifier WHERE event_row IN (\(recent))", arguments: [from])
            let transactions = try Int64.fetchAll(
                db, sql: "SELECT DISTINCT transaction_id FROM event_biz_transaction WHERE event_row IN (\(recent))",
                arguments: [from])
            var rows = Set(try Int64.fetchAll(db, sql: recent, arguments: [from]))
            for (values, sql) in [
                (keys, "SELECT event_row FROM event_identifier WHERE term IN"),
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
        try concurrentChunks(page.count) { range in
            var keys: [String: String] = [:]
            return try range.map {
                TraceEvent(try SQLiteEventDecoding.decode(page[$0].body), fallbackID: page[$0].hash, keys: &keys)
            }
        }
    }
}

/// Builds trace facts from the index columns of a set of event rows: one statement per table, each in row
/// order, merged by walking the page. The event columns come from the covering index `event_facts`, not from the
/// table with the bodies, and the strings from `term`.
///
/// `event_identifier`, `event_party` and `event_biz_transaction` are clustered by `(event_row, seq)`, so the rows of a
/// range of events (a full scan) are one range of each table, in event order.
struct ReconcileColumnReader {
    /// Which events to read.
    enum Rows {
        /// Every event row from the first to the last, both included.
        case range(Int64, Int64)
        /// These event rows, ascending.
        case list([Int64])
    }

    private var facts = TraceFactsBuilder()

    /// The events of the selected rows, in row order.
    mutating func events(_ db: Database, rows: Rows) throws -> [(event: TraceEvent, reference: Int64)] {
        if case .list(let list) = rows {
            // Lists are read in parts that keep the `IN (…)` within SQLite's bound on parameters.
            let size = SQLiteEventStore.traceBatchSize
            var events: [(event: TraceEvent, reference: Int64)] = []
            for start in stride(from: 0, to: list.count, by: size) {
                let part = Array(list[start..<min(start + size, list.count)])
                events += try self.page(db, rows: .list(part))
            }
            return events
        }
        return try page(db, rows: rows)
    }

    private mutating func page(_ db: Database, rows: Rows) throws -> [(event: TraceEvent, reference: Int64)] {
        let (condition, arguments): (String, StatementArguments)
        switch rows {
        case .range(let first, let last): (condition, arguments) = ("BETWEEN ? AND ?", [first, last])
        case .list(let list):
            (condition, arguments) = (
                "IN (" + Array(repeating: "?", count: list.count).joined(separator: ", ") + ")",
                StatementArguments(list)
            )
        }
        var page: [(event: TraceEvent, reference: Int64)] = []
        // The fold names events by row; their IDs are looked up for the findings only (eventIDs(references:)).
        let events = try Row.fetchCursor(db.cachedStatement(sql: Self.eventsSQL(condition)), arguments: arguments)
        while let row = try events.next() {
            let reference: Int64 = row[0]
            guard let event = facts.event(
                id: "", type: row[1], milliseconds: row[2], action: row[3], bizStep: row[4], disposition: row[5],
                place: row[7] ?? row[6])
            else { throw StorageError(.internalFailure, "event row \(reference) has no known event type") }
            page.append((event, reference))
        }
        guard !page.isEmpty else { return page }
        func children(_ sql: String) throws -> RowCursor {
            try Row.fetchCursor(
                db.cachedStatement(sql: sql + " WHERE c.event_row \(condition) ORDER BY c.event_row, c.seq"),
                arguments: arguments)
        }
        try Self.walk(
            children(
                """
                SELECT c.event_row, c.role, k.text, c.quantity, c.uom FROM event_identifier c
                JOIN term k ON k.id = c.term
                """),
            &page
        ) { row, event, _ in
            TraceFactsBuilder.add(
                role: SQLiteEventCodes.roleName(row[1]), key: row[2], quantity: row[3], uom: row[4], to: &event)
        }
        var sides = TraceFactsBuilder.Sides()
        try Self.walk(
            children(
                """
                SELECT c.event_row, c.direction, t.text, p.text FROM event_party c
                JOIN term t ON t.id = c.type JOIN term p ON p.id = c.party
                """),
            &page
        ) { row, event, at in
            facts.add(
                direction: SQLiteEventCodes.directionName(row[1]), type: row[2], party: row[3], to: &event, at: at,
                sides: &sides)
        }
        try Self.walk(
            children("SELECT c.event_row, t.text FROM event_biz_transaction c JOIN term t ON t.id = c.transaction_id"),
            &page
        ) { row, event, _ in
            event.bizTransactions.append(row[1])
        }
        return page
    }

    /// Hands each child row (event row first) to `body` with its event and the event's place in the page.
    private static func walk(
        _ cursor: RowCursor, _ page: inout [(event: TraceEvent, reference: Int64)],
        _ body: (Row, inout TraceEvent, Int) throws -> Void
    ) throws {
        var walk = TraceFactsBuilder.RowWalk()
        while let row = try cursor.next() {
            let eventRow: Int64 = row[0]
            guard let at = walk.index(of: eventRow, in: page) else { continue }
            try body(row, &page[at].event, at)
        }
    }

    /// The event columns of the rows `id` the condition selects (`BETWEEN ? AND ?` or `IN (…)`), in row order, with
    /// the terms' texts.
    static func eventsSQL(_ condition: String) -> String {
        """
        SELECT e.id, \(text("event_type")), e.event_time_ms, \(text("action")), \(text("biz_step")),
            \(text("disposition")), \(text("read_point")), \(text("biz_location"))
        FROM event e INDEXED BY event_facts WHERE e.id \(condition) ORDER BY e.id
        """
    }

    /// The text of the term in column `column` of `e` (NULL stays NULL).
    private static func text(_ column: String) -> String {
        "(SELECT text FROM term WHERE id = e.\(column))"
    }
}
