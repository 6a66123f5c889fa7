/// The federation's tables and columns (migration step `v8-federation`), as in SQLite's `v10-federation`: peer
/// access keys, each peer's push cursor, and the recall columns for relaying recalls across platforms.
enum PostgresFederationSchema {
    static let statements = [
        "ALTER TABLE access_key ADD COLUMN peer TEXT",
        "ALTER TABLE access_key DROP CONSTRAINT access_key_role_check",
        "ALTER TABLE access_key DROP CONSTRAINT access_key_check",
        """
        ALTER TABLE access_key ADD CONSTRAINT access_key_role_check
            CHECK (role IN ('admin', 'regulator', 'party', 'peer'))
        """,
        """
        ALTER TABLE access_key ADD CONSTRAINT access_key_subject_check CHECK (
            ((role = 'party') = (party IS NOT NULL AND party <> ''))
            AND ((role = 'peer') = (peer IS NOT NULL AND peer <> ''))
            AND (role <> 'party' OR peer IS NULL) AND (role <> 'peer' OR party IS NULL))
        """,
        """
        CREATE TABLE federation_push_cursor (
            peer TEXT PRIMARY KEY,
            record_time_ms BIGINT NOT NULL,
            delivered_ids TEXT[] NOT NULL
        )
        """,
        "ALTER TABLE recall ADD COLUMN origin TEXT",
        "ALTER TABLE recall_holder ADD COLUMN platform TEXT",
        "ALTER TABLE recall_holder ADD COLUMN relayed_at_ms BIGINT",
        """
        CREATE INDEX recall_holder_to_relay ON recall_holder(recall)
            WHERE relayed_at_ms IS NULL AND (platform IS NOT NULL OR acknowledged_at_ms IS NOT NULL)
        """,
    ]
}
