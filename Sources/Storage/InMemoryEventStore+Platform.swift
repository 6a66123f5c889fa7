public import EPCIS
public import Foundation

/// The platform state of an ``InMemoryEventStore``.
struct InMemoryPlatformBook: Sendable {
    var keys: [AccessKey] = []
    var queries: [String: NamedQuery] = [:]
    var subscriptions: [Subscription] = []
    var changes: [PartyChange] = []
    var scans: [String: [ScanRecord]] = [:]
    var reports: [ConsumerReport] = []
}

extension InMemoryEventStore: PlatformStateStore {
    public func storeAccessKey(_ key: AccessKey) throws(StorageError) {
        try key.validate()
        guard !platformBook.keys.contains(where: { $0.id == key.id || $0.secretHash == key.secretHash }) else {
            throw StorageError(.alreadyExists, "access key \(key.id) already exists; nothing was stored")
        }
        platformBook.keys.append(key)
    }

    public func accessKey(secretHash: String) -> AccessKey? {
        platformBook.keys.first { $0.secretHash == secretHash }
    }

    public func accessKeys() -> [AccessKey] { platformBook.keys }

    public func revokeAccessKey(id: String, at: Date) throws(StorageError) -> AccessKey {
        guard let index = platformBook.keys.firstIndex(where: { $0.id == id }) else {
            throw StorageError(.notFound, "no access key \(id)")
        }
        if platformBook.keys[index].revokedAt == nil {
            platformBook.keys[index].revokedAt = RecallRecord.milliseconds(at)
        }
        return platformBook.keys[index]
    }

    public func saveQuery(_ query: NamedQuery) throws(StorageError) {
        guard platformBook.queries[query.name] == nil else {
            throw StorageError(.alreadyExists, "a query named \(query.name) already exists")
        }
        platformBook.queries[query.name] = query
    }

    public func namedQuery(name: String) -> NamedQuery? { platformBook.queries[name] }

    public func namedQueries() -> [NamedQuery] { platformBook.queries.values.sorted { $0.name < $1.name } }

    public func deleteQuery(name: String) throws(StorageError) {
        guard platformBook.queries.removeValue(forKey: name) != nil else {
            throw StorageError(.notFound, "no query named \(name)")
        }
        platformBook.subscriptions.removeAll { $0.queryName == name }
    }

    public func saveSubscription(_ subscription: Subscription) throws(StorageError) {
        guard platformBook.queries[subscription.queryName] != nil else {
            throw StorageError(.notFound, "no query named \(subscription.queryName)")
        }
        guard !platformBook.subscriptions.contains(where: { $0.id == subscription.id }) else {
            throw StorageError(.alreadyExists, "subscription \(subscription.id) already exists")
        }
        platformBook.subscriptions.append(subscription)
    }

    public func subscriptions(queryName: String?) -> [Subscription] {
        platformBook.subscriptions.filter { queryName == nil || $0.queryName == queryName }
    }

    public func deleteSubscription(id: String) throws(StorageError) {
        guard let index = platformBook.subscriptions.firstIndex(where: { $0.id == id }) else {
            throw StorageError(.notFound, "no subscription \(id)")
        }
        platformBook.subscriptions.remove(at: index)
    }

    public func advanceSubscription(id: String, to cursor: SubscriptionCursor?, notifiedAt: Date)
        throws(StorageError)
    {
        guard let index = platformBook.subscriptions.firstIndex(where: { $0.id == id }) else {
            throw StorageError(.notFound, "no subscription \(id)")
        }
        if let cursor { platformBook.subscriptions[index].cursor = cursor }
        platformBook.subscriptions[index].lastNotifiedAt = RecallRecord.milliseconds(notifiedAt)
    }

    public func vocabularyElements(type: String) -> [VocabularyElement] {
        var latest: [String: VocabularyElement] = [:]
        for vocabulary in vocabularies where vocabulary.type == type {
            for element in vocabulary.elements {
                let key = IdentifierURI(element.id).canonicalKey
                // Like the SQL stores, the element is named by its canonical key.
                var merged = VocabularyElement(
                    id: key, children: element.children.map { IdentifierURI($0).canonicalKey })
                merged.attributes = element.attributes.map {
                    VocabularyAttribute(
                        id: $0.id, value: .masterData($0.value.masterDataText, language: $0.value.masterDataLanguage))
                }
                if let previous = latest[key] {
                    merged.children = previous.children + merged.children.filter { !previous.children.contains($0) }
                }
                latest[key] = merged
            }
        }
        return latest.keys.sorted().compactMap { latest[$0] }
    }

    public func updateParty(_ element: VocabularyElement, changes: [PartyChange]) {
        vocabularies.append(Vocabulary(type: "urn:epcglobal:epcis:vtype:Party", elements: [element]))
        platformBook.changes.append(contentsOf: changes)
    }

    public func partyChanges(party: String?, limit: Int) -> [PartyChange] {
        platformBook.changes.enumerated()
            .filter { party == nil || $0.element.party == party }
            .sorted { ($0.element.changedAt, $0.offset) > ($1.element.changedAt, $1.offset) }
            .prefix(max(0, limit)).map(\.element)
    }

    public func recordScans(_ scans: [ScanRecord]) {
        for scan in scans { platformBook.scans[scan.key, default: []].append(scan) }
    }

    public func scanSummary(key: String) -> ScanSummary {
        let scans = platformBook.scans[key] ?? []
        guard !scans.isEmpty else { return .none }
        return ScanSummary(
            count: scans.count, first: scans.map(\.at).min(), last: scans.map(\.at).max(),
            origins: Set(scans.compactMap(\.origin)).sorted())
    }
}
