import EPCIS
import Foundation
import GRDB
import Storage

/// Reads stored events back from their faithful body (the compact JSON-LD written on capture).
enum SQLiteEventDecoding {
    /// Maps a row with the columns `id, event_id, hash_id, body` to a stored event.
    /// - Throws: ``StorageError`` `.internalFailure` when the body no longer decodes (a damaged database).
    static func storedEvent(_ row: Row) throws -> StoredEvent {
        let body: String = row["body"]
        let event = try decode(body)
        return StoredEvent(event: event, id: row["event_id"], hashID: row["hash_id"])
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
