import GRDB

/// The platform tables (migration step `v4-platform`): access keys, named queries and their subscriptions, the
/// party registry's change history and consumer scans. Times are whole milliseconds since 1970 (`*_ms`), as in
/// the recall tables.
enum SQLitePlatformSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE access_key (
                    id INTEGER PRIMARY KEY,
                    key_id TEXT NOT NULL UNIQUE CHECK (key_id <> ''),
                    secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'regulator', 'party')),
                    party TEXT,
                    label TEXT,
                    created_at_ms INTEGER NOT NULL,
                    revoked_at_ms INTEGER,
                    CHECK ((role = 'party' AND party IS NOT NULL AND party <> '')
                        OR (role <> 'party' AND party IS NULL))
                );
                CREATE TABLE named_query (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    parameters TEXT NOT NULL,
                    owner TEXT,
                    created_at_ms INTEGER NOT NULL
                );
                CREATE TABLE subscription (
                    id INTEGER PRIMARY KEY,
                    subscription_id TEXT NOT NULL UNIQUE,
                    query_name TEXT NOT NULL REFERENCES named_query(name) ON DELETE CASCADE,
                    destination TEXT NOT NULL,
                    signing_secret TEXT,
                    stream INTEGER NOT NULL CHECK (stream IN (0, 1)),
                    owner TEXT,
                    created_at_ms INTEGER NOT NULL,
                    initial_record_time_ms INTEGER NOT NULL,
                    cursor_record_time_ms INTEGER,
                    cursor_ids TEXT,
                    CHECK ((cursor_record_time_ms IS NULL) = (cursor_ids IS NULL))
                );
                CREATE INDEX subscription_query_name ON subscription(query_name);
                CREATE TABLE party_change (
                    id INTEGER PRIMARY KEY,
                    party TEXT NOT NULL,
                    attribute TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT,
                    changed_by TEXT NOT NULL,
                    changed_at_ms INTEGER NOT NULL,
                    reason TEXT
                );
                CREATE INDEX party_change_changed_at ON party_change(changed_at_ms, id);
                CREATE INDEX party_change_party ON party_change(party, changed_at_ms, id);
                CREATE TABLE consumer_scan (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL,
                    scanned_at_ms INTEGER NOT NULL,
                    origin TEXT
                );
                CREATE INDEX consumer_scan_key ON consumer_scan(key, scanned_at_ms);
                """)
    }

    /// Migration step `v5-scheduled-subscriptions`: a subscription's schedule (its fields as a JSON object; NULL for
    /// a stream), whether empty runs are reported, and when the destination last acknowledged a delivery.
    static func addSchedules(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE subscription ADD COLUMN schedule TEXT;
                ALTER TABLE subscription ADD COLUMN report_if_empty INTEGER NOT NULL DEFAULT 0
                    CHECK (report_if_empty IN (0, 1));
                ALTER TABLE subscription ADD COLUMN last_notified_ms INTEGER;
                """)
    }
}
