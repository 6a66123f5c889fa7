import GRDB

/// The capture job table (migration step `v9-capture-jobs`): every accepted `POST /capture` with its document until
/// it runs, and its outcome after. A pending job holds its body; an ended one does not (the CHECK says so).
enum SQLiteCaptureJobSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE capture_job (
                    seq INTEGER PRIMARY KEY,
                    job_id TEXT NOT NULL UNIQUE CHECK (job_id <> ''),
                    created_at_ms INTEGER NOT NULL,
                    error_behaviour TEXT NOT NULL CHECK (error_behaviour IN ('rollback', 'proceed')),
                    captured_by TEXT NOT NULL,
                    event_count INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
                    finished_at_ms INTEGER,
                    captured_event_count INTEGER NOT NULL DEFAULT 0,
                    errors TEXT,
                    detail TEXT,
                    body BLOB,
                    CHECK ((state = 'pending') = (body IS NOT NULL)),
                    CHECK ((state = 'pending') = (finished_at_ms IS NULL))
                );
                CREATE INDEX capture_job_pending ON capture_job(seq) WHERE state = 'pending';
                CREATE INDEX capture_job_sender ON capture_job(captured_by, seq);
                """)
    }
}
