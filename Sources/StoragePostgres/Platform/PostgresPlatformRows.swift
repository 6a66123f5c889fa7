import EPCIS
import Foundation
import Logging
import PostgresNIO
import Storage

/// Reads the platform tables' rows back into the Storage records.
enum PostgresPlatformRows {
    /// The columns ``accessKeys(_:on:logger:)`` decodes, in order (a constant: safe for `unescaped:`).
    static let accessKeyColumns = "key_id, secret_hash, role, party, peer, label, created_at_ms, revoked_at_ms"
    /// The columns ``subscriptions(_:on:logger:)`` decodes, in order (a constant: safe for `unescaped:`).
    static let subscriptionColumns = """
        subscription_id, query_name, destination, signing_secret, stream, owner, created_at_ms, \
        initial_record_time_ms, cursor_record_time_ms, cursor_ids, schedule, report_if_empty, last_notified_ms
        """
    /// The columns ``partyChanges(_:on:logger:)`` decodes, in order (a constant: safe for `unescaped:`).
    static let partyChangeColumns = "party, attribute, old_value, new_value, changed_by, changed_at_ms, reason"

    static func milliseconds(_ date: Date) -> Int64 { RecallRecord.millisecondsSince1970(date) }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    static func accessKeys(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws -> [AccessKey]
    {
        var keys: [AccessKey] = []
        for try await (id, hash, roleName, party, peer, label, created, revoked) in try await connection.query(
            query, logger: logger
        ).decode((String, String, String, String?, String?, String?, Int64, Int64?).self) {
            guard let role = AccessKey.Role(rawValue: roleName) else {
                throw StorageError(.internalFailure, "a stored access key has an unknown role")
            }
            keys.append(AccessKey(
                id: id, secretHash: hash, role: role, party: party, peer: peer, label: label, createdAt: date(created),
                revokedAt: revoked.map(date)))
        }
        return keys
    }

    static func namedQueries(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws -> [NamedQuery]
    {
        var queries: [NamedQuery] = []
        for try await (name, parameters, owner, created) in try await connection.query(query, logger: logger)
            .decode((String, String, String?, Int64).self)
        {
            queries.append(NamedQuery(name: name, parameters: parameters, owner: owner, createdAt: date(created)))
        }
        return queries
    }

    static func subscriptions(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws -> [Subscription]
    {
        var subscriptions: [Subscription] = []
        for try await (
            id, queryName, destination, secret, stream, owner, created, initial, cursorTime, cursorIDs, schedule,
            reportIfEmpty, notified
        ) in try await connection.query(query, logger: logger).decode(
            (String, String, String, String?, Bool, String?, Int64, Int64, Int64?, [String]?, String?, Bool, Int64?)
                .self)
        {
            var cursor: SubscriptionCursor?
            if let cursorTime, let cursorIDs {
                cursor = SubscriptionCursor(recordTime: date(cursorTime), deliveredIDs: cursorIDs)
            }
            subscriptions.append(Subscription(
                id: id, queryName: queryName, destination: destination, signingSecret: secret, stream: stream,
                schedule: try schedule.map { text throws(StorageError) in try QuerySchedule(storedText: text) },
                reportIfEmpty: reportIfEmpty, owner: owner, createdAt: date(created), cursor: cursor,
                initialRecordTime: date(initial), lastNotifiedAt: notified.map(date)))
        }
        return subscriptions
    }

    static func partyChanges(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws -> [PartyChange]
    {
        var changes: [PartyChange] = []
        for try await (party, attribute, old, new, by, at, reason) in try await connection.query(query, logger: logger)
            .decode((String, String, String?, String?, String, Int64, String?).self)
        {
            changes.append(PartyChange(
                party: party, attribute: attribute, oldValue: old, newValue: new, changedBy: by, changedAt: date(at),
                reason: reason))
        }
        return changes
    }
}
