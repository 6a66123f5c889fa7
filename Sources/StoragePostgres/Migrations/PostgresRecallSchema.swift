/// The recall tables (migration step `v3-recalls`), the same logical schema as the SQLite store's: a recall,
/// the canonical keys of what its trace reached (indexed, for the "is this recalled?" look-up), and its holders
/// with their acknowledgements.
enum PostgresRecallSchema {
    static let statements = [
        """
        CREATE TABLE recall (
            id BIGSERIAL PRIMARY KEY,
            recall_id TEXT NOT NULL UNIQUE,
            root TEXT NOT NULL,
            reason TEXT NOT NULL,
            initiated_by TEXT NOT NULL,
            issued_at_ms BIGINT NOT NULL,
            event_count BIGINT NOT NULL,
            depth BIGINT NOT NULL,
            truncated BOOLEAN NOT NULL,
            parties TEXT[] NOT NULL
        )
        """,
        "CREATE INDEX recall_issued_at ON recall(issued_at_ms)",
        """
        CREATE TABLE recall_identifier (
            recall BIGINT NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            identifier TEXT NOT NULL,
            PRIMARY KEY (recall, position)
        )
        """,
        """
        CREATE TABLE recall_key (
            recall BIGINT NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            PRIMARY KEY (key, recall)
        )
        """,
        """
        CREATE TABLE recall_holder (
            recall BIGINT NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            party TEXT,
            location TEXT NOT NULL,
            identifier TEXT NOT NULL,
            quantity DOUBLE PRECISION NOT NULL,
            uom TEXT NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at_ms BIGINT,
            note TEXT,
            PRIMARY KEY (recall, position)
        )
        """,
        "CREATE INDEX recall_holder_party ON recall_holder(party)",
    ]

    /// Migration step `v11-recall-serials`: the serials each holder of serialised goods must pull.
    static let serialStatements = [
        """
        CREATE TABLE recall_holder_serial (
            recall BIGINT NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            serial TEXT NOT NULL,
            PRIMARY KEY (recall, position, serial)
        )
        """
    ]
}
