import EPCIS
import Foundation
import Storage
import StoragePostgres
import Testing

/// The store's advisory locks belong to its schema: a capture waits for another capture into the same schema and
/// not for one into another schema of the database.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresAdvisoryLockTests {
    /// Holds a schema's capture lock from another client (psql) until the process is ended.
    private static func holdCaptureLock(schema: String) throws -> Process {
        let holder = try PostgresTestDatabase.psqlProcess(
            "BEGIN; SELECT pg_advisory_xact_lock(4620816, hashtext(current_schema()::text)); SELECT pg_sleep(60);",
            schema: schema)
        holder.standardOutput = Pipe()
        holder.standardError = Pipe()
        try holder.run()
        return holder
    }

    /// The schema's capture lock as a condition on pg_locks.
    private static let heldLock =
        "locktype = 'advisory' AND classid = 4620816 AND objid = hashtext(current_schema()::text)::oid AND granted"

    private static func lockIsHeld(schema: String) async throws -> Bool {
        try await PostgresTestDatabase.psql("SELECT count(*) FROM pg_locks WHERE \(heldLock)", schema: schema) != "0\n"
    }

    /// Ends the holder's session in the server (a client that goes away is not noticed during pg_sleep).
    private static func endHolder(_ holder: Process, schema: String) async throws {
        _ = try await PostgresTestDatabase.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE \(heldLock)", schema: schema)
        holder.terminate()
    }

    @Test("a capture waits for a capture into its own schema, not for one into another schema")
    func locksBelongToTheSchema() async throws {
        let (first, second) = (PostgresTestDatabase.freshURL(), PostgresTestDatabase.freshURL())
        let firstSchema = try #require(PostgresTestDatabase.schema(of: first))
        try await PostgresEventStore.open(url: first, migrate: true) { firstStore in
            try await PostgresEventStore.open(url: second, migrate: true) { secondStore in
                // Given another client in the middle of a capture into the first schema
                let holder = try Self.holdCaptureLock(schema: firstSchema)
                defer { if holder.isRunning { holder.terminate() } }
                while !(try await Self.lockIsHeld(schema: firstSchema)) {
                    try #require(holder.isRunning, "the holding client ended before it held the lock")
                    try await Task.sleep(for: .milliseconds(50))
                }
                // When both stores capture
                let waiting = Task { try await firstStore.capture(PostgresFixtures.document, context: PostgresFixtures.context) }
                let other = try await secondStore.capture(PostgresFixtures.document, context: PostgresFixtures.context)
                // Then the second schema's capture ended while the first schema's lock was still held
                #expect(other.eventIDs.count == PostgresFixtures.story.count)
                #expect(holder.isRunning)
                #expect(try await Self.lockIsHeld(schema: firstSchema))
                // And the first schema's capture stored nothing until the holder ended, then everything
                #expect(try await PostgresTestDatabase.psql("SELECT count(*) FROM event", schema: firstSchema) == "0\n")
                try await Self.endHolder(holder, schema: firstSchema)
                let receipt = try await waiting.value
                #expect(receipt.eventIDs.count == PostgresFixtures.story.count)
                #expect(
                    try await PostgresTestDatabase.psql("SELECT count(*) FROM event", schema: firstSchema)
                        == "\(PostgresFixtures.story.count)\n")
            }
        }
    }
}
