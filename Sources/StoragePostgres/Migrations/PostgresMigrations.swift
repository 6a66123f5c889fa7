import Logging
import PostgresNIO

/// The versioned schema of the PostgreSQL store: the same logical schema as the SQLite store (table and column
/// names, indexes, unique guards), in PostgreSQL types.
///
/// Steps are only ever appended: a released step never changes. The versions applied to a database are rows of
/// `schema_migration`; ``PostgresEventStore`` refuses to open a database that lacks one of ``steps`` unless it is
/// asked to migrate (`suyuan migrate`).
enum PostgresMigrations {
    /// One migration step.
    struct Step: Sendable {
        var version: String
        var sql: [String]
        /// The statements in the ``PostgresLayout/monthly`` layout, where they differ.
        var monthly: [String]? = nil

        /// The statements for a layout.
        func sql(for layout: PostgresLayout) -> [String] {
            layout == .monthly ? monthly ?? sql : sql
        }
    }

    /// Every step, oldest first.
    static let steps: [Step] = [
        Step(version: "v1-events", sql: events, monthly: PostgresLayout.monthlyEvents),
        Step(version: "v1-master-data", sql: masterData),
        Step(version: "v2-ledger", sql: ledger),
        Step(version: "v2-projections", sql: projections, monthly: PostgresLayout.monthlyProjections),
        Step(version: "v3-recalls", sql: PostgresRecallSchema.statements),
        Step(version: "v4-platform", sql: PostgresPlatformSchema.statements),
        Step(version: "v5-scheduled-subscriptions", sql: PostgresPlatformSchema.scheduleStatements),
        Step(version: "v6-reconcile-checkpoint", sql: reconcileCheckpoint),
        Step(version: "v7-capture-jobs", sql: PostgresCaptureJobSchema.statements),
        Step(version: "v8-federation", sql: PostgresFederationSchema.statements),
        Step(version: "v9-master-data-language", sql: PostgresConsumerReportSchema.attributeLanguage),
        Step(version: "v10-consumer-reports", sql: PostgresConsumerReportSchema.statements),
        Step(version: "v11-recall-serials", sql: PostgresRecallSchema.serialStatements),
        Step(version: "v14-sector-checkpoint", sql: sectorCheckpoint),
        Step(version: "v15-ledger-tiles", sql: PostgresLedgerTileSchema.statements),
        Step(version: "v16-compact-bodies", sql: compactBodies),
        Step(version: "v17-identifier-key-hash", sql: identifierKeyHash),
        Step(version: "v18-event-id-hash-indexes", sql: eventIDHashIndexes),
        Step(version: "v19-unique-digests", sql: uniqueDigests, monthly: []),
        Step(version: "v20-no-event-foreign-keys", sql: noEventForeignKeys, monthly: []),
    ]

    /// The plain layout's foreign keys to `event(id)` (from the identifier, party and transaction rows, the
    /// identifier states and the open shipments) go, as the monthly layout never had them (decision 0025): only a
    /// capture writes those rows, in the transaction that writes their event, and nothing deletes events. Each one
    /// checked every row a capture copied in with a query of its own (`perf` of the PostgreSQL backend during
    /// `suyuan capture` of the demo set: the referential-integrity triggers were about a quarter of its CPU).
    private static let noEventForeignKeys = [
        """
        DO $$
        DECLARE constraint_row record;
        BEGIN
            FOR constraint_row IN
                SELECT c.conname, c.conrelid::regclass AS table_name FROM pg_constraint c
                WHERE c.contype = 'f' AND c.confrelid = 'event'::regclass
            LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', constraint_row.table_name, constraint_row.conname);
            END LOOP;
        END $$
        """
    ]

    /// The plain layout keeps a plain event's hash and eventID unique through partial unique B-trees, whose keys were
    /// the texts (`ni:///sha-256;…?ver=CBV2.0` is 89 bytes; together 249 bytes an event on the demo mix). Look-ups
    /// go through the hash indexes of `v18`; uniqueness needs only a key that two different texts never share, so
    /// the unique indexes hold the SHA-256 of the text's UTF-8 bytes (32 bytes). PostgreSQL marks `convert_to` stable
    /// (an encoding could change), so a function of the schema's own, `suyuan_digest`, declares the digest immutable,
    /// which it is in a database whose encoding is UTF-8, as the store's is. A second plain event with a stored hash
    /// or eventID still fails with a unique violation (23505). The monthly layout keeps its uniqueness in its guard
    /// tables (decision 0025) and has nothing to change.
    private static let uniqueDigests = [
        """
        CREATE OR REPLACE FUNCTION suyuan_digest(value TEXT) RETURNS BYTEA
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT sha256(convert_to(value, 'UTF8')) $$
        """,
        "DROP INDEX event_plain_hash",
        "DROP INDEX event_plain_event_id",
        "CREATE UNIQUE INDEX event_plain_hash ON event (suyuan_digest(hash_id)) WHERE NOT has_error_declaration",
        "CREATE UNIQUE INDEX event_plain_event_id ON event (suyuan_digest(event_id)) WHERE NOT has_error_declaration",
    ]

    /// An event is found by its ID as `event_id = $1 OR hash_id = $1` (an eventID or an event hash, either may be
    /// asked). The plain layout's hash_id indexes were partial (unique among plain events, unique among error
    /// declarations), which that condition cannot use: each look-up read the whole table (EXPLAIN ANALYZE on 20,000
    /// events: a sequential scan, 4 ms; at ten million, seconds). Both columns get a hash index, which the OR uses as
    /// a bitmap of two index scans, and which holds four bytes per row instead of the ID's text; the unique partial
    /// B-trees stay for uniqueness. Both layouts (the monthly one had a B-tree on hash_id).
    private static let eventIDHashIndexes = [
        "DROP INDEX IF EXISTS event_hash",
        "DROP INDEX event_event_id",
        "CREATE INDEX event_event_id ON event USING hash (event_id)",
        "CREATE INDEX event_hash ON event USING hash (hash_id)",
    ]

    /// The identifier rows are looked up by key only for equality (`key = $1`, `key = ANY($1)`, joins on the key;
    /// never a range or an order), so their key index is a hash index: four bytes of hash code per row instead of
    /// the Digital Link text (352 bytes an event on the demo mix as a B-tree of (key, event_row)). Both layouts.
    private static let identifierKeyHash = [
        "DROP INDEX event_identifier_key",
        "CREATE INDEX event_identifier_key ON event_identifier USING hash (key)",
    ]

    /// Bodies compressed with the stores' dictionary (``EventBodyCodec``, 823 bytes of JSON text to about 105 on the
    /// demo mix) in a BYTEA, and whether an event has sensor data in a column of its own, since SQL can no longer
    /// look into the body. Rows stored before keep their JSON as its UTF-8 bytes, which the codec reads as they are
    /// (``EventBodyCodec/original(_:)``); the same statements serve both layouts (they recurse into partitions).
    private static let compactBodies = [
        "ALTER TABLE event ADD COLUMN has_sensor_data BOOLEAN",
        "UPDATE event SET has_sensor_data = strpos(body, '\"sensorElementList\"') > 0",
        """
        ALTER TABLE event ALTER COLUMN has_sensor_data SET NOT NULL,
            ALTER COLUMN body TYPE BYTEA USING convert_to(body, 'UTF8')
        """,
    ]

    /// The state the sector pass kept after its last run (``TraceEngine/SectorCheckpoint``), in parts, replaced whole.
    private static let sectorCheckpoint = [
        "CREATE TABLE sector_checkpoint_part (part INTEGER PRIMARY KEY, bytes BYTEA NOT NULL)"
    ]

    /// The versions of ``steps``.
    static var versions: [String] { steps.map(\.version) }

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS schema_migration (
            version TEXT PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// Events and the rows that index them. `event.id` is the capture sequence; `body` is the event as captured
    /// (compact JSON-LD of one event), which queries return.
    private static let events = [
        "CREATE SEQUENCE event_seq",
        """
        CREATE TABLE event (
            id BIGINT PRIMARY KEY DEFAULT nextval('event_seq'),
            event_id TEXT NOT NULL,
            hash_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            event_time_ms BIGINT NOT NULL,
            event_time TEXT NOT NULL,
            record_time_ms BIGINT NOT NULL,
            record_time TEXT NOT NULL,
            action TEXT,
            biz_step TEXT,
            disposition TEXT,
            read_point TEXT,
            biz_location TEXT,
            transformation_id TEXT,
            has_error_declaration BOOLEAN NOT NULL,
            body TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX event_plain_hash ON event(hash_id) WHERE NOT has_error_declaration",
        "CREATE UNIQUE INDEX event_declared_hash ON event(hash_id) WHERE has_error_declaration",
        "CREATE UNIQUE INDEX event_plain_event_id ON event(event_id) WHERE NOT has_error_declaration",
        "CREATE INDEX event_event_id ON event(event_id)",
        "CREATE INDEX event_event_time ON event(event_time_ms, id)",
        "CREATE INDEX event_record_time ON event(record_time_ms, id)",
        "CREATE INDEX event_biz_step ON event(biz_step)",
        "CREATE INDEX event_read_point ON event(read_point)",
        "CREATE INDEX event_biz_location ON event(biz_location)",
        """
        CREATE TABLE event_identifier (
            event_row BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output', 'quantity',
                'child_quantity', 'input_quantity', 'output_quantity')),
            key TEXT NOT NULL,
            ai TEXT,
            ai_value TEXT,
            quantity DOUBLE PRECISION,
            uom TEXT
        )
        """,
        "CREATE INDEX event_identifier_key ON event_identifier(key, event_row)",
        "CREATE INDEX event_identifier_ai ON event_identifier(ai, ai_value)",
        "CREATE INDEX event_identifier_row ON event_identifier(event_row)",
        """
        CREATE TABLE event_party (
            event_row BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('source', 'destination')),
            type TEXT NOT NULL,
            party TEXT NOT NULL
        )
        """,
        "CREATE INDEX event_party_party ON event_party(party, direction, type)",
        "CREATE INDEX event_party_row ON event_party(event_row)",
        """
        CREATE TABLE event_biz_transaction (
            event_row BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            type TEXT,
            transaction_id TEXT NOT NULL
        )
        """,
        "CREATE INDEX event_biz_transaction_id ON event_biz_transaction(transaction_id)",
        "CREATE INDEX event_biz_transaction_row ON event_biz_transaction(event_row)",
    ]

    /// CBV master data: vocabulary elements by canonical key, their attributes and children.
    private static let masterData = [
        """
        CREATE TABLE vocabulary_element (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            vocabulary_type TEXT NOT NULL,
            element_key TEXT NOT NULL,
            UNIQUE (vocabulary_type, element_key)
        )
        """,
        "CREATE INDEX vocabulary_element_key ON vocabulary_element(element_key)",
        """
        CREATE TABLE vocabulary_attribute (
            element BIGINT NOT NULL REFERENCES vocabulary_element(id) ON DELETE CASCADE,
            attribute TEXT NOT NULL,
            value TEXT NOT NULL
        )
        """,
        "CREATE INDEX vocabulary_attribute_element ON vocabulary_attribute(element)",
        """
        CREATE TABLE vocabulary_child (
            element BIGINT NOT NULL REFERENCES vocabulary_element(id) ON DELETE CASCADE,
            child_key TEXT NOT NULL,
            UNIQUE (element, child_key)
        )
        """,
        "CREATE INDEX vocabulary_child_key ON vocabulary_child(child_key)",
    ]

    /// The projections that capture keeps beside the events (rules: `ProjectionBatch` in Storage), as in SQLite.
    private static let projections = [
        """
        CREATE TABLE identifier_state (
            key TEXT PRIMARY KEY,
            parent TEXT,
            location TEXT,
            disposition TEXT,
            owner TEXT,
            status TEXT NOT NULL CHECK (status IN ('active', 'commissioned', 'decommissioned', 'consumed')),
            last_event_row BIGINT NOT NULL REFERENCES event(id),
            last_event_time_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX identifier_state_parent ON identifier_state(parent)",
        """
        CREATE TABLE lot_balance (
            lot_key TEXT NOT NULL,
            party TEXT NOT NULL,
            uom TEXT NOT NULL,
            received DOUBLE PRECISION NOT NULL DEFAULT 0,
            produced DOUBLE PRECISION NOT NULL DEFAULT 0,
            consumed DOUBLE PRECISION NOT NULL DEFAULT 0,
            shipped DOUBLE PRECISION NOT NULL DEFAULT 0,
            destroyed DOUBLE PRECISION NOT NULL DEFAULT 0,
            on_hand DOUBLE PRECISION GENERATED ALWAYS AS (received + produced - consumed - shipped - destroyed) STORED,
            PRIMARY KEY (lot_key, party, uom)
        )
        """,
        "CREATE INDEX lot_balance_party ON lot_balance(party)",
        """
        CREATE TABLE open_shipment (
            shipping_event BIGINT PRIMARY KEY REFERENCES event(id),
            source TEXT NOT NULL,
            destination TEXT NOT NULL,
            shipped_at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX open_shipment_destination ON open_shipment(destination)",
    ]

    /// The reconciliation state the last full run kept, as in SQLite: which events it covers, and its bytes in
    /// parts (docs/decisions/0011-reconcile-checkpoint.md).
    private static let reconcileCheckpoint = [
        """
        CREATE TABLE reconcile_checkpoint (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_event_row BIGINT NOT NULL,
            event_count BIGINT NOT NULL,
            parts INTEGER NOT NULL,
            bytes BIGINT NOT NULL,
            saved_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        """
        CREATE TABLE reconcile_checkpoint_part (
            part INTEGER PRIMARY KEY,
            bytes BYTEA NOT NULL
        )
        """,
    ]

    /// The Merkle log's nodes and the signed tree heads (docs/decisions/0006-postgres-ledger-key.md). As in SQLite
    /// there is no leaf table: event row `id` is leaf `id - 1`, rows are numbered without gaps under a lock.
    private static let ledger = [
        """
        CREATE TABLE ledger_node (
            level SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 63),
            idx BIGINT NOT NULL CHECK (idx >= 0),
            hash BYTEA NOT NULL,
            PRIMARY KEY (level, idx)
        )
        """,
        """
        CREATE TABLE tree_head (
            tree_size BIGINT PRIMARY KEY,
            root_hash BYTEA NOT NULL,
            timestamp BIGINT NOT NULL,
            signature BYTEA NOT NULL,
            key_id TEXT NOT NULL,
            public_key BYTEA NOT NULL
        )
        """,
    ]

    /// The versions recorded in the database (none when the ledger table does not exist).
    static func applied(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let exists =
            try await connection.query(
                "SELECT to_regclass('schema_migration') IS NOT NULL", logger: logger
            ).collect().first?.decode(Bool.self) ?? false
        guard exists else { return [] }
        var versions: [String] = []
        for try await version in try await connection.query(
            "SELECT version FROM schema_migration ORDER BY applied_at, version", logger: logger
        ).decode(String.self) {
            versions.append(version)
        }
        return versions
    }

    /// The layout of a store's tables: monthly when `event` is a partitioned table, plain otherwise (also before
    /// the first migration).
    static func layout(on connection: PostgresConnection, logger: Logger) async throws -> PostgresLayout {
        let kind =
            try await connection.query(
                "SELECT coalesce((SELECT relkind::text FROM pg_class WHERE oid = to_regclass('event')), '')",
                logger: logger
            ).collect().first?.decode(String.self) ?? ""
        return kind == "p" ? .monthly : .plain
    }

    /// Applies the missing steps, each in its own transaction with its ledger row.
    /// - Parameter layout: the layout of a store created now; a store that exists keeps its own.
    /// - Returns: the versions applied now.
    static func migrate(on connection: PostgresConnection, logger: Logger, layout: PostgresLayout = .plain)
        async throws -> [String]
    {
        // Two processes migrating one schema at once would race on CREATE TABLE: an advisory lock serialises them.
        try await PostgresAdvisoryLock.migration.hold(on: connection, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: createLedger), logger: logger)
            let done = Set(try await applied(on: connection, logger: logger))
            var applied: [String] = []
            let layout = done.isEmpty ? layout : try await Self.layout(on: connection, logger: logger)
            for step in steps where !done.contains(step.version) {
                try await connection.transaction(logger: logger) { connection in
                    for statement in step.sql(for: layout) {
                        // The statements are constants of this file: no request data reaches unsafeSQL.
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migration (version) VALUES (\(step.version))", logger: logger)
                }
                applied.append(step.version)
            }
            try await PostgresAdvisoryLock.migration.release(on: connection, logger: logger)
            return applied
        } catch {
            try? await PostgresAdvisoryLock.migration.release(on: connection, logger: logger)
            throw error
        }
    }
}
