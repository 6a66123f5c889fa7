import EPCIS
import Foundation
import GRDB
import Storage

/// Maps the platform tables' rows to and from the Storage records.
enum SQLitePlatformRows {
    static func milliseconds(_ date: Date) -> Int64 { RecallRecord.millisecondsSince1970(date) }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    static func accessKey(_ row: Row) throws -> AccessKey {
        let roleName: String = row["role"]
        guard let role = AccessKey.Role(rawValue: roleName) else {
            throw StorageError(.internalFailure, "a stored access key has an unknown role")
        }
        let revoked: Int64? = row["revoked_at_ms"]
        return AccessKey(
            id: row["key_id"], secretHash: row["secret_hash"], role: role, party: row["party"], peer: row["peer"],
            label: row["label"], createdAt: date(row["created_at_ms"]), revokedAt: revoked.map(date))
    }

    static func namedQuery(_ row: Row) -> NamedQuery {
        NamedQuery(
            name: row["name"], parameters: row["parameters"], owner: row["owner"],
            createdAt: date(row["created_at_ms"]))
    }

    static func subscription(_ row: Row) throws -> Subscription {
        var cursor: SubscriptionCursor?
        if let time: Int64 = row["cursor_record_time_ms"], let ids: String = row["cursor_ids"] {
            cursor = SubscriptionCursor(recordTime: date(time), deliveredIDs: try decode(ids))
        }
        let schedule: String? = row["schedule"]
        let notified: Int64? = row["last_notified_ms"]
        return Subscription(
            id: row["subscription_id"], queryName: row["query_name"], destination: row["destination"],
            signingSecret: row["signing_secret"], stream: row["stream"],
            schedule: try schedule.map { text throws(StorageError) in try QuerySchedule(storedText: text) },
            reportIfEmpty: row["report_if_empty"], owner: row["owner"], createdAt: date(row["created_at_ms"]),
            cursor: cursor, initialRecordTime: date(row["initial_record_time_ms"]), lastNotifiedAt: notified.map(date))
    }

    static func partyChange(_ row: Row) -> PartyChange {
        PartyChange(
            party: row["party"], attribute: row["attribute"], oldValue: row["old_value"], newValue: row["new_value"],
            changedBy: row["changed_by"], changedAt: date(row["changed_at_ms"]), reason: row["reason"])
    }

    /// A cursor's delivered IDs as the JSON array text of `subscription.cursor_ids`.
    static func encode(_ ids: [String]) throws(StorageError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
        } catch {
            throw StorageError(.internalFailure, "the subscription's cursor cannot be encoded", underlying: error)
        }
    }

    static func decode(_ ids: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(ids.utf8))
        } catch {
            throw StorageError(.internalFailure, "a stored subscription cursor cannot be read", underlying: error)
        }
    }
}
