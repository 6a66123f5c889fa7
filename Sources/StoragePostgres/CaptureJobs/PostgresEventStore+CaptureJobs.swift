public import Foundation
import Logging
import PostgresNIO
public import Storage

/// The PostgreSQL store as a ``Storage/CaptureJobStore``: jobs in `capture_job`.
extension PostgresEventStore: CaptureJobStore {
    public func enqueueCapture(_ job: CaptureJobRecord, body: Data) async throws(StorageError) {
        let logger = logger
        let created = PostgresPlatformRows.milliseconds(job.createdAt)
        let behaviour = job.errorBehaviour.rawValue
        let events = Int32(clamping: job.eventCount)
        try await withConnection { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO capture_job (job_id, created_at_ms, error_behaviour, captured_by, event_count, state, body)
                VALUES (\(job.id), \(created), \(behaviour), \(job.capturedBy), \(events), 'pending', \(body))
                ON CONFLICT DO NOTHING RETURNING seq
                """, logger: logger
            ).collect()
            guard !inserted.isEmpty else { throw StorageError(.alreadyExists, "capture job \(job.id) already exists") }
        }
    }

    public func pendingCaptureIDs() async throws(StorageError) -> [String] {
        let logger = logger
        return try await withConnection { connection in
            var ids: [String] = []
            let rows = try await connection.query(
                "SELECT job_id FROM capture_job WHERE state = 'pending' ORDER BY seq", logger: logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }

    public func pendingCapture(id: String) async throws(StorageError) -> PendingCapture? {
        let logger = logger
        return try await withConnection { connection in
            guard
                let job = try await PostgresCaptureJobs.records(
                    """
                    SELECT \(unescaped: PostgresCaptureJobs.columns) FROM capture_job
                    WHERE job_id = \(id) AND state = 'pending'
                    """, on: connection, logger: logger
                ).first
            else { return nil }
            var body = Data()
            let rows = try await connection.query(
                "SELECT body FROM capture_job WHERE job_id = \(id) AND state = 'pending'", logger: logger)
            for try await bytes in rows.decode(Data.self) { body = bytes }
            return PendingCapture(job: job, body: body)
        }
    }

    public func failCapture(id: String, errors: [CaptureJobError], detail: String, at date: Date)
        async throws(StorageError)
    {
        let logger = logger
        let finished = PostgresPlatformRows.milliseconds(date)
        let text = CaptureJobError.text(errors)
        try await withConnection { connection in
            let updated = try await connection.query(
                """
                UPDATE capture_job SET state = 'failed', finished_at_ms = \(finished), errors = \(text),
                    detail = \(detail), body = NULL
                WHERE job_id = \(id) AND state = 'pending' RETURNING seq
                """, logger: logger
            ).collect()
            guard !updated.isEmpty else { throw StorageError(.notFound, "no pending capture job \(id)") }
            try await PostgresCaptureJobs.forgetOld(on: connection, logger: logger)
        }
    }

    public func captureJob(id: String) async throws(StorageError) -> CaptureJobRecord? {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresCaptureJobs.records(
                "SELECT \(unescaped: PostgresCaptureJobs.columns) FROM capture_job WHERE job_id = \(id)",
                on: connection, logger: logger
            ).first
        }
    }

    public func captureJobs(capturedBy: String?, limit: Int) async throws(StorageError) -> [CaptureJobRecord] {
        let logger = logger
        let limit = Int64(limit)
        return try await withConnection { connection in
            if let capturedBy {
                return try await PostgresCaptureJobs.records(
                    """
                    SELECT \(unescaped: PostgresCaptureJobs.columns) FROM capture_job WHERE captured_by = \(capturedBy)
                    ORDER BY seq DESC LIMIT \(limit)
                    """, on: connection, logger: logger)
            }
            return try await PostgresCaptureJobs.records(
                """
                SELECT \(unescaped: PostgresCaptureJobs.columns) FROM capture_job ORDER BY seq DESC LIMIT \(limit)
                """, on: connection, logger: logger)
        }
    }
}
