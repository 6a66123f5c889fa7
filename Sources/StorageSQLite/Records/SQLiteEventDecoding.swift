import EPCIS
import Foundation
import GRDB
import Storage

/// Reads stored events back from their rows: the faithful body (the compact JSON-LD written on capture), the hash
/// and the event ID, which is stored only when it differs from the hash ID (both in ``SQLiteCompactID``'s forms).
enum SQLiteEventDecoding {
    /// The columns ``storedEvent(_:)`` reads, of the `event` table named `table`.
    static func columns(_ table: String = "event") -> String {
        "\(table).id AS id, \(table).event_id AS event_id, \(table).hash AS hash, \(table).body AS body"
    }

    /// Maps a row with the columns of ``columns(_:)`` to a stored event.
    /// - Throws: ``StorageError`` `.internalFailure` when the body no longer decodes (a damaged database).
    static func storedEvent(_ row: Row) throws -> StoredEvent {
        let event = try decode(body(row))
        let hashID = try hashID(row)
        let id = SQLiteCompactID.text(row["event_id"] as DatabaseValue) ?? hashID
        return StoredEvent(event: event, id: id, hashID: hashID)
    }

    /// The hash ID of a row with a `hash` column.
    /// - Throws: ``StorageError`` `.internalFailure` when the column holds neither form (a damaged database).
    static func hashID(_ row: Row) throws -> String {
        guard let text = SQLiteCompactID.text(row["hash"] as DatabaseValue) else {
            throw StorageError(.internalFailure, "a stored event hash cannot be read back")
        }
        return text
    }

    /// The event ID of a row with the columns `event_id` and `hash`.
    /// - Throws: as ``hashID(_:)``.
    static func eventID(_ row: Row) throws -> String {
        if let id = SQLiteCompactID.text(row["event_id"] as DatabaseValue) { return id }
        return try hashID(row)
    }

    /// The body of a row with a `body` column, as captured.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored body does not inflate (a damaged database).
    static func body(_ row: Row) throws -> String {
        try body(row["body"] as DatabaseValue)
    }

    /// The body a stored `body` value holds, as captured.
    /// - Throws: as ``body(_:)-(Row)``.
    static func body(_ value: DatabaseValue) throws -> String {
        String(decoding: try bodyBytes(value), as: UTF8.self)
    }

    /// The bytes of the body a stored `body` value holds: compressed (``EventBodyCodec``) as a BLOB, or as TEXT
    /// when a row was written outside the store.
    /// - Throws: as ``body(_:)-(Row)``.
    static func bodyBytes(_ value: DatabaseValue) throws -> [UInt8] {
        switch value.storage {
        case .blob(let data): return try EventBodyCodec.withIdle { try $0.decompress([UInt8](data)) }
        case .string(let text): return Array(text.utf8)
        default: throw StorageError(.internalFailure, "a stored event has no body")
        }
    }

    /// The bytes the ledger check hashes for a stored `body` value: the body, or, when it does not inflate, the
    /// stored bytes themselves, which match no leaf, so that the check names the event instead of stopping.
    static func auditedBodyBytes(_ value: DatabaseValue) -> [UInt8] {
        if let bytes = try? bodyBytes(value) { return bytes }
        switch value.storage {
        case .blob(let data): return [UInt8](data)
        case .string(let text): return Array(text.utf8)
        default: return []
        }
    }

    /// `suyuan_body(body)`: the body's text in SQL, for the one condition that looks into bodies
    /// (``SQLiteQueryFilter/hasSensorData``); registered on every connection of the store.
    static let bodyFunction = DatabaseFunction("suyuan_body", argumentCount: 1, pure: true) { values in
        try body(values[0])
    }

    static func decode(_ body: String) throws -> EPCISEvent {
        do {
            guard let event = try JSONDocumentDecoder().decode(Data(body.utf8)).events.first else {
                throw StorageError(.internalFailure, "a stored event has no body")
            }
            return event
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.internalFailure, "a stored event cannot be read back", underlying: error)
        }
    }
}
