public import EPCIS
import Foundation
import GRDB
public import Storage

extension SQLiteEventStore {
    /// Stores events as plain rows, with the same tables and prepared statements as a capture but without
    /// validation, event hashing, duplicate checks, master data or projections: the floor that `suyuan bench capture`
    /// compares a real capture with. Not for production data: the rows get placeholder hashes.
    /// - Parameter events: the events.
    /// - Returns: how many rows were stored.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func insertForBenchmark(_ events: [EPCISEvent]) async throws(StorageError) -> Int {
        let run = UUID().uuidString
        let records = EventRecord.records(
            for: events.enumerated().map { index, event in
                StoredEvent(event: event, id: "bench:\(run):\(index)", hashID: "bench:\(run):\(index)")
            })
        return try await write { db in
            let inserts = try SQLiteCapture.Inserts(db)
            for record in records { _ = try inserts.insert(record, in: db) }
            return records.count
        }
    }
}
