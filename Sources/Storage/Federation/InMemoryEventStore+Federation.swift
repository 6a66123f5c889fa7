public import Foundation

extension InMemoryEventStore: FederationStateStore {
    public func pushCursor(peer: String) -> SubscriptionCursor? { pushCursors[peer] }

    public func advancePushCursor(peer: String, to cursor: SubscriptionCursor) { pushCursors[peer] = cursor }

    public func recallsToRelay(limit: Int) -> [RecallRecord] { recallBook.toRelay(limit: limit) }

    public func markRelayed(recallID: String, positions: [Int], at: Date) throws(StorageError) {
        try recallBook.markRelayed(recallID: recallID, positions: positions, at: at)
    }
}
