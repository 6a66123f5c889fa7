import GRDB

/// The tables of the projections that capture keeps beside the events (see ``SQLiteProjector`` for the rules).
enum SQLiteProjectionSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE identifier_state (
                    key TEXT PRIMARY KEY NOT NULL,
                    parent TEXT,
                    location TEXT,
                    disposition TEXT,
                    owner TEXT,
                    status TEXT NOT NULL CHECK (status IN ('active', 'commissioned', 'decommissioned', 'consumed')),
                    last_event_row INTEGER NOT NULL REFERENCES event(id),
                    last_event_time_ms INTEGER NOT NULL
                );
                CREATE INDEX identifier_state_parent ON identifier_state(parent);

                CREATE TABLE lot_balance (
                    lot_key TEXT NOT NULL,
                    party TEXT NOT NULL,
                    uom TEXT NOT NULL,
                    received REAL NOT NULL DEFAULT 0,
                    produced REAL NOT NULL DEFAULT 0,
                    consumed REAL NOT NULL DEFAULT 0,
                    shipped REAL NOT NULL DEFAULT 0,
                    destroyed REAL NOT NULL DEFAULT 0,
                    on_hand REAL GENERATED ALWAYS AS (received + produced - consumed - shipped - destroyed) VIRTUAL,
                    PRIMARY KEY (lot_key, party, uom)
                );
                CREATE INDEX lot_balance_party ON lot_balance(party);

                CREATE TABLE open_shipment (
                    shipping_event INTEGER PRIMARY KEY REFERENCES event(id),
                    source TEXT NOT NULL,
                    destination TEXT NOT NULL,
                    shipped_at_ms INTEGER NOT NULL
                );
                CREATE INDEX open_shipment_destination ON open_shipment(destination);
                """)
    }
}
