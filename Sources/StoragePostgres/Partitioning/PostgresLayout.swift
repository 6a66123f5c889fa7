import Foundation

/// How the store's capture tables are laid out, chosen when the schema is created
/// (docs/decisions/0025-national-hub-partitioning.md).
///
/// - `plain`: one table each, with unique indexes on hashes and eventIDs (and, since `v20-no-event-foreign-keys`, no
///   foreign keys to `event(id)`, as in the monthly layout).
/// - `monthly` (`postgres://…?partitioned=monthly`): PostgreSQL's native declarative partitioning. `event` is
///   partitioned by RANGE of `record_time_ms`, one partition per calendar month (UTC), created as captures need
///   them (``PostgresPartitions``); the identifier, party and transaction rows and the projections that are keyed by
///   an identifier are partitioned by HASH of that identifier. A unique key of a partitioned table must hold its
///   partition key, so the uniqueness of hashes and eventIDs across months is kept by two HASH-partitioned guard
///   tables that a capture writes with its events, and there are no foreign keys to `event(id)`.
enum PostgresLayout: String, Sendable {
    case plain
    case monthly

    /// What orders the index rows of one event as the document listed them: their physical order in a plain table,
    /// `ord` in the monthly layout, whose index rows of one event lie in several hash partitions.
    var rowOrder: String { self == .monthly ? "ord" : "ctid" }

    /// Partitions of every HASH-partitioned table: a power of two, so that a later split halves each one.
    static let hashPartitions = 8

    /// The statements of migration `v1-events` in the monthly layout (same columns as the plain one).
    static let monthlyEvents: [String] =
        [
            "CREATE SEQUENCE event_seq",
            """
            CREATE TABLE event (
                id BIGINT NOT NULL DEFAULT nextval('event_seq'),
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
                body TEXT NOT NULL,
                PRIMARY KEY (id, record_time_ms)
            ) PARTITION BY RANGE (record_time_ms)
            """,
            "CREATE INDEX event_hash ON event(hash_id)",
            "CREATE INDEX event_event_id ON event(event_id)",
            "CREATE INDEX event_event_time ON event(event_time_ms, id)",
            "CREATE INDEX event_record_time ON event(record_time_ms, id)",
            "CREATE INDEX event_biz_step ON event(biz_step)",
            "CREATE INDEX event_read_point ON event(read_point)",
            "CREATE INDEX event_biz_location ON event(biz_location)",
            """
            CREATE TABLE event_hash_guard (
                hash_id TEXT NOT NULL,
                has_error_declaration BOOLEAN NOT NULL,
                PRIMARY KEY (hash_id, has_error_declaration)
            ) PARTITION BY HASH (hash_id)
            """,
            "CREATE TABLE event_id_guard (event_id TEXT PRIMARY KEY) PARTITION BY HASH (event_id)",
            """
            CREATE TABLE event_identifier (
                event_row BIGINT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output', 'quantity',
                    'child_quantity', 'input_quantity', 'output_quantity')),
                key TEXT NOT NULL,
                ai TEXT,
                ai_value TEXT,
                quantity DOUBLE PRECISION,
                uom TEXT,
                ord INTEGER NOT NULL
            ) PARTITION BY HASH (key)
            """,
            "CREATE INDEX event_identifier_key ON event_identifier(key, event_row)",
            "CREATE INDEX event_identifier_ai ON event_identifier(ai, ai_value)",
            "CREATE INDEX event_identifier_row ON event_identifier(event_row)",
            """
            CREATE TABLE event_party (
                event_row BIGINT NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('source', 'destination')),
                type TEXT NOT NULL,
                party TEXT NOT NULL,
                ord INTEGER NOT NULL
            ) PARTITION BY HASH (party)
            """,
            "CREATE INDEX event_party_party ON event_party(party, direction, type)",
            "CREATE INDEX event_party_row ON event_party(event_row)",
            """
            CREATE TABLE event_biz_transaction (
                event_row BIGINT NOT NULL,
                type TEXT,
                transaction_id TEXT NOT NULL,
                ord INTEGER NOT NULL
            ) PARTITION BY HASH (transaction_id)
            """,
            "CREATE INDEX event_biz_transaction_id ON event_biz_transaction(transaction_id)",
            "CREATE INDEX event_biz_transaction_row ON event_biz_transaction(event_row)",
        ]
        + hashPartitions(of: [
            "event_hash_guard", "event_id_guard", "event_identifier", "event_party", "event_biz_transaction",
        ])

    /// The statements of migration `v2-projections` in the monthly layout. `identifier_state` and `lot_balance` are
    /// rewritten in place as events arrive, so they are partitioned by HASH of their identifier, not by time;
    /// `open_shipment` holds only shipments not yet received and stays one table.
    static let monthlyProjections: [String] =
        [
            """
            CREATE TABLE identifier_state (
                key TEXT PRIMARY KEY,
                parent TEXT,
                location TEXT,
                disposition TEXT,
                owner TEXT,
                status TEXT NOT NULL CHECK (status IN ('active', 'commissioned', 'decommissioned', 'consumed')),
                last_event_row BIGINT NOT NULL,
                last_event_time_ms BIGINT NOT NULL
            ) PARTITION BY HASH (key)
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
                on_hand DOUBLE PRECISION
                    GENERATED ALWAYS AS (received + produced - consumed - shipped - destroyed) STORED,
                PRIMARY KEY (lot_key, party, uom)
            ) PARTITION BY HASH (lot_key)
            """,
            "CREATE INDEX lot_balance_party ON lot_balance(party)",
            """
            CREATE TABLE open_shipment (
                shipping_event BIGINT PRIMARY KEY,
                source TEXT NOT NULL,
                destination TEXT NOT NULL,
                shipped_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX open_shipment_destination ON open_shipment(destination)",
        ] + hashPartitions(of: ["identifier_state", "lot_balance"])

    /// `CREATE TABLE name_hN PARTITION OF name FOR VALUES WITH (MODULUS n, REMAINDER N)` for every table.
    static func hashPartitions(of tables: [String]) -> [String] {
        tables.flatMap { table in
            (0..<hashPartitions).map { remainder in
                "CREATE TABLE \(table)_h\(remainder) PARTITION OF \(table)"
                    + " FOR VALUES WITH (MODULUS \(hashPartitions), REMAINDER \(remainder))"
            }
        }
    }
}
