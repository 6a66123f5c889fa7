import GRDB

/// The recall tables (migration step `v3-recalls`): a recall, the canonical keys of what its trace reached
/// (indexed, for the "is this recalled?" look-up), and its holders with their acknowledgements.
enum SQLiteRecallSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE recall (
                    id INTEGER PRIMARY KEY,
                    recall_id TEXT NOT NULL UNIQUE,
                    root TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    initiated_by TEXT NOT NULL,
                    issued_at_ms INTEGER NOT NULL,
                    event_count INTEGER NOT NULL,
                    depth INTEGER NOT NULL,
                    truncated INTEGER NOT NULL CHECK (truncated IN (0, 1)),
                    parties TEXT NOT NULL
                );
                CREATE INDEX recall_issued_at ON recall(issued_at_ms);
                CREATE TABLE recall_identifier (
                    recall INTEGER NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    identifier TEXT NOT NULL,
                    PRIMARY KEY (recall, position)
                );
                CREATE TABLE recall_key (
                    recall INTEGER NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    PRIMARY KEY (key, recall)
                );
                CREATE TABLE recall_holder (
                    recall INTEGER NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    party TEXT,
                    location TEXT NOT NULL,
                    identifier TEXT NOT NULL,
                    quantity REAL NOT NULL,
                    uom TEXT NOT NULL,
                    acknowledged_by TEXT,
                    acknowledged_at_ms INTEGER,
                    note TEXT,
                    PRIMARY KEY (recall, position)
                );
                CREATE INDEX recall_holder_party ON recall_holder(party);
                """)
    }

    /// Migration step `v13-recall-serials`: the serials each holder of serialised goods must pull.
    static func addSerials(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE recall_holder_serial (
                    recall INTEGER NOT NULL REFERENCES recall(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    serial TEXT NOT NULL,
                    PRIMARY KEY (recall, position, serial)
                ) WITHOUT ROWID;
                """)
    }
}
