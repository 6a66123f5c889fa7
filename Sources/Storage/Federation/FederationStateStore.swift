public import Foundation

/// What a platform keeps about its peers beyond the events: how far the events that cross to each peer have been
/// pushed there, and which recall rows have been relayed. Both are derived from stored state and moved only after
/// the peer acknowledged, so a crash or a restart of either platform loses nothing and repeats at most the last
/// delivery (which the peer recognises: an event it holds, a recall it knows).
public protocol FederationStateStore: Sendable {
    /// How far the events bound for a peer were pushed and acknowledged: every event recorded before the cursor's
    /// time, and those at that time whose IDs it lists. Nil before the first delivery.
    func pushCursor(peer: String) async throws(StorageError) -> SubscriptionCursor?

    /// Moves a peer's push cursor (after the peer acknowledged what lies before it).
    func advancePushCursor(peer: String, to cursor: SubscriptionCursor) async throws(StorageError)

    /// Recalls with rows to relay, oldest first: recalls issued here whose holders on other platforms have not had
    /// the notice yet, and relayed recalls whose acknowledged holders' answers have not reached the issuing platform.
    func recallsToRelay(limit: Int) async throws(StorageError) -> [RecallRecord]

    /// Marks holder rows of a recall as relayed.
    /// - Parameters:
    ///   - recallID: the recall.
    ///   - positions: the holder rows, by their position in ``RecallRecord/holders``.
    ///   - at: when.
    /// - Throws: ``StorageError`` `.notFound` for an unknown recall.
    func markRelayed(recallID: String, positions: [Int], at: Date) async throws(StorageError)
}

extension RecallRecord {
    /// The holder rows that wait to be relayed (``FederationStateStore/recallsToRelay(limit:)``): of a recall issued
    /// here, the rows of holders on other platforms whose notice has not gone out; of a relayed copy, the
    /// acknowledged rows whose answer has not reached the issuing platform.
    public var rowsToRelay: [Int] {
        holders.indices.filter { row in
            let holder = holders[row]
            guard holder.relayedAt == nil else { return false }
            return origin == nil ? holder.platform != nil : holder.isAcknowledged
        }
    }

    /// Whether any row waits to be relayed.
    public var needsRelay: Bool { !rowsToRelay.isEmpty }
}
