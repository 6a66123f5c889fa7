import EPCIS
import Foundation
import Logging
import PostgresNIO
import Storage

/// The statements of the capture job table, on the caller's connection (and transaction).
enum PostgresCaptureJobs {
    /// The columns ``records(_:on:logger:)`` decodes, in order (a constant: safe for `unescaped:`).
    static let columns = """
        job_id, created_at_ms, error_behaviour, captured_by, event_count, state, finished_at_ms, \
        captured_event_count, errors, detail
        """

    /// Ends the pending job `id` as succeeded with what the capture stored, drops its body, and forgets the oldest
    /// ended jobs beyond ``Storage/retainedCaptureJobs``.
    /// - Throws: ``StorageError`` `.notFound` when the job is not pending: the capture then rolls back.
    static func succeed(
        _ id: String, receipt: CaptureReceipt, at date: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let finished = PostgresPlatformRows.milliseconds(date)
        let count = receipt.eventIDs.count
        let errors = CaptureJobError.text(receipt.jobErrors)
        let updated = try await connection.query(
            """
            UPDATE capture_job SET state = 'succeeded', finished_at_ms = \(finished), captured_event_count = \(count),
                errors = \(errors), body = NULL
            WHERE job_id = \(id) AND state = 'pending' RETURNING seq
            """, logger: logger
        ).collect()
        guard !updated.isEmpty else {
            throw StorageError(.notFound, "capture job \(id) is not pending; nothing was stored")
        }
        try await forgetOld(on: connection, logger: logger)
    }

    /// Forgets ended jobs older than the newest ``Storage/retainedCaptureJobs``.
    static func forgetOld(on connection: PostgresConnection, logger: Logger) async throws {
        let retained = Int64(retainedCaptureJobs)
        try await connection.query(
            """
            DELETE FROM capture_job WHERE state <> 'pending'
                AND seq <= (SELECT max(seq) FROM capture_job) - \(retained)
            """, logger: logger)
    }

    static func records(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws -> [CaptureJobRecord]
    {
        var jobs: [CaptureJobRecord] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (id, created, behaviour, sender, events, state, finished, captured, errors, detail) in rows.decode(
            (String, Int64, String, String, Int32, String, Int64?, Int32, String?, String?).self)
        {
            var job = CaptureJobRecord(
                id: id, createdAt: PostgresPlatformRows.date(created),
                errorBehaviour: CaptureContext.ErrorBehaviour(rawValue: behaviour) ?? .rollback, capturedBy: sender,
                eventCount: Int(events))
            job.state = CaptureJobRecord.State(rawValue: state) ?? .failed
            job.finishedAt = finished.map(PostgresPlatformRows.date)
            job.capturedEventCount = Int(captured)
            job.errors = try CaptureJobError.list(errors)
            job.detail = detail
            jobs.append(job)
        }
        return jobs
    }
}
