public import Foundation
import Logging
import PostgresNIO
public import Storage

/// The PostgreSQL store as a ``Storage/PlatformStateStore``: access keys, named queries and subscriptions here; the
/// party registry and consumer scans in `PostgresEventStore+PartyRegistry.swift`.
///
/// Inserts use `ON CONFLICT DO NOTHING RETURNING`, so that a taken ID or name is `.alreadyExists` even when two
/// servers race; every value is bound by PostgresQuery interpolation (`unescaped:` only takes constant column lists).
extension PostgresEventStore: PlatformStateStore {
    // MARK: Access keys

    public func storeAccessKey(_ key: AccessKey) async throws(StorageError) {
        try key.validate()
        let logger = logger
        let role = key.role.rawValue
        let createdAt = PostgresPlatformRows.milliseconds(key.createdAt)
        let revokedAt = key.revokedAt.map(PostgresPlatformRows.milliseconds)
        try await withConnection { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO access_key (key_id, secret_hash, role, party, peer, label, created_at_ms, revoked_at_ms)
                VALUES (\(key.id), \(key.secretHash), \(role), \(key.party), \(key.peer), \(key.label), \(createdAt),
                    \(revokedAt))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger
            ).collect()
            guard !inserted.isEmpty else {
                throw StorageError(.alreadyExists, "access key \(key.id) already exists; nothing was stored")
            }
        }
    }

    public func accessKey(secretHash: String) async throws(StorageError) -> AccessKey? {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresPlatformRows.accessKeys(
                """
                SELECT \(unescaped: PostgresPlatformRows.accessKeyColumns) FROM access_key
                WHERE secret_hash = \(secretHash)
                """,
                on: connection, logger: logger
            ).first
        }
    }

    public func accessKeys() async throws(StorageError) -> [AccessKey] {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresPlatformRows.accessKeys(
                "SELECT \(unescaped: PostgresPlatformRows.accessKeyColumns) FROM access_key ORDER BY id",
                on: connection, logger: logger)
        }
    }

    public func revokeAccessKey(id: String, at: Date) async throws(StorageError) -> AccessKey {
        let logger = logger
        let revokedAt = PostgresPlatformRows.milliseconds(at)
        return try await withConnection { connection in
            // COALESCE keeps the first revocation time: revoking twice changes nothing.
            let revoked = try await PostgresPlatformRows.accessKeys(
                """
                UPDATE access_key SET revoked_at_ms = COALESCE(revoked_at_ms, \(revokedAt)) WHERE key_id = \(id)
                RETURNING \(unescaped: PostgresPlatformRows.accessKeyColumns)
                """, on: connection, logger: logger)
            guard let key = revoked.first else { throw StorageError(.notFound, "no access key \(id)") }
            return key
        }
    }

    // MARK: Named queries

    public func saveQuery(_ query: NamedQuery) async throws(StorageError) {
        let logger = logger
        let createdAt = PostgresPlatformRows.milliseconds(query.createdAt)
        try await withConnection { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO named_query (name, parameters, owner, created_at_ms)
                VALUES (\(query.name), \(query.parameters), \(query.owner), \(createdAt))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger
            ).collect()
            guard !inserted.isEmpty else {
                throw StorageError(.alreadyExists, "a query named \(query.name) already exists")
            }
        }
    }

    public func namedQuery(name: String) async throws(StorageError) -> NamedQuery? {
        let logger = logger
        return try await withConnection { connection in
            try await PostgresPlatformRows.namedQueries(
                "SELECT name, parameters, owner, created_at_ms FROM named_query WHERE name = \(name)",
                on: connection, logger: logger
            ).first
        }
    }

    public func namedQueries() async throws(StorageError) -> [NamedQuery] {
        let logger = logger
        // Sorted in Swift: the database's collation may order text otherwise than the in-memory store.
        return try await withConnection { connection in
            try await PostgresPlatformRows.namedQueries(
                "SELECT name, parameters, owner, created_at_ms FROM named_query", on: connection, logger: logger)
        }.sorted { $0.name < $1.name }
    }

    public func deleteQuery(name: String) async throws(StorageError) {
        let logger = logger
        try await withConnection { connection in
            // The subscriptions go with it (ON DELETE CASCADE).
            let deleted = try await connection.query(
                "DELETE FROM named_query WHERE name = \(name) RETURNING id", logger: logger
            ).collect()
            guard !deleted.isEmpty else { throw StorageError(.notFound, "no query named \(name)") }
        }
    }

    // MARK: Subscriptions

    public func saveSubscription(_ subscription: Subscription) async throws(StorageError) {
        let logger = logger
        let createdAt = PostgresPlatformRows.milliseconds(subscription.createdAt)
        let initial = PostgresPlatformRows.milliseconds(subscription.initialRecordTime)
        let cursorTime = subscription.cursor.map { PostgresPlatformRows.milliseconds($0.recordTime) }
        let cursorIDs = subscription.cursor?.deliveredIDs
        let schedule = subscription.schedule?.storedText
        let notified = subscription.lastNotifiedAt.map(PostgresPlatformRows.milliseconds)
        try await withConnection { connection in
            try await connection.transaction(logger: logger) { connection in
                // FOR KEY SHARE keeps the query from being deleted before the subscription is in.
                let query = try await connection.query(
                    "SELECT 1 FROM named_query WHERE name = \(subscription.queryName) FOR KEY SHARE", logger: logger
                ).collect()
                guard !query.isEmpty else { throw StorageError(.notFound, "no query named \(subscription.queryName)") }
                let inserted = try await connection.query(
                    """
                    INSERT INTO subscription (subscription_id, query_name, destination, signing_secret, stream, owner,
                        created_at_ms, initial_record_time_ms, cursor_record_time_ms, cursor_ids, schedule,
                        report_if_empty, last_notified_ms)
                    VALUES (\(subscription.id), \(subscription.queryName), \(subscription.destination),
                        \(subscription.signingSecret), \(subscription.stream), \(subscription.owner), \(createdAt),
                        \(initial), \(cursorTime), \(cursorIDs)::text[], \(schedule), \(subscription.reportIfEmpty),
                        \(notified))
                    ON CONFLICT DO NOTHING RETURNING id
                    """, logger: logger
                ).collect()
                guard !inserted.isEmpty else {
                    throw StorageError(.alreadyExists, "subscription \(subscription.id) already exists")
                }
            }
        }
    }

    public func subscriptions(queryName: String?) async throws(StorageError) -> [Subscription] {
        let logger = logger
        let columns = PostgresPlatformRows.subscriptionColumns
        let query: PostgresQuery =
            if let queryName {
                "SELECT \(unescaped: columns) FROM subscription WHERE query_name = \(queryName) ORDER BY id"
            } else {
                "SELECT \(unescaped: columns) FROM subscription ORDER BY id"
            }
        return try await withConnection { connection in
            try await PostgresPlatformRows.subscriptions(query, on: connection, logger: logger)
        }
    }

    public func deleteSubscription(id: String) async throws(StorageError) {
        let logger = logger
        try await withConnection { connection in
            let deleted = try await connection.query(
                "DELETE FROM subscription WHERE subscription_id = \(id) RETURNING id", logger: logger
            ).collect()
            guard !deleted.isEmpty else { throw StorageError(.notFound, "no subscription \(id)") }
        }
    }

    public func advanceSubscription(id: String, to cursor: SubscriptionCursor?, notifiedAt: Date)
        async throws(StorageError)
    {
        let logger = logger
        let time = cursor.map { PostgresPlatformRows.milliseconds($0.recordTime) }
        let ids = cursor?.deliveredIDs
        let notified = PostgresPlatformRows.milliseconds(notifiedAt)
        try await withConnection { connection in
            let updated = try await connection.query(
                """
                UPDATE subscription SET cursor_record_time_ms = coalesce(\(time), cursor_record_time_ms),
                    cursor_ids = coalesce(\(ids)::text[], cursor_ids), last_notified_ms = \(notified)
                WHERE subscription_id = \(id) RETURNING id
                """, logger: logger
            ).collect()
            guard !updated.isEmpty else { throw StorageError(.notFound, "no subscription \(id)") }
        }
    }
}
