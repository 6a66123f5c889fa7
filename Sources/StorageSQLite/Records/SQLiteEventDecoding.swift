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
        return StoredEvent(event: event, id: SQLiteCompactID.text(row["event_id"] as DatabaseValue) ?? hashID, hashID: hashID)
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
    static func body(_ row: Row) throws -> String {
        row["body"]
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
