public import EPCIS
public import Foundation

/// What the server keeps beside the events: access keys, named queries and subscriptions, the party registry's
/// change history, and consumer scans. Every backend keeps them in the same database as its events (migration
/// step `v4-platform`), and passes StorageTesting's `PlatformStateConformance`.
public protocol PlatformStateStore: Sendable {
    // MARK: Access keys

    /// Keeps a new access key.
    /// - Throws: ``StorageError`` `.invalidDocument` for a key that breaks ``AccessKey/validate()``,
    ///   `.alreadyExists` for an ID or secret hash already kept.
    func storeAccessKey(_ key: AccessKey) async throws(StorageError)

    /// The key whose secret has this SHA-256 (revoked keys included: the caller checks ``AccessKey/isActive``).
    func accessKey(secretHash: String) async throws(StorageError) -> AccessKey?

    /// Every key, oldest first.
    func accessKeys() async throws(StorageError) -> [AccessKey]

    /// Revokes a key; revoking a revoked key keeps its first revocation time.
    /// - Returns: the key as revoked.
    /// - Throws: ``StorageError`` `.notFound` for an unknown ID.
    func revokeAccessKey(id: String, at: Date) async throws(StorageError) -> AccessKey

    // MARK: Named queries and subscriptions

    /// Saves a named query.
    /// - Throws: ``StorageError`` `.alreadyExists` when the name is taken.
    func saveQuery(_ query: NamedQuery) async throws(StorageError)

    /// One named query, nil when there is none.
    func namedQuery(name: String) async throws(StorageError) -> NamedQuery?

    /// Every named query, by name.
    func namedQueries() async throws(StorageError) -> [NamedQuery]

    /// Deletes a named query and its subscriptions.
    /// - Throws: ``StorageError`` `.notFound` when there is none.
    func deleteQuery(name: String) async throws(StorageError)

    /// Saves a subscription of a named query.
    /// - Throws: ``StorageError`` `.notFound` when the query does not exist, `.alreadyExists` for a taken ID.
    func saveSubscription(_ subscription: Subscription) async throws(StorageError)

    /// The subscriptions of one query (every query when nil), oldest first.
    func subscriptions(queryName: String?) async throws(StorageError) -> [Subscription]

    /// Deletes a subscription.
    /// - Throws: ``StorageError`` `.notFound` when there is none.
    func deleteSubscription(id: String) async throws(StorageError)

    /// Records an acknowledged delivery: the cursor moves (when the delivery carried events; nil keeps it, as for
    /// an empty scheduled report) and `lastNotifiedAt` becomes `notifiedAt`.
    /// - Throws: ``StorageError`` `.notFound` when there is none.
    func advanceSubscription(id: String, to cursor: SubscriptionCursor?, notifiedAt: Date) async throws(StorageError)

    // MARK: Master data and the party registry

    /// The stored master data elements of one vocabulary type (e.g. `urn:epcglobal:epcis:vtype:Party`), by
    /// element key; attribute values as text.
    func vocabularyElements(type: String) async throws(StorageError) -> [VocabularyElement]

    /// Replaces a party's master data element (its attributes) and records the changes, in one transaction.
    /// - Parameters:
    ///   - element: the party's element with every attribute it keeps.
    ///   - changes: what changed, by whom, when and why.
    func updateParty(_ element: VocabularyElement, changes: [PartyChange]) async throws(StorageError)

    /// The recorded registry changes, newest first: of one party (by canonical key) or of all.
    func partyChanges(party: String?, limit: Int) async throws(StorageError) -> [PartyChange]

    // MARK: Consumer scans

    /// Records consumer scans (the server batches them).
    func recordScans(_ scans: [ScanRecord]) async throws(StorageError)

    /// What is known of the scans of one code (canonical key).
    func scanSummary(key: String) async throws(StorageError) -> ScanSummary
}
