import EPCIS
import Foundation
import Storage
import Transparency
import StoragePostgres
import Testing

/// The schema is versioned: a database that is behind is refused until `suyuan migrate` runs, and migrating twice
/// applies nothing the second time.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresMigrationTests {
    @Test("a fresh database is refused without migrate, with schemaOutdated")
    func freshDatabaseIsRefused() async throws {
        // Given a schema with no tables
        let url = PostgresTestDatabase.freshURL()
        // When the store is opened without migrating
        let error = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: url) { _ in }
        }
        // Then
        #expect(error?.code == .schemaOutdated)
        #expect(error?.message.contains("run suyuan migrate") == true)
    }

    @Test("migrate applies every step once; the migrated database opens without migrate")
    func migrateAppliesOnce() async throws {
        // Given a fresh schema
        let url = PostgresTestDatabase.freshURL()
        // When it is migrated, then migrated again
        let first = try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.appliedMigrations()
        }
        let second = try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.migrate()
        }
        // Then the first run applied every step, the second none, and a plain open works
        #expect(first == [
            "v1-events", "v1-master-data", "v2-ledger", "v2-projections", "v3-recalls", "v4-platform",
            "v5-scheduled-subscriptions", "v6-reconcile-checkpoint", "v7-capture-jobs", "v8-federation",
            "v9-master-data-language", "v10-consumer-reports", "v11-recall-serials", "v14-sector-checkpoint",
            "v15-ledger-tiles", "v16-compact-bodies", "v17-identifier-key-hash",
            "v18-event-id-hash-indexes", "v19-unique-digests", "v20-no-event-foreign-keys",
        ])
        #expect(second.isEmpty)
        let applied = try await PostgresEventStore.open(url: url) { store in try await store.appliedMigrations() }
        #expect(applied == first)
    }

    @Test("a database from before v4-platform is refused until migrated, and keeps its master data")
    func platformStepUpgradesAnOlderDatabase() async throws {
        // Given a database with master data whose v4-platform step (and the v5 step on its tables) is undone by
        // another client
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        let party = VocabularyElement(
            id: "https://id.gs1.org/417/6901234000031",
            attributes: [
                VocabularyAttribute(id: "https://ns.suyuan.org/mda#name", value: .string("Green Mart")),
                VocabularyAttribute(id: "https://ns.suyuan.org/mda#licenceStatus", value: .string("active")),
            ])
        try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.updateParty(party, changes: [])
        }
        _ = try await PostgresTestDatabase.psql(
            """
            DROP TABLE subscription, named_query, access_key, party_change, consumer_scan;
            ALTER TABLE vocabulary_attribute DROP COLUMN id; ALTER TABLE vocabulary_child DROP COLUMN id;
            DELETE FROM schema_migration WHERE version IN ('v4-platform', 'v5-scheduled-subscriptions')
            """, schema: schema)
        // When it is opened without migrating, then migrated
        let refused = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: url) { _ in }
        }
        let migrated = try await PostgresEventStore.migrate(url: url)
        // Then only the new step is applied, and the master data reads back in order
        #expect(refused?.code == .schemaOutdated)
        #expect(refused?.message.contains("v4-platform") == true)
        #expect(migrated.applied == ["v4-platform", "v5-scheduled-subscriptions"])
        let parties = try await PostgresEventStore.open(url: url) { store in
            try await store.vocabularyElements(type: "urn:epcglobal:epcis:vtype:Party")
        }
        #expect(parties == [party])
    }

    @Test("a store written before v16-compact-bodies keeps every event, hash, proof and sensor query; new bodies are compressed")
    func compactBodiesUpgradeAnOlderStore() async throws {
        // Given a store whose events were written as the release before v16 wrote them: JSON text bodies, no
        // sensor column (hand-written events, one with sensor data, one with Chinese text)
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        let document = try JSONDocumentDecoder().decode(Data(Self.olderDocument.utf8))
        let ids = try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.capture(document, context: CaptureContext()).eventIDs
        }
        var rewrite = ""
        for line in try await PostgresTestDatabase.psql("SELECT id, encode(body, 'hex') FROM event", schema: schema)
            .split(separator: "\n")
        {
            let fields = line.split(separator: "|")
            let stored = PostgresTestDatabase.bytes(hex: fields[1])
            let text = String(decoding: try EventBodyCodec().original(stored), as: UTF8.self)
            rewrite += "UPDATE event SET body = '\(text.replacingOccurrences(of: "'", with: "''"))' WHERE id = \(fields[0]);\n"
        }
        _ = try await PostgresTestDatabase.psql(
            """
            ALTER TABLE event DROP COLUMN has_sensor_data;
            ALTER TABLE event ALTER COLUMN body TYPE TEXT USING '';
            \(rewrite)
            DELETE FROM schema_migration
                WHERE version IN (
                    'v16-compact-bodies', 'v17-identifier-key-hash', 'v18-event-id-hash-indexes', 'v19-unique-digests');
            DROP INDEX event_plain_hash; DROP INDEX event_plain_event_id;
            CREATE UNIQUE INDEX event_plain_hash ON event(hash_id) WHERE NOT has_error_declaration;
            CREATE UNIQUE INDEX event_plain_event_id ON event(event_id) WHERE NOT has_error_declaration;
            DROP FUNCTION suyuan_digest(text);
            DROP INDEX event_hash; DROP INDEX event_event_id; CREATE INDEX event_event_id ON event(event_id);
            DROP INDEX event_identifier_key; CREATE INDEX event_identifier_key ON event_identifier(key, event_row)
            """, schema: schema)
        let before = try await PostgresTestDatabase.psql("SELECT count(*) FROM event WHERE body LIKE '{%'", schema: schema)
        #expect(before.trimmingCharacters(in: .whitespacesAndNewlines) == "3")

        // When it is opened without migrating, then migrated
        let refused = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: url) { _ in }
        }
        let migrated = try await PostgresEventStore.migrate(url: url)

        // Then only v16 to v19 are applied; the ledger verifies, proofs hold, every event reads back with its hash, the
        // sensor query finds the old sensor event
        #expect(refused?.code == .schemaOutdated)
        #expect(
            migrated.applied == [
                "v16-compact-bodies", "v17-identifier-key-hash", "v18-event-id-hash-indexes", "v19-unique-digests",
            ])
        try await PostgresEventStore.open(url: url) { store in
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact && verification.eventCount == 3, "\(verification)")
            let bundle = try await store.inclusionProof(eventID: ids[1])
            try InclusionProofBundle.decode(json: try bundle.jsonData()).verify(trusting: store.ledgerPublicKey)
            for (id, event) in zip(ids, document.events) {
                let stored = try await store.events(withID: id)
                #expect(stored.count == 1)
                #expect(stored.first?.event.bizStep == event.bizStep)
                #expect(stored.first?.event.sensorElementList == event.sensorElementList)
            }
            let sensor = try await store.events(
                matching: EPCISQuery(predicates: [.sensorElementExists]), page: PageRequest(size: 10))
            #expect(sensor.events.map(\.id) == [ids[1]])

            // And a new capture is stored deflated beside the old rows, and found by the same query
            let later = try JSONDocumentDecoder().decode(Data(Self.laterDocument.utf8))
            let new = try await store.capture(later, context: CaptureContext()).eventIDs
            let both = try await store.events(
                matching: EPCISQuery(predicates: [.sensorElementExists]), page: PageRequest(size: 10))
            #expect(both.events.map(\.id) == [ids[1]] + new)
            #expect(try await store.verifyLedger().isIntact)
        }
        let forms = try await PostgresTestDatabase.psql(
            "SELECT get_byte(body, 0), has_sensor_data FROM event ORDER BY id", schema: schema)
        #expect(forms.split(separator: "\n") == ["123|f", "123|t", "123|f", "\(EventBodyCodec.zstdDictionary1)|t"])
    }

    @Test("a plain store with foreign keys to event, as before v20, loses them on migrate and keeps every row")
    func foreignKeysToEventGo() async throws {
        // Given a plain store holding events, with the foreign keys to event(id) that releases before v20 created
        let url = PostgresTestDatabase.freshURL()
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        let document = try JSONDocumentDecoder().decode(Data(Self.olderDocument.utf8))
        let ids = try await PostgresEventStore.open(url: url, migrate: true) { store in
            try await store.capture(document, context: CaptureContext()).eventIDs
        }
        let foreignKeys = "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = 'event'::regclass"
        _ = try await PostgresTestDatabase.psql(
            """
            ALTER TABLE event_identifier ADD FOREIGN KEY (event_row) REFERENCES event(id) ON DELETE CASCADE;
            ALTER TABLE event_party ADD FOREIGN KEY (event_row) REFERENCES event(id) ON DELETE CASCADE;
            ALTER TABLE event_biz_transaction ADD FOREIGN KEY (event_row) REFERENCES event(id) ON DELETE CASCADE;
            ALTER TABLE identifier_state ADD FOREIGN KEY (last_event_row) REFERENCES event(id);
            ALTER TABLE open_shipment ADD FOREIGN KEY (shipping_event) REFERENCES event(id);
            DELETE FROM schema_migration WHERE version = 'v20-no-event-foreign-keys';
            """, schema: schema)
        #expect(try await PostgresTestDatabase.psql(foreignKeys, schema: schema).trimmingCharacters(in: .whitespacesAndNewlines) == "5")
        let rowsBefore = try await PostgresTestDatabase.psql(
            "SELECT (SELECT count(*) FROM event_identifier), (SELECT count(*) FROM identifier_state)", schema: schema)

        // When it is migrated
        let migrated = try await PostgresEventStore.migrate(url: url)

        // Then v20 alone is applied, no foreign key to event is left, and every row is still there
        #expect(migrated.applied == ["v20-no-event-foreign-keys"])
        #expect(try await PostgresTestDatabase.psql(foreignKeys, schema: schema).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try await PostgresTestDatabase.psql(
            "SELECT (SELECT count(*) FROM event_identifier), (SELECT count(*) FROM identifier_state)", schema: schema)
            == rowsBefore)
        // And the store captures, finds and proves as before
        try await PostgresEventStore.open(url: url) { store in
            let later = try JSONDocumentDecoder().decode(Data(Self.laterDocument.utf8))
            let new = try await store.capture(later, context: CaptureContext()).eventIDs
            #expect(new.count == 1)
            #expect(try await store.events(withID: ids[2]).count == 1)
            let verification = try await store.verifyLedger()
            #expect(verification.isIntact && verification.eventCount == 4, "\(verification)")
        }
    }

    @Test("an event is found by eventID or event hash, and identifier rows by key, through indexes in both layouts")
    func lookupsUseIndexes() async throws {
        for layout in ["", "&partitioned=monthly"] {
            // Given a migrated store of either layout, with events (so that the monthly one has a partition)
            let url = PostgresTestDatabase.freshURL() + layout
            let schema = try #require(PostgresTestDatabase.schema(of: url))
            let document = try JSONDocumentDecoder().decode(Data(Self.olderDocument.utf8))
            try await PostgresEventStore.open(url: url, migrate: true) { store in
                _ = try await store.capture(document, context: CaptureContext())
            }
            // When the look-ups the store makes are planned with sequential scans ruled out
            let plan = try await PostgresTestDatabase.psql(
                """
                SET enable_seqscan = off;
                EXPLAIN SELECT id FROM event WHERE event_id = 'urn:uuid:1' OR hash_id = 'urn:uuid:1';
                EXPLAIN SELECT event_row FROM event_identifier WHERE key = ANY(ARRAY['https://id.gs1.org/01/1']);
                """, schema: schema)
            // Then no table is read whole
            #expect(!plan.contains("Seq Scan"), "\(layout)\n\(plan)")
            // (two index scans for the ID, one or more for the key: one per hash partition it may fall in)
            #expect(plan.components(separatedBy: "Index Scan on").count - 1 >= 3, "\(layout)\n\(plan)")
            guard layout.isEmpty else { continue }
            // And in the plain layout a copy of a stored event's row is refused when it keeps the hash or the eventID
            // (the unique digests), and stored when it changes both
            func copy(eventID: String, hashID: String) async throws -> String {
                try await PostgresTestDatabase.psql(
                    """
                    INSERT INTO event (id, event_id, hash_id, event_type, event_time_ms, event_time, record_time_ms,
                        record_time, has_error_declaration, has_sensor_data, body)
                    SELECT id + 1000, \(eventID), \(hashID), event_type, event_time_ms, event_time, record_time_ms,
                        record_time, has_error_declaration, has_sensor_data, body
                    FROM event WHERE id = (SELECT min(id) FROM event) RETURNING id
                    """, schema: schema)
            }
            await #expect(throws: (any Error).self) { try await copy(eventID: "event_id || '#2'", hashID: "hash_id") }
            await #expect(throws: (any Error).self) { try await copy(eventID: "event_id", hashID: "hash_id || '#2'") }
            #expect(try await !copy(eventID: "event_id || '#2'", hashID: "hash_id || '#2'").isEmpty)
        }
    }

    /// Three events as an older release stored them: a shipment, a cold-room reading, a receipt with Chinese
    /// master data text in an extension.
    static let olderDocument = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"cn":"https://ns.example.cn/"}],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[
          {"type":"ObjectEvent","eventTime":"2026-03-01T08:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":["urn:epc:id:sgtin:6901234.000017.1"],"action":"OBSERVE","bizStep":"shipping",
           "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"}},
          {"type":"ObjectEvent","eventTime":"2026-03-01T09:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":["urn:epc:id:sgtin:6901234.000017.1"],"action":"OBSERVE","bizStep":"storing",
           "sensorElementList":[{"sensorReport":[{"type":"Temperature","value":3.5,"uom":"CEL"}]}]},
          {"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":["urn:epc:id:sgtin:6901234.000017.1"],"action":"OBSERVE","bizStep":"receiving",
           "cn:备注":"冷链到货，温度正常 'ok'"}
         ]}}
        """

    /// A reading captured after the migration.
    static let laterDocument = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
         "schemaVersion":"2.0","creationDate":"2026-03-02T00:00:00Z","epcisBody":{"eventList":[
          {"type":"ObjectEvent","eventTime":"2026-03-02T09:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":["urn:epc:id:sgtin:6901234.000017.2"],"action":"OBSERVE","bizStep":"storing",
           "sensorElementList":[{"sensorReport":[{"type":"Temperature","value":4.0,"uom":"CEL"}]}]}
         ]}}
        """

    @Test("a store name that is not a PostgreSQL URL is refused")
    func malformedURL() async throws {
        let error = await #expect(throws: StorageError.self) {
            try await PostgresEventStore.open(url: "postgres://127.0.0.1/db?schema=a;drop") { _ in }
        }
        #expect(error?.code == .invalidQuery)
    }
}
