import GRDB

/// The federation's tables and columns (migration step `v10-federation`, docs/decisions/0013-federation.md): peer
/// access keys (the access key table is rebuilt, because SQLite cannot change a CHECK constraint in place), each
/// peer's push cursor, and the recall columns that tell which platform issued a recall and which holder rows have
/// been relayed.
enum SQLiteFederationSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE access_key_v10 (
                    id INTEGER PRIMARY KEY,
                    key_id TEXT NOT NULL UNIQUE CHECK (key_id <> ''),
                    secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'regulator', 'party', 'peer')),
                    party TEXT,
                    peer TEXT,
                    label TEXT,
                    created_at_ms INTEGER NOT NULL,
                    revoked_at_ms INTEGER,
                    CHECK ((role = 'party') = (party IS NOT NULL AND party <> '')),
                    CHECK ((role = 'peer') = (peer IS NOT NULL AND peer <> '')),
                    CHECK (role <> 'party' OR peer IS NULL),
                    CHECK (role <> 'peer' OR party IS NULL)
                );
                INSERT INTO access_key_v10 (id, key_id, secret_hash, role, party, peer, label, created_at_ms,
                    revoked_at_ms)
                SELECT id, key_id, secret_hash, role, party, NULL, label, created_at_ms, revoked_at_ms FROM access_key;
                DROP TABLE access_key;
                ALTER TABLE access_key_v10 RENAME TO access_key;

                CREATE TABLE federation_push_cursor (
                    peer TEXT PRIMARY KEY,
                    record_time_ms INTEGER NOT NULL,
                    delivered_ids TEXT NOT NULL
                );

                ALTER TABLE recall ADD COLUMN origin TEXT;
                ALTER TABLE recall_holder ADD COLUMN platform TEXT;
                ALTER TABLE recall_holder ADD COLUMN relayed_at_ms INTEGER;
                CREATE INDEX recall_holder_to_relay ON recall_holder(recall)
                    WHERE relayed_at_ms IS NULL AND (platform IS NOT NULL OR acknowledged_at_ms IS NOT NULL);
                """)
    }
}
