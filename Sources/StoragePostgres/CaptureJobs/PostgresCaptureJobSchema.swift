/// The capture job table (migration step `v7-capture-jobs`), as in SQLite: every accepted `POST /capture` with its
/// document until it runs, and its outcome after.
enum PostgresCaptureJobSchema {
    static let statements = [
        """
        CREATE TABLE capture_job (
            seq BIGSERIAL PRIMARY KEY,
            job_id TEXT NOT NULL UNIQUE CHECK (job_id <> ''),
            created_at_ms BIGINT NOT NULL,
            error_behaviour TEXT NOT NULL CHECK (error_behaviour IN ('rollback', 'proceed')),
            captured_by TEXT NOT NULL,
            event_count INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
            finished_at_ms BIGINT,
            captured_event_count INTEGER NOT NULL DEFAULT 0,
            errors TEXT,
            detail TEXT,
            body BYTEA,
            CHECK ((state = 'pending') = (body IS NOT NULL)),
            CHECK ((state = 'pending') = (finished_at_ms IS NULL))
        )
        """,
        "CREATE INDEX capture_job_pending ON capture_job(seq) WHERE state = 'pending'",
        "CREATE INDEX capture_job_sender ON capture_job(captured_by, seq)",
    ]
}
