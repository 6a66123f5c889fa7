import EPCIS
import Foundation
import NIOCore
import Storage

/// Reads stored events back from their faithful body: the compact JSON-LD written on capture, stored compressed
/// (``EventBodyCodec``) in `event.body`, or as its plain bytes in a row stored before `v16-compact-bodies`.
enum PostgresEventDecoding {
    /// The body's bytes as captured (what the ledger leaf and the event hash are over).
    /// - Throws: ``StorageError`` `.internalFailure` when the stored bytes are not a body (a damaged database).
    static func original(_ stored: ByteBuffer) throws(StorageError) -> [UInt8] {
        do {
            return try EventBodyCodec.withIdle { try $0.original(Array(stored.readableBytesView)) }
        } catch {
            throw error as? StorageError ?? StorageError(.internalFailure, "a stored body cannot be read", underlying: error)
        }
    }

    /// The body as JSON text.
    /// - Throws: as ``original(_:)``.
    static func text(_ stored: ByteBuffer) throws(StorageError) -> String {
        String(decoding: try original(stored), as: UTF8.self)
    }

    /// The stored event a row holds.
    /// - Throws: ``StorageError`` `.internalFailure` when the body no longer decodes (a damaged database).
    static func storedEvent(eventID: String, hashID: String, body: ByteBuffer) throws(StorageError) -> StoredEvent {
        let bytes = try original(body)
        let event: EPCISEvent?
        do {
            event = try JSONDocumentDecoder().decode(Data(bytes)).events.first
        } catch {
            throw StorageError(.internalFailure, "a stored event cannot be read back", underlying: error)
        }
        guard let event else { throw StorageError(.internalFailure, "a stored event has no body") }
        return StoredEvent(event: event, id: eventID, hashID: hashID)
    }
}
