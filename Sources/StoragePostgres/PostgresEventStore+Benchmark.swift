public import EPCIS
import Foundation
import PostgresNIO
public import Storage

extension PostgresEventStore {
    /// Stores events as plain rows, with the same tables and binary `COPY` as a capture but without
    /// validation, event hashing, duplicate checks or master data: the floor that `suyuan bench capture` compares a
    /// real capture with. Not for production data: the rows get placeholder hashes.
    /// - Parameter events: the events.
    /// - Returns: how many rows were stored.
    /// - Throws: ``StorageError`` `.internalFailure`.
    public func insertForBenchmark(_ events: [EPCISEvent]) async throws(StorageError) -> Int {
        let run = UUID().uuidString
        let records = EventRecord.records(
            for: events.enumerated().map { index, event in
                StoredEvent(event: event, id: "bench:\(run):\(index)", hashID: "bench:\(run):\(index)")
            })
        let logger = logger
        let signer = signer
        let layout = layout
        return try await withConnection { connection in
            if layout == .monthly {
                try await PostgresPartitions.ensure(
                    recordTimes: Set(records.map(\.recordTimeMilliseconds)), on: connection, logger: logger)
            }
            return try await connection.transaction(logger: logger) { connection in
                let capture = PostgresCapture(connection: connection, logger: logger, signer: signer, layout: layout)
                try await PostgresLedger.lock(on: connection, logger: logger)
                let first = try await PostgresLedger.lastRow(on: connection, logger: logger) + 1
                let rows = (0..<Int64(records.count)).map { first + $0 }
                for start in stride(from: 0, to: records.count, by: PostgresCapture.batchSize) {
                    let end = min(start + PostgresCapture.batchSize, records.count)
                    try await capture.insert(records[start..<end], rows: rows[start..<end])
                }
                return records.count
            }
        }
    }
}
