import Foundation
import GRDB
import Storage

/// The migration step `v18-compact-terms` (docs/decisions/0026-compact-sqlite.md): strings interned once in `term`,
/// event and index rows of integers, hashes and UUID event IDs as BLOBs, bodies deflated with a preset dictionary,
/// and only the indexes a query needs.
///
/// It rewrites a store in place, keeping every event row (its `id` is its ledger leaf), body and hash: the old
/// tables are copied into the new ones through the terms, dropped, and the new ones take their names.
enum SQLiteCompactSchema {
    static func migrate(_ db: Database) throws {
        db.add(function: compactID)
        db.add(function: compressBody)
        try db.execute(sql: createTerm)
        try db.execute(sql: internExisting)
        try db.execute(sql: createTables(suffix: "_compact"))
        try db.execute(sql: copyRows)
        try db.execute(
            sql: """
                DROP TABLE event_identifier;
                DROP TABLE event_party;
                DROP TABLE event_biz_transaction;
                DROP TABLE event;
                ALTER TABLE event_compact RENAME TO event;
                ALTER TABLE event_identifier_compact RENAME TO event_identifier;
                ALTER TABLE event_party_compact RENAME TO event_party;
                ALTER TABLE event_biz_transaction_compact RENAME TO event_biz_transaction;
                """)
        try db.execute(sql: createIndexes)
        try db.execute(sql: compactProjections)
        db.remove(function: compactID)
        db.remove(function: compressBody)
    }

    /// The projections keyed by their primary keys alone (`WITHOUT ROWID`): the table is the key's index, where a
    /// rowid table kept a second copy of every key in its automatic index. An identifier's parent, location,
    /// disposition and owner are term ids (every one of them is a string of a stored event, so its term exists).
    /// `lot_balance_party` and `open_shipment_destination` served no query and go; `identifier_state_parent` keeps only the rows that have a
    /// parent (an aggregation `DELETE` clears a parent's children through it).
    static let compactProjections = """
        CREATE TABLE identifier_state_compact (
            key TEXT PRIMARY KEY NOT NULL,
            parent INTEGER,
            location INTEGER,
            disposition INTEGER,
            owner INTEGER,
            status TEXT NOT NULL CHECK (status IN ('active', 'commissioned', 'decommissioned', 'consumed')),
            last_event_row INTEGER NOT NULL REFERENCES event(id),
            last_event_time_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO term (text)
            SELECT value FROM (
                SELECT parent AS value FROM identifier_state UNION SELECT location FROM identifier_state
                UNION SELECT disposition FROM identifier_state UNION SELECT owner FROM identifier_state
            ) WHERE value IS NOT NULL;
        INSERT INTO identifier_state_compact
            SELECT s.key, (SELECT id FROM term WHERE text = s.parent), (SELECT id FROM term WHERE text = s.location),
                (SELECT id FROM term WHERE text = s.disposition), (SELECT id FROM term WHERE text = s.owner), s.status,
                s.last_event_row, s.last_event_time_ms
            FROM identifier_state s ORDER BY s.key;
        DROP TABLE identifier_state;
        ALTER TABLE identifier_state_compact RENAME TO identifier_state;
        -- an aggregation DELETE without childEPCs clears the parent of every child
        CREATE INDEX identifier_state_parent ON identifier_state(parent) WHERE parent IS NOT NULL;

        CREATE TABLE lot_balance_compact (
            lot_key INTEGER NOT NULL,
            party INTEGER NOT NULL,
            uom TEXT NOT NULL,
            received REAL NOT NULL DEFAULT 0,
            produced REAL NOT NULL DEFAULT 0,
            consumed REAL NOT NULL DEFAULT 0,
            shipped REAL NOT NULL DEFAULT 0,
            destroyed REAL NOT NULL DEFAULT 0,
            on_hand REAL GENERATED ALWAYS AS (received + produced - consumed - shipped - destroyed) VIRTUAL,
            PRIMARY KEY (lot_key, party, uom)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO term (text) SELECT lot_key FROM lot_balance UNION SELECT party FROM lot_balance
            WHERE party <> '';
        INSERT INTO lot_balance_compact (lot_key, party, uom, received, produced, consumed, shipped, destroyed)
            SELECT (SELECT id FROM term WHERE text = b.lot_key),
                CASE b.party WHEN '' THEN 0 ELSE (SELECT id FROM term WHERE text = b.party) END,
                b.uom, b.received, b.produced, b.consumed, b.shipped, b.destroyed
            FROM lot_balance b ORDER BY 1, 2, 3;
        DROP TABLE lot_balance;
        ALTER TABLE lot_balance_compact RENAME TO lot_balance;

        DROP INDEX open_shipment_destination;
        """

    /// Every string an event or index row refers to, once. `ai`/`ai_value` are an identifier's primary key (GS1
    /// application identifier and its value), which `urn:epc:idpat:` patterns match on.
    static let createTerm = """
        CREATE TABLE term (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL UNIQUE,
            ai TEXT,
            ai_value TEXT
        );
        """

    /// The event tables. The child tables are clustered by event (`event_row`, then the item's place in the event),
    /// so that a capture appends to them and reading an event's rows, or a range of events' rows, is one range of
    /// the table: no separate `event_row` index.
    static func createTables(suffix: String) -> String {
        """
        CREATE TABLE event\(suffix) (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL,
            event_id BLOB,
            event_type INTEGER NOT NULL,
            event_time_ms INTEGER NOT NULL,
            record_time_ms INTEGER NOT NULL,
            action INTEGER,
            biz_step INTEGER,
            disposition INTEGER,
            read_point INTEGER,
            biz_location INTEGER,
            transformation_id INTEGER,
            has_error_declaration INTEGER NOT NULL CHECK (has_error_declaration IN (0, 1)),
            body BLOB NOT NULL
        );
        CREATE TABLE event_identifier\(suffix) (
            event_row INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 9),
            term INTEGER NOT NULL,
            quantity REAL,
            uom TEXT,
            PRIMARY KEY (event_row, seq)
        ) WITHOUT ROWID;
        CREATE TABLE event_party\(suffix) (
            event_row INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            direction INTEGER NOT NULL CHECK (direction IN (1, 2)),
            type INTEGER NOT NULL,
            party INTEGER NOT NULL,
            PRIMARY KEY (event_row, seq)
        ) WITHOUT ROWID;
        CREATE TABLE event_biz_transaction\(suffix) (
            event_row INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type INTEGER,
            transaction_id INTEGER NOT NULL,
            PRIMARY KEY (event_row, seq)
        ) WITHOUT ROWID;
        """
    }

    /// Each index and the query it serves (the decision record lists them too).
    static let createIndexes = """
        -- capture's duplicate check; an event by hash ID or by an event ID that is its hash ID (8 bytes of the hash:
        -- SQLiteCompactID.hashMatch)
        CREATE INDEX event_hash ON event(substr(hash, 1, 8));
        -- an event by a supplied event ID (a UUID URN, …), when it is not the hash ID
        CREATE INDEX event_event_id ON event(event_id) WHERE event_id IS NOT NULL;
        -- GE_/LT_eventTime, orderBy eventTime, a reconciliation since a date
        CREATE INDEX event_event_time ON event(event_time_ms);
        -- GE_/LT_recordTime (subscriptions' incremental queries), orderBy recordTime, the capture statistics
        CREATE INDEX event_record_time ON event(record_time_ms);
        -- EQ_bizStep
        CREATE INDEX event_biz_step ON event(biz_step);
        -- EQ_readPoint / WD_readPoint, a key's first event (labels)
        CREATE INDEX event_read_point ON event(read_point);
        -- EQ_bizLocation / WD_bizLocation, a key's first event (labels)
        CREATE INDEX event_biz_location ON event(biz_location);
        -- a reconciliation's scan of every event's facts without reading the bodies
        CREATE INDEX event_facts ON event(id, event_type, event_time_ms, action, biz_step, disposition, read_point,
            biz_location);
        -- traces and recalls (a frontier of keys), MATCH_ parameters, closing open shipments
        CREATE INDEX event_identifier_term ON event_identifier(term, role);
        -- EQ_source / EQ_destination
        CREATE INDEX event_party_party ON event_party(party, direction, type);
        -- EQ_bizTransaction, closing open shipments by a shared transaction
        CREATE INDEX event_biz_transaction_id ON event_biz_transaction(transaction_id);
        -- urn:epc:idpat: patterns (MATCH_ with a pattern): keys by primary key prefix
        CREATE INDEX term_primary_key ON term(ai, ai_value) WHERE ai IS NOT NULL;
        """

    /// The terms of a store written before this step: identifiers first, so that a key that is also a location or
    /// party keeps its primary key.
    private static let internExisting = """
        INSERT INTO term (text, ai, ai_value)
            SELECT key, max(ai), max(ai_value) FROM event_identifier GROUP BY key ORDER BY min(rowid);
        INSERT OR IGNORE INTO term (text)
            SELECT value FROM (
                SELECT event_type AS value FROM event
                UNION ALL SELECT action FROM event
                UNION ALL SELECT biz_step FROM event
                UNION ALL SELECT disposition FROM event
                UNION ALL SELECT read_point FROM event
                UNION ALL SELECT biz_location FROM event
                UNION ALL SELECT transformation_id FROM event
                UNION ALL SELECT type FROM event_party
                UNION ALL SELECT party FROM event_party
                UNION ALL SELECT type FROM event_biz_transaction
                UNION ALL SELECT transaction_id FROM event_biz_transaction
            ) WHERE value IS NOT NULL;
        """

    /// The rows, through the terms. `seq` is an item's place among its event's rows (their rowid order, which is
    /// the order capture wrote them in).
    private static let copyRows = """
        INSERT INTO event_compact (id, hash, event_id, event_type, event_time_ms, record_time_ms, action, biz_step,
            disposition, read_point, biz_location, transformation_id, has_error_declaration, body)
        SELECT e.id, suyuan_compact_id(e.hash_id),
            CASE WHEN e.event_id = e.hash_id THEN NULL ELSE suyuan_compact_id(e.event_id) END,
            (SELECT id FROM term WHERE text = e.event_type), e.event_time_ms, e.record_time_ms,
            (SELECT id FROM term WHERE text = e.action), (SELECT id FROM term WHERE text = e.biz_step),
            (SELECT id FROM term WHERE text = e.disposition), (SELECT id FROM term WHERE text = e.read_point),
            (SELECT id FROM term WHERE text = e.biz_location), (SELECT id FROM term WHERE text = e.transformation_id),
            e.has_error_declaration, suyuan_compress_body(e.body)
        FROM event e ORDER BY e.id;
        INSERT INTO event_identifier_compact (event_row, seq, role, term, quantity, uom)
        SELECT i.event_row, row_number() OVER (PARTITION BY i.event_row ORDER BY i.rowid),
            CASE i.role WHEN 'epc' THEN 1 WHEN 'parent' THEN 2 WHEN 'child' THEN 3 WHEN 'input' THEN 4
                WHEN 'output' THEN 5 WHEN 'quantity' THEN 6 WHEN 'child_quantity' THEN 7 WHEN 'input_quantity' THEN 8
                WHEN 'output_quantity' THEN 9 END,
            (SELECT id FROM term WHERE text = i.key), i.quantity, i.uom
        FROM event_identifier i ORDER BY i.event_row, i.rowid;
        INSERT INTO event_party_compact (event_row, seq, direction, type, party)
        SELECT p.event_row, row_number() OVER (PARTITION BY p.event_row ORDER BY p.rowid),
            CASE p.direction WHEN 'source' THEN 1 ELSE 2 END,
            (SELECT id FROM term WHERE text = p.type), (SELECT id FROM term WHERE text = p.party)
        FROM event_party p ORDER BY p.event_row, p.rowid;
        INSERT INTO event_biz_transaction_compact (event_row, seq, type, transaction_id)
        SELECT t.event_row, row_number() OVER (PARTITION BY t.event_row ORDER BY t.rowid),
            (SELECT id FROM term WHERE text = t.type), (SELECT id FROM term WHERE text = t.transaction_id)
        FROM event_biz_transaction t ORDER BY t.event_row, t.rowid;
        """

    /// `suyuan_compress_body(body)`: the stored form of a body (``EventBodyCodec``), for the copy only: the same
    /// bytes deflated, so that the ledger leaf (the hash of the bytes as captured) still matches.
    private static let compressBody = DatabaseFunction("suyuan_compress_body", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return Data(try EventBodyCodec().compress(Array(text.utf8)))
    }

    /// `suyuan_compact_id(text)`: the stored form of a hash ID or event ID (``SQLiteCompactID``), for the copy only.
    private static let compactID = DatabaseFunction("suyuan_compact_id", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return SQLiteCompactID.value(text)
    }
}
