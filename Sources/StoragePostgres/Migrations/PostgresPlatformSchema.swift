/// The platform tables (migration step `v4-platform`), the same logical schema as the SQLite store's: access keys,
/// named queries and their subscriptions, the party registry's change history and consumer scans. Times are whole
/// milliseconds since 1970 (`*_ms`), as in the recall tables; a cursor's IDs are a `TEXT[]` (JSON text in SQLite).
enum PostgresPlatformSchema {
    static let statements = [
        """
        CREATE TABLE access_key (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            key_id TEXT NOT NULL UNIQUE CHECK (key_id <> ''),
            secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
            role TEXT NOT NULL CHECK (role IN ('admin', 'regulator', 'party')),
            party TEXT,
            label TEXT,
            created_at_ms BIGINT NOT NULL,
            revoked_at_ms BIGINT,
            CHECK ((role = 'party' AND party IS NOT NULL AND party <> '') OR (role <> 'party' AND party IS NULL))
        )
        """,
        """
        CREATE TABLE named_query (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            parameters TEXT NOT NULL,
            owner TEXT,
            created_at_ms BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE subscription (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subscription_id TEXT NOT NULL UNIQUE,
            query_name TEXT NOT NULL REFERENCES named_query(name) ON DELETE CASCADE,
            destination TEXT NOT NULL,
            signing_secret TEXT,
            stream BOOLEAN NOT NULL,
            owner TEXT,
            created_at_ms BIGINT NOT NULL,
            initial_record_time_ms BIGINT NOT NULL,
            cursor_record_time_ms BIGINT,
            cursor_ids TEXT[],
            CHECK ((cursor_record_time_ms IS NULL) = (cursor_ids IS NULL))
        )
        """,
        "CREATE INDEX subscription_query_name ON subscription(query_name)",
        """
        CREATE TABLE party_change (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            party TEXT NOT NULL,
            attribute TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            changed_by TEXT NOT NULL,
            changed_at_ms BIGINT NOT NULL,
            reason TEXT
        )
        """,
        "CREATE INDEX party_change_changed_at ON party_change(changed_at_ms, id)",
        "CREATE INDEX party_change_party ON party_change(party, changed_at_ms, id)",
        """
        CREATE TABLE consumer_scan (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            key TEXT NOT NULL,
            scanned_at_ms BIGINT NOT NULL,
            origin TEXT
        )
        """,
        "CREATE INDEX consumer_scan_key ON consumer_scan(key, scanned_at_ms)",
        // Master data read back keeps attributes and children in the order they were stored, as SQLite does by
        // rowid: PostgreSQL promises no order of its own, so these rows get a sequence number (existing rows too).
        "ALTER TABLE vocabulary_attribute ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY",
        "ALTER TABLE vocabulary_child ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY",
    ]

    /// Step `v5-scheduled-subscriptions`: a subscription's schedule (its fields as a JSON object; NULL for a
    /// stream), whether empty runs are reported, and when the destination last acknowledged a delivery.
    static let scheduleStatements = [
        "ALTER TABLE subscription ADD COLUMN schedule TEXT",
        "ALTER TABLE subscription ADD COLUMN report_if_empty BOOLEAN NOT NULL DEFAULT false",
        "ALTER TABLE subscription ADD COLUMN last_notified_ms BIGINT",
        """
        ALTER TABLE subscription ADD CONSTRAINT subscription_stream_or_schedule
            CHECK (stream <> (schedule IS NOT NULL))
        """,
    ]
}
