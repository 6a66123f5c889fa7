import EPCIS
public import Storage

/// What an import stored.
public struct ImportReceipt: Hashable, Sendable {
    /// How many data rows the file had.
    public var rows: Int
    /// How many events the rows made.
    public var events: Int
    /// How many were stored now.
    public var stored: Int
    /// How many the store already held (a file sent again).
    public var alreadyStored: Int

    /// Makes a receipt.
    public init(rows: Int, events: Int, stored: Int, alreadyStored: Int) {
        self.rows = rows
        self.events = events
        self.stored = stored
        self.alreadyStored = alreadyStored
    }
}

extension ImportResult {
    /// Stores the events through the store's capture, in batches, with `proceed`: the rows were all checked before
    /// (a refused file never gets here), so the only events `proceed` leaves out are those the store already holds,
    /// and a file sent again stores nothing new instead of being refused as a duplicate (which `rollback` would do).
    /// - Parameters:
    ///   - store: the event store.
    ///   - batchSize: events per capture transaction.
    ///   - progress: called after each batch with the events done so far and the total.
    /// - Returns: how many events were stored and how many were there already.
    /// - Throws: ``ExchangeError`` `.storage` with the store's error as `underlying`.
    public func capture(
        into store: some EventStore, batchSize: Int = 5_000, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws(ExchangeError) -> ImportReceipt {
        var receipt = ImportReceipt(rows: rowCount, events: document.events.count, stored: 0, alreadyStored: 0)
        var start = 0
        while start < document.events.count {
            let end = min(start + max(batchSize, 1), document.events.count)
            var batch = document
            batch.events = Array(document.events[start..<end])
            var context = CaptureContext(errorBehaviour: .proceed)
            context.eventsValidated = true
            do {
                let stored = try await store.capture(batch, context: context)
                receipt.stored += stored.eventIDs.count
                receipt.alreadyStored += batch.events.count - stored.eventIDs.count
            } catch {
                throw ExchangeError(
                    .storage, "the store refused the events of rows \(rows[start][0])…\(rows[end - 1][0]): "
                        + "\(error.message); \(receipt.stored) event(s) of earlier rows were stored, and sending the "
                        + "file again stores the rest", underlying: error)
            }
            start = end
            progress(end, document.events.count)
        }
        return receipt
    }
}
