import GRDB

/// The versioned schema of the SQLite store. Steps are only ever appended: a released step never changes,
/// because GRDB records the names of applied steps in `grdb_migrations` and skips them on the next open.
enum SQLiteMigrations {
    /// The migrator with every step, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events", migrate: createEvents)
        migrator.registerMigration("v1-master-data", migrate: createMasterData)
        migrator.registerMigration("v1-projections", migrate: SQLiteProjectionSchema.create)
        migrator.registerMigration("v2-ledger", migrate: SQLiteLedgerSchema.create)
        migrator.registerMigration("v3-recalls", migrate: SQLiteRecallSchema.create)
        migrator.registerMigration("v4-platform", migrate: SQLitePlatformSchema.create)
        migrator.registerMigration("v5-scheduled-subscriptions", migrate: SQLitePlatformSchema.addSchedules)
        migrator.registerMigration("v6-one-event-id-index", migrate: oneEventIDIndex)
        migrator.registerMigration("v7-event-facts-index", migrate: eventFactsIndex)
        migrator.registerMigration("v8-reconcile-checkpoint", migrate: reconcileCheckpoint)
        migrator.registerMigration("v9-capture-jobs", migrate: SQLiteCaptureJobSchema.create)
        migrator.registerMigration("v10-federation", migrate: SQLiteFederationSchema.create)
        migrator.registerMigration("v11-master-data-language", migrate: SQLiteConsumerReportSchema.addAttributeLanguage)
        migrator.registerMigration("v12-consumer-reports", migrate: SQLiteConsumerReportSchema.create)
        migrator.registerMigration("v13-recall-serials", migrate: SQLiteRecallSchema.addSerials)
        migrator.registerMigration("v16-sector-checkpoint", migrate: sectorCheckpoint)
        migrator.registerMigration("v17-ledger-tiles", migrate: SQLiteLedgerTileSchema.convert)
        migrator.registerMigration("v18-compact-terms", migrate: SQLiteCompactSchema.migrate)
        migrator.registerMigration("v19-error-declaration-index", migrate: errorDeclarationIndex)
        return migrator
    }

    /// Events and the rows that index them. `event.id` is the capture sequence; `body` is the event as captured
    /// (compact JSON-LD of one event), which queries return.
    private static func createEvents(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    event_id TEXT NOT NULL,
                    hash_id TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    event_time_ms INTEGER NOT NULL,
                    event_time TEXT NOT NULL,
                    record_time_ms INTEGER NOT NULL,
                    record_time TEXT NOT NULL,
                    action TEXT,
                    biz_step TEXT,
                    disposition TEXT,
                    read_point TEXT,
                    biz_location TEXT,
                    transformation_id TEXT,
                    has_error_declaration INTEGER NOT NULL CHECK (has_error_declaration IN (0, 1)),
                    body TEXT NOT NULL
                );
                CREATE UNIQUE INDEX event_plain_hash ON event(hash_id) WHERE has_error_declaration = 0;
                CREATE UNIQUE INDEX event_declared_hash ON event(hash_id) WHERE has_error_declaration = 1;
                CREATE UNIQUE INDEX event_plain_event_id ON event(event_id) WHERE has_error_declaration = 0;
                CREATE INDEX event_event_id ON event(event_id);
                CREATE INDEX event_event_time ON event(event_time_ms);
                CREATE INDEX event_record_time ON event(record_time_ms);
                CREATE INDEX event_biz_step ON event(biz_step);
                CREATE INDEX event_read_point ON event(read_point);
                CREATE INDEX event_biz_location ON event(biz_location);

                CREATE TABLE event_identifier (
                    event_row INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output', 'quantity',
                        'child_quantity', 'input_quantity', 'output_quantity')),
                    key TEXT NOT NULL,
                    ai TEXT,
                    ai_value TEXT,
                    quantity REAL,
                    uom TEXT
                );
                CREATE INDEX event_identifier_key ON event_identifier(key, event_row);
                CREATE INDEX event_identifier_ai ON event_identifier(ai, ai_value);
                CREATE INDEX event_identifier_row ON event_identifier(event_row);

                CREATE TABLE event_party (
                    event_row INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                    direction TEXT NOT NULL CHECK (direction IN ('source', 'destination')),
                    type TEXT NOT NULL,
                    party TEXT NOT NULL
                );
                CREATE INDEX event_party_party ON event_party(party, direction, type);
                CREATE INDEX event_party_row ON event_party(event_row);

                CREATE TABLE event_biz_transaction (
                    event_row INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                    type TEXT,
                    transaction_id TEXT NOT NULL
                );
                CREATE INDEX event_biz_transaction_id ON event_biz_transaction(transaction_id);
                CREATE INDEX event_biz_transaction_row ON event_biz_transaction(event_row);
                """)
    }

    /// One index of random keys on `event` instead of four
    /// (docs/decisions/0009-capture-pipeline-and-one-event-id-index.md).
    ///
    /// The hash ID, the event ID and the two partial unique indexes over them put four entries with random 71-byte
    /// keys into `event`'s indexes for every event, although an event's ID is its hash ID unless the document
    /// supplied another. In a large store each random entry dirties a page of its own that the commit writes to
    /// the WAL and the checkpoint writes again. Now `event_event_id` is the only one; hash IDs that differ from the
    /// event ID have a partial index of their own, and the capture's write transaction (one writer at a time)
    /// refuses duplicates before it inserts, as it did already.
    private static func oneEventIDIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX event_plain_hash;
                DROP INDEX event_declared_hash;
                DROP INDEX event_plain_event_id;
                CREATE INDEX event_other_hash ON event(hash_id) WHERE hash_id <> event_id;
                """)
    }

    /// The columns a reconciliation reads of every event, in an index of their own (`event_facts`).
    ///
    /// A full reconciliation reads these columns of every event (docs/decisions/0008-streaming-reconcile.md); from
    /// the table it also read every body beside them, about four fifths of the bytes of a large store. The index
    /// is in row order, so a capture appends to it.
    private static func eventFactsIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX event_facts ON event(id, event_type, event_time_ms, action, biz_step, disposition,
                    read_point, biz_location)
                """)
    }

    /// The reconciliation state the last full run kept (docs/decisions/0011-reconcile-checkpoint.md): one row saying
    /// which events it covers and which generation of parts holds its bytes (a state of millions of events is larger
    /// than one value may be). A save writes a new generation's parts, then points the row at them.
    private static func reconcileCheckpoint(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE reconcile_checkpoint (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    generation TEXT NOT NULL,
                    last_event_row INTEGER NOT NULL,
                    event_count INTEGER NOT NULL,
                    parts INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    saved_at TEXT NOT NULL
                );
                CREATE TABLE reconcile_checkpoint_part (
                    generation TEXT NOT NULL,
                    part INTEGER NOT NULL,
                    bytes BLOB NOT NULL,
                    PRIMARY KEY (generation, part)
                ) WITHOUT ROWID;
                """)
    }

    /// The state the sector pass kept after its last run (``TraceEngine/SectorCheckpoint``), in parts, replaced whole.
    /// The error declarations by row, for the sector pass, which reads them whatever its selection names.
    private static func errorDeclarationIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX event_error_declaration ON event(id) WHERE has_error_declaration = 1")
    }

    private static func sectorCheckpoint(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE sector_checkpoint_part (part INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
    }

    /// CBV master data: vocabulary elements by canonical key, their attributes and children.
    private static func createMasterData(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE vocabulary_element (
                    id INTEGER PRIMARY KEY,
                    vocabulary_type TEXT NOT NULL,
                    element_key TEXT NOT NULL,
                    UNIQUE (vocabulary_type, element_key)
                );
                CREATE INDEX vocabulary_element_key ON vocabulary_element(element_key);
                CREATE TABLE vocabulary_attribute (
                    element INTEGER NOT NULL REFERENCES vocabulary_element(id) ON DELETE CASCADE,
                    attribute TEXT NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE INDEX vocabulary_attribute_element ON vocabulary_attribute(element);
                CREATE TABLE vocabulary_child (
                    element INTEGER NOT NULL REFERENCES vocabulary_element(id) ON DELETE CASCADE,
                    child_key TEXT NOT NULL,
                    UNIQUE (element, child_key)
                );
                CREATE INDEX vocabulary_child_key ON vocabulary_child(child_key);
                """)
    }
}
