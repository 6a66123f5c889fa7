public import Foundation
import GRDB
public import Storage

/// The SQLite store as a ``Storage/PlatformStateStore``: access keys, named queries and subscriptions here; the
/// party registry and consumer scans in `SQLiteEventStore+PartyRegistry.swift`. Each change is one write
/// transaction, which checks for what already exists before it inserts (the single writer makes that check safe;
/// the UNIQUE constraints stay as the last guard).
extension SQLiteEventStore: PlatformStateStore {
    // MARK: Access keys

    public func storeAccessKey(_ key: AccessKey) async throws(StorageError) {
        try key.validate()
        let createdAt = SQLitePlatformRows.milliseconds(key.createdAt)
        let revokedAt = key.revokedAt.map(SQLitePlatformRows.milliseconds)
        try await write { db in
            let taken = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM access_key WHERE key_id = ? OR secret_hash = ?",
                arguments: [key.id, key.secretHash])
            guard taken == nil else {
                throw StorageError(.alreadyExists, "access key \(key.id) already exists; nothing was stored")
            }
            try db.execute(
                sql: """
                    INSERT INTO access_key (key_id, secret_hash, role, party, peer, label, created_at_ms,
                        revoked_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.id, key.secretHash, key.role.rawValue, key.party, key.peer, key.label, createdAt, revokedAt,
                ])
        }
    }

    public func accessKey(secretHash: String) async throws(StorageError) -> AccessKey? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_key WHERE secret_hash = ?", arguments: [secretHash])
                .map(SQLitePlatformRows.accessKey)
        }
    }

    public func accessKeys() async throws(StorageError) -> [AccessKey] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_key ORDER BY id").map(SQLitePlatformRows.accessKey)
        }
    }

    public func revokeAccessKey(id: String, at: Date) async throws(StorageError) -> AccessKey {
        let revokedAt = SQLitePlatformRows.milliseconds(at)
        return try await write { db in
            // COALESCE keeps the first revocation time: revoking twice changes nothing.
            try db.execute(
                sql: "UPDATE access_key SET revoked_at_ms = COALESCE(revoked_at_ms, ?) WHERE key_id = ?",
                arguments: [revokedAt, id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM access_key WHERE key_id = ?", arguments: [id])
            else { throw StorageError(.notFound, "no access key \(id)") }
            return try SQLitePlatformRows.accessKey(row)
        }
    }

    // MARK: Named queries

    public func saveQuery(_ query: NamedQuery) async throws(StorageError) {
        let createdAt = SQLitePlatformRows.milliseconds(query.createdAt)
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM named_query WHERE name = ?", arguments: [query.name]) == nil
            else { throw StorageError(.alreadyExists, "a query named \(query.name) already exists") }
            try db.execute(
                sql: "INSERT INTO named_query (name, parameters, owner, created_at_ms) VALUES (?, ?, ?, ?)",
                arguments: [query.name, query.parameters, query.owner, createdAt])
        }
    }

    public func namedQuery(name: String) async throws(StorageError) -> NamedQuery? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM named_query WHERE name = ?", arguments: [name])
                .map(SQLitePlatformRows.namedQuery)
        }
    }

    public func namedQueries() async throws(StorageError) -> [NamedQuery] {
        // Sorted in Swift, so that the order is the in-memory store's for any text.
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM named_query").map(SQLitePlatformRows.namedQuery)
        }.sorted { $0.name < $1.name }
    }

    public func deleteQuery(name: String) async throws(StorageError) {
        try await write { db in
            // The subscriptions go with it (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM named_query WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw StorageError(.notFound, "no query named \(name)") }
        }
    }

    // MARK: Subscriptions

    public func saveSubscription(_ subscription: Subscription) async throws(StorageError) {
        let cursorTime = subscription.cursor.map { SQLitePlatformRows.milliseconds($0.recordTime) }
        let cursorIDs = try subscription.cursor.map { cursor throws(StorageError) in
            try SQLitePlatformRows.encode(cursor.deliveredIDs)
        }
        let createdAt = SQLitePlatformRows.milliseconds(subscription.createdAt)
        let initial = SQLitePlatformRows.milliseconds(subscription.initialRecordTime)
        try await write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM named_query WHERE name = ?", arguments: [subscription.queryName]) != nil
            else { throw StorageError(.notFound, "no query named \(subscription.queryName)") }
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM subscription WHERE subscription_id = ?", arguments: [subscription.id])
                    == nil
            else { throw StorageError(.alreadyExists, "subscription \(subscription.id) already exists") }
            try db.execute(
                sql: """
                    INSERT INTO subscription (subscription_id, query_name, destination, signing_secret, stream, owner,
                        created_at_ms, initial_record_time_ms, cursor_record_time_ms, cursor_ids, schedule,
                        report_if_empty, last_notified_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    subscription.id, subscription.queryName, subscription.destination, subscription.signingSecret,
                    subscription.stream, subscription.owner, createdAt, initial, cursorTime, cursorIDs,
                    subscription.schedule?.storedText, subscription.reportIfEmpty,
                    subscription.lastNotifiedAt.map(SQLitePlatformRows.milliseconds),
                ])
        }
    }

    public func subscriptions(queryName: String?) async throws(StorageError) -> [Subscription] {
        try await read { db in
            let rows =
                if let queryName {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM subscription WHERE query_name = ? ORDER BY id", arguments: [queryName])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM subscription ORDER BY id")
                }
            return try rows.map(SQLitePlatformRows.subscription)
        }
    }

    public func deleteSubscription(id: String) async throws(StorageError) {
        try await write { db in
            try db.execute(sql: "DELETE FROM subscription WHERE subscription_id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw StorageError(.notFound, "no subscription \(id)") }
        }
    }

    public func advanceSubscription(id: String, to cursor: SubscriptionCursor?, notifiedAt: Date)
        async throws(StorageError)
    {
        let time = cursor.map { SQLitePlatformRows.milliseconds($0.recordTime) }
        let ids = try cursor.map { cursor throws(StorageError) in try SQLitePlatformRows.encode(cursor.deliveredIDs) }
        let notified = SQLitePlatformRows.milliseconds(notifiedAt)
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE subscription SET cursor_record_time_ms = coalesce(?1, cursor_record_time_ms),
                        cursor_ids = coalesce(?2, cursor_ids), last_notified_ms = ?3
                    WHERE subscription_id = ?4
                    """,
                arguments: [time, ids, notified, id])
            guard db.changesCount > 0 else { throw StorageError(.notFound, "no subscription \(id)") }
        }
    }
}
