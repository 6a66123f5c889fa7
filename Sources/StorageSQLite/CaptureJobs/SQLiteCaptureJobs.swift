import EPCIS
import Foundation
import GRDB
import Storage

/// The statements of the capture job table, run in the caller's transaction.
enum SQLiteCaptureJobs {
    /// Ends the pending job `id` as succeeded with what the capture stored, drops its body, and forgets the oldest
    /// ended jobs beyond ``Storage/retainedCaptureJobs``.
    /// - Throws: ``StorageError`` `.notFound` when the job is not pending: the capture then rolls back.
    static func succeed(_ id: String, receipt: CaptureReceipt, at date: Date, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE capture_job SET state = 'succeeded', finished_at_ms = ?, captured_event_count = ?, errors = ?,
                    body = NULL
                WHERE job_id = ? AND state = 'pending'
                """,
            arguments: [
                SQLitePlatformRows.milliseconds(date), receipt.eventIDs.count, CaptureJobError.text(receipt.jobErrors), id,
            ])
        guard db.changesCount == 1 else {
            throw StorageError(.notFound, "capture job \(id) is not pending; nothing was stored")
        }
        try forgetOld(in: db)
    }

    /// Forgets ended jobs older than the newest ``Storage/retainedCaptureJobs``.
    static func forgetOld(in db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM capture_job WHERE state <> 'pending'
                    AND seq <= (SELECT max(seq) FROM capture_job) - ?
                """,
            arguments: [retainedCaptureJobs])
    }

    static func record(_ row: Row) throws -> CaptureJobRecord {
        let behaviour: String = row["error_behaviour"]
        var job = CaptureJobRecord(
            id: row["job_id"], createdAt: SQLitePlatformRows.date(row["created_at_ms"]),
            errorBehaviour: CaptureContext.ErrorBehaviour(rawValue: behaviour) ?? .rollback,
            capturedBy: row["captured_by"], eventCount: row["event_count"])
        let state: String = row["state"]
        job.state = CaptureJobRecord.State(rawValue: state) ?? .failed
        job.finishedAt = (row["finished_at_ms"] as Int64?).map(SQLitePlatformRows.date)
        job.capturedEventCount = row["captured_event_count"]
        job.errors = try CaptureJobError.list(row["errors"])
        job.detail = row["detail"]
        return job
    }

    /// The columns of a job without its body.
    static let columns = """
        job_id, created_at_ms, error_behaviour, captured_by, event_count, state, finished_at_ms, captured_event_count,
        errors, detail
        """
}
