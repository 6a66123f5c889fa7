import EPCIS
import Foundation
import Storage

/// Reads stored events back from their faithful body (the compact JSON-LD written on capture).
enum PostgresEventDecoding {
    /// - Throws: ``StorageError`` `.internalFailure` when the body no longer decodes (a damaged database).
    static func storedEvent(eventID: String, hashID: String, body: String) throws(StorageError) -> StoredEvent {
        let event: EPCISEvent?
        do {
            event = try JSONDocumentDecoder().decode(Data(body.utf8)).events.first
        } catch {
            throw StorageError(.internalFailure, "a stored event cannot be read back", underlying: error)
        }
        guard let event else { throw StorageError(.internalFailure, "a stored event has no body") }
        return StoredEvent(event: event, id: eventID, hashID: hashID)
    }
}
