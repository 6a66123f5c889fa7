import EPCIS
import Foundation
public import Storage
import Testing

/// The scenarios every ``Storage/PlatformStateStore`` backend must pass, written once; each backend's test target
/// calls them from its own `@Test` functions. The store is an ``Storage/EventStore`` too, because master data
/// arrives through a normal capture.
public struct PlatformStateConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any EventStore & PlatformStateStore

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(makeStore: @escaping @Sendable () async throws -> any EventStore & PlatformStateStore) {
        self.makeStore = makeStore
    }

    // MARK: Access keys

    /// Keys are kept whole, found by the SHA-256 of their secret, and listed oldest first.
    public func accessKeysAreFoundBySecretHash() async throws {
        // Given
        let store = try await makeStore()
        let admin = AccessKey(
            id: "key-admin", secretHash: Self.hash("a"), role: .admin, label: "operator", createdAt: Self.at(0.0004))
        let party = AccessKey(
            id: "key-farm", secretHash: Self.hash("b"), role: .party, party: Self.farm, createdAt: Self.at(60))
        // When
        try await store.storeAccessKey(admin)
        try await store.storeAccessKey(party)
        // Then
        #expect(try await store.accessKey(secretHash: Self.hash("b")) == party)
        #expect(try await store.accessKey(secretHash: Self.hash("a"))?.label == "operator")
        #expect(try await store.accessKey(secretHash: Self.hash("c")) == nil)
        #expect(try await store.accessKeys() == [admin, party])
        #expect(try await store.accessKeys().allSatisfy(\.isActive))
    }

    /// Revoking keeps the key (found, but not active); a second revocation keeps the first time.
    public func revocationIsIdempotent() async throws {
        // Given
        let store = try await makeStore()
        try await store.storeAccessKey(
            AccessKey(id: "key-1", secretHash: Self.hash("a"), role: .regulator, createdAt: Self.at(0)))
        // When
        let revoked = try await store.revokeAccessKey(id: "key-1", at: Self.at(100.0006))
        let again = try await store.revokeAccessKey(id: "key-1", at: Self.at(200))
        // Then
        #expect(revoked.revokedAt == RecallRecord.milliseconds(Self.at(100.0006)))
        #expect(again == revoked)
        #expect(try await store.accessKey(secretHash: Self.hash("a")) == revoked)
        #expect(try await store.accessKey(secretHash: Self.hash("a"))?.isActive == false)
        let unknown = await #expect(throws: StorageError.self) {
            try await store.revokeAccessKey(id: "key-none", at: Self.at(300))
        }
        #expect(unknown?.code == .notFound)
    }

    /// A key that breaks a rule is refused as `.invalidDocument`, a taken ID or secret hash as `.alreadyExists`;
    /// neither stores anything.
    public func refusedKeysStoreNothing() async throws {
        // Given
        let store = try await makeStore()
        let kept = AccessKey(id: "key-1", secretHash: Self.hash("a"), role: .admin, createdAt: Self.at(0))
        try await store.storeAccessKey(kept)
        let invalid = [
            AccessKey(id: "", secretHash: Self.hash("b"), role: .admin, createdAt: Self.at(1)),
            AccessKey(id: "key-2", secretHash: "abc", role: .admin, createdAt: Self.at(1)),
            AccessKey(id: "key-3", secretHash: Self.hash("c"), role: .party, createdAt: Self.at(1)),
            AccessKey(
                id: "key-4", secretHash: Self.hash("d"), role: .regulator, party: Self.farm, createdAt: Self.at(1)),
        ]
        let taken = [
            AccessKey(id: "key-1", secretHash: Self.hash("e"), role: .admin, createdAt: Self.at(1)),
            AccessKey(id: "key-5", secretHash: Self.hash("a"), role: .regulator, createdAt: Self.at(1)),
        ]
        // When / Then
        for key in invalid {
            let error = await #expect(throws: StorageError.self) { try await store.storeAccessKey(key) }
            #expect(error?.code == .invalidDocument)
        }
        for key in taken {
            let error = await #expect(throws: StorageError.self) { try await store.storeAccessKey(key) }
            #expect(error?.code == .alreadyExists)
        }
        #expect(try await store.accessKeys() == [kept])
        #expect(try await store.accessKey(secretHash: Self.hash("e")) == nil)
    }

    // MARK: Named queries and subscriptions

    /// Named queries are kept whole, listed by name, refused under a taken name, and deleted once.
    public func namedQueriesSaveListAndDelete() async throws {
        // Given
        let store = try await makeStore()
        let shipping = NamedQuery(
            name: "shipping", parameters: "EQ_bizStep=shipping&MATCH_epc=urn%3Aepc%3Aid%3Asgtin%3A6901234.000002.7",
            owner: "key-1", createdAt: Self.at(0.0002))
        let all = NamedQuery(name: "all-events", parameters: "", createdAt: Self.at(10))
        // When
        try await store.saveQuery(shipping)
        try await store.saveQuery(all)
        let duplicate = await #expect(throws: StorageError.self) {
            try await store.saveQuery(
                NamedQuery(name: "shipping", parameters: "EQ_bizStep=receiving", createdAt: Self.at(20)))
        }
        // Then
        #expect(duplicate?.code == .alreadyExists)
        #expect(try await store.namedQuery(name: "shipping") == shipping)
        #expect(try await store.namedQuery(name: "none") == nil)
        #expect(try await store.namedQueries() == [all, shipping])
        try await store.deleteQuery(name: "shipping")
        #expect(try await store.namedQueries() == [all])
        let gone = await #expect(throws: StorageError.self) { try await store.deleteQuery(name: "shipping") }
        #expect(gone?.code == .notFound)
    }

    /// A subscription needs its query; subscriptions list by query, oldest first, and go with their query.
    public func subscriptionsBelongToTheirQuery() async throws {
        // Given
        let store = try await makeStore()
        try await store.saveQuery(NamedQuery(name: "q1", parameters: "EQ_bizStep=shipping", createdAt: Self.at(0)))
        try await store.saveQuery(NamedQuery(name: "q2", parameters: "EQ_bizStep=receiving", createdAt: Self.at(0)))
        let orphan = await #expect(throws: StorageError.self) {
            try await store.saveSubscription(Self.subscription("s0", query: "none"))
        }
        #expect(orphan?.code == .notFound)
        // When
        for (id, query) in [("s1", "q1"), ("s2", "q2"), ("s3", "q1")] {
            try await store.saveSubscription(Self.subscription(id, query: query))
        }
        let duplicate = await #expect(throws: StorageError.self) {
            try await store.saveSubscription(Self.subscription("s1", query: "q2"))
        }
        // Then
        #expect(duplicate?.code == .alreadyExists)
        #expect(try await store.subscriptions(queryName: "q1").map(\.id) == ["s1", "s3"])
        #expect(try await store.subscriptions(queryName: nil).map(\.id) == ["s1", "s2", "s3"])
        try await store.deleteSubscription(id: "s2")
        #expect(try await store.subscriptions(queryName: "q2").isEmpty)
        let gone = await #expect(throws: StorageError.self) { try await store.deleteSubscription(id: "s2") }
        #expect(gone?.code == .notFound)
        try await store.deleteQuery(name: "q1")
        #expect(try await store.subscriptions(queryName: nil).isEmpty)
    }

    /// A subscription reads back whole (a scheduled one with its schedule and `reportIfEmpty`), and its cursor
    /// round-trips: the record time to the millisecond and the delivered IDs in their order. An acknowledged
    /// delivery records `lastNotifiedAt`; one without events (an empty scheduled report) keeps the cursor.
    public func subscriptionCursorRoundTrips() async throws {
        // Given
        let store = try await makeStore()
        try await store.saveQuery(NamedQuery(name: "q", parameters: "EQ_bizStep=shipping", createdAt: Self.at(0)))
        let schedule = try QuerySchedule(fields: ["hour": "1", "minute": "5,[30-35]"])
        let subscription = Subscription(
            id: "sub-1", queryName: "q", destination: "https://example.com/hook", signingSecret: "s3cret",
            stream: false, schedule: schedule, reportIfEmpty: true, owner: "key-1", createdAt: Self.at(5.0007),
            initialRecordTime: Self.at(-3_600))
        let plain = Subscription(
            id: "sub-2", queryName: "q", destination: "https://example.com/b", createdAt: Self.at(6))
        try await store.saveSubscription(subscription)
        try await store.saveSubscription(plain)
        #expect(try await store.subscriptions(queryName: "q") == [subscription, plain])
        // When
        let first = SubscriptionCursor(
            recordTime: Self.at(30.0004), deliveredIDs: ["ni:///sha-256;z", "urn:uuid:a", "m"])
        try await store.advanceSubscription(id: "sub-1", to: first, notifiedAt: Self.at(40.0009))
        let read = try await store.subscriptions(queryName: "q").first
        let second = SubscriptionCursor(recordTime: Self.at(31), deliveredIDs: [])
        try await store.advanceSubscription(id: "sub-2", to: second, notifiedAt: Self.at(41))
        try await store.advanceSubscription(id: "sub-2", to: nil, notifiedAt: Self.at(50))
        // Then
        #expect(read?.schedule == schedule)
        #expect(read?.reportIfEmpty == true)
        #expect(read?.cursor == first)
        #expect(read?.cursor?.recordTime == Date(timeIntervalSince1970: 1_772_000_030.123))
        #expect(read?.lastNotifiedAt == Date(timeIntervalSince1970: 1_772_000_040.124))
        let all = try await store.subscriptions(queryName: "q")
        #expect(all.map(\.cursor) == [first, second])
        #expect(all.map(\.lastNotifiedAt) == [Self.at(40.0009), Self.at(50)].map(RecallRecord.milliseconds))
        #expect(all.last?.schedule == nil)
        let unknown = await #expect(throws: StorageError.self) {
            try await store.advanceSubscription(id: "sub-none", to: first, notifiedAt: Self.at(60))
        }
        #expect(unknown?.code == .notFound)
    }

    // MARK: Fixtures

    static let farm = "https://id.gs1.org/417/6901234000017"

    static func at(_ offset: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_772_000_000.123 + offset) }

    /// A stand-in for a SHA-256 in hex: 64 hex digits made of one repeated digit.
    static func hash(_ digit: Character) -> String { String(repeating: digit, count: 64) }

    static func subscription(_ id: String, query: String) -> Subscription {
        Subscription(id: id, queryName: query, destination: "https://example.com/\(id)", createdAt: at(1))
    }
}
