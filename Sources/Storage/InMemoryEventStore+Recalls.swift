import EPCIS
import Foundation

/// The recalls of an ``InMemoryEventStore``, with the index of traced identifiers by canonical key.
struct InMemoryRecallBook: Sendable {
    private(set) var recalls: [RecallRecord] = []
    private var positions: [String: Int] = [:]
    private var byKey: [String: [Int]] = [:]

    mutating func record(_ recall: RecallRecord) throws(StorageError) -> RecallRecord {
        try recall.validate()
        guard positions[recall.id] == nil else {
            throw StorageError(.duplicateEvent, "recall \(recall.id) is already recorded; nothing was stored")
        }
        let position = recalls.count
        recalls.append(recall)
        positions[recall.id] = position
        for key in RecallKeys.keys(of: recall) { byKey[key, default: []].append(position) }
        return recall
    }

    func recall(id: String) -> RecallRecord? { positions[id].map { recalls[$0] } }

    func latest(_ limit: Int) -> [RecallRecord] {
        recalls.enumerated()
            .sorted { ($0.element.issuedAt, $0.offset) > ($1.element.issuedAt, $1.offset) }
            .prefix(max(0, limit)).map(\.element)
    }

    mutating func acknowledge(recallID: String, party: String, _ acknowledgement: RecallAcknowledgement)
        throws(StorageError) -> RecallRecord
    {
        guard let position = positions[recallID] else {
            throw StorageError(.notFound, "no recall \(recallID)")
        }
        var recall = recalls[position]
        let rows = recall.holders.indices.filter { recall.holders[$0].party == party }
        guard !rows.isEmpty else {
            throw StorageError(.notFound, "recall \(recallID) has no holder \(party); nothing was changed")
        }
        for row in rows {
            recall.holders[row].acknowledgement = acknowledgement
            // A relayed copy's new answer must reach the issuing platform again.
            if recall.origin != nil { recall.holders[row].relayedAt = nil }
        }
        recalls[position] = recall
        return recall
    }

    func toRelay(limit: Int) -> [RecallRecord] {
        Array(recalls.filter { $0.needsRelay }.prefix(max(0, limit)))
    }

    mutating func markRelayed(recallID: String, positions rows: [Int], at date: Date) throws(StorageError) {
        guard let position = positions[recallID] else { throw StorageError(.notFound, "no recall \(recallID)") }
        for row in rows where recalls[position].holders.indices.contains(row) {
            recalls[position].holders[row].relayedAt = RecallRecord.milliseconds(date)
        }
    }

    func recallIDs(reaching identifier: String) -> [String] {
        (byKey[RecallKeys.key(identifier)] ?? []).map { recalls[$0].id }
    }
}

/// The canonical keys a recall is found by: its root's and every traced identifier's.
public enum RecallKeys {
    /// The canonical key of an identifier in any spelling (``EPCIS/IdentifierURI/canonicalKey``).
    /// - Parameter identifier: an EPC URN, Digital Link or canonical key.
    public static func key(_ identifier: String) -> String { IdentifierURI(identifier).canonicalKey }

    /// The distinct keys of a recall's root and traced identifiers, in first-seen order.
    /// - Parameter recall: the recall.
    public static func keys(of recall: RecallRecord) -> [String] {
        var seen = Set<String>()
        return ([recall.root] + recall.identifiers).map(key).filter { seen.insert($0).inserted }
    }
}

extension InMemoryEventStore: RecallStore {
    public func record(_ recall: RecallRecord) throws(StorageError) -> RecallRecord {
        try recallBook.record(recall)
    }

    public func recall(id: String) -> RecallRecord? { recallBook.recall(id: id) }

    public func recalls(limit: Int) -> [RecallRecord] { recallBook.latest(limit) }

    public func acknowledge(recallID: String, party: String, _ acknowledgement: RecallAcknowledgement)
        throws(StorageError) -> RecallRecord
    {
        try recallBook.acknowledge(recallID: recallID, party: party, acknowledgement)
    }

    public func recallIDs(reaching identifier: String) -> [String] { recallBook.recallIDs(reaching: identifier) }
}
