public import Foundation
import GRDB
public import Storage

/// The SQLite store as a ``Storage/CaptureJobStore``: jobs in `capture_job`, each change one write transaction.
extension SQLiteEventStore: CaptureJobStore {
    public func enqueueCapture(_ job: CaptureJobRecord, body: Data) async throws(StorageError) {
        // Compressed here, on the request's thread, so that the one writer writes a tenth of the bytes.
        let kept = try CaptureJobBody.stored(body)
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM capture_job WHERE job_id = ?", arguments: [job.id]) == nil
            else { throw StorageError(.alreadyExists, "capture job \(job.id) already exists") }
            try db.execute(
                sql: """
                    INSERT INTO capture_job (job_id, created_at_ms, error_behaviour, captured_by, event_count, state,
                        body)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?)
                    """,
                arguments: [
                    job.id, SQLitePlatformRows.milliseconds(job.createdAt), job.errorBehaviour.rawValue, job.capturedBy,
                    job.eventCount, kept,
                ])
        }
    }

    public func pendingCaptureIDs() async throws(StorageError) -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT job_id FROM capture_job WHERE state = 'pending' ORDER BY seq")
        }
    }

    public func pendingCapture(id: String) async throws(StorageError) -> PendingCapture? {
        let kept = try await read { db -> PendingCapture? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT \(SQLiteCaptureJobs.columns), body FROM capture_job WHERE job_id = ? AND state = 'pending'",
                    arguments: [id])
            else { return nil }
            return PendingCapture(job: try SQLiteCaptureJobs.record(row), body: row["body"])
        }
        guard var pending = kept else { return nil }
        pending.body = try CaptureJobBody.original(pending.body)
        return pending
    }

    public func failCapture(id: String, errors: [CaptureJobError], detail: String, at date: Date)
        async throws(StorageError)
    {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE capture_job SET state = 'failed', finished_at_ms = ?, errors = ?, detail = ?, body = NULL
                    WHERE job_id = ? AND state = 'pending'
                    """,
                arguments: [SQLitePlatformRows.milliseconds(date), CaptureJobError.text(errors), detail, id])
            guard db.changesCount == 1 else { throw StorageError(.notFound, "no pending capture job \(id)") }
            try SQLiteCaptureJobs.forgetOld(in: db)
        }
    }

    public func captureJob(id: String) async throws(StorageError) -> CaptureJobRecord? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(SQLiteCaptureJobs.columns) FROM capture_job WHERE job_id = ?", arguments: [id]
            ).map(SQLiteCaptureJobs.record)
        }
    }

    public func captureJobs(capturedBy: String?, limit: Int) async throws(StorageError) -> [CaptureJobRecord] {
        try await read { db in
            let rows: [Row]
            if let capturedBy {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(SQLiteCaptureJobs.columns) FROM capture_job WHERE captured_by = ?
                        ORDER BY seq DESC LIMIT ?
                        """,
                    arguments: [capturedBy, limit])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(SQLiteCaptureJobs.columns) FROM capture_job ORDER BY seq DESC LIMIT ?",
                    arguments: [limit])
            }
            return try rows.map(SQLiteCaptureJobs.record)
        }
    }
}
