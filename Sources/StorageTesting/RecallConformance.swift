import Foundation
public import Storage
import Testing

/// The scenarios every ``Storage/RecallStore`` backend must pass, written once; each backend's test target calls
/// them from its own `@Test` functions.
public struct RecallConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any RecallStore

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(makeStore: @escaping @Sendable () async throws -> any RecallStore) {
        self.makeStore = makeStore
    }

    /// A recorded recall reads back whole: root, reason, who, when, trace summary and every holder, pending.
    public func recordedRecallReadsBack() async throws {
        // Given
        let store = try await makeStore()
        let recall = Self.recall(id: "recall-1", issuedAt: Self.at(0))
        // When
        let stored = try await store.record(recall)
        let read = try await store.recall(id: "recall-1")
        // Then
        #expect(stored == recall)
        #expect(read == recall)
        #expect(read?.holders.count == 3)
        #expect(read?.holders[1].serials.count == 3, "a holder of serialised goods keeps the serials it must pull")
        #expect(read?.pendingCount == 3)
        #expect(read?.holders.first?.party == nil)
        #expect(try await store.recall(id: "recall-unknown") == nil)
    }

    /// An identifier the trace reached is recalled, in any spelling of it; one it did not reach is not.
    public func tracedIdentifiersAreRecalled() async throws {
        // Given
        let store = try await makeStore()
        _ = try await store.record(Self.recall(id: "recall-2", issuedAt: Self.at(0)))
        // When / Then: the root as a Digital Link, a traced item as an EPC URN
        #expect(try await store.isRecalled(identifier: "https://id.gs1.org/01/06901234000016/10/L1"))
        #expect(try await store.recallIDs(reaching: "urn:epc:id:sgtin:6901234.000002.7") == ["recall-2"])
        #expect(try await store.recallIDs(reaching: "https://id.gs1.org/01/06901234000023/21/7") == ["recall-2"])
        #expect(try await store.isRecalled(identifier: "urn:epc:class:lgtin:6901234.000001.L2") == false)
    }

    /// A party's acknowledgement marks every row it holds, and only those; the others stay pending.
    public func acknowledgementMarksThePartysRows() async throws {
        // Given
        let store = try await makeStore()
        _ = try await store.record(Self.recall(id: "recall-3", issuedAt: Self.at(0)))
        let acknowledgement = RecallAcknowledgement(by: "store manager Li", at: Self.at(3_600), note: "12 cases withdrawn")
        // When
        let updated = try await store.acknowledge(recallID: "recall-3", party: Self.retailer, acknowledgement)
        // Then
        let reread = try await store.recall(id: "recall-3")
        #expect(updated == reread)
        #expect(reread?.holders.filter { $0.party == Self.retailer }.map(\.acknowledgement) == [acknowledgement, acknowledgement])
        #expect(reread?.holders.filter { $0.party != Self.retailer }.allSatisfy { !$0.isAcknowledged } == true)
        #expect(reread?.pendingCount == 1)
    }

    /// Acknowledging an unknown recall, or for a party that holds nothing in it, is refused and changes nothing.
    public func acknowledgementOfUnknownIsRefused() async throws {
        // Given
        let store = try await makeStore()
        _ = try await store.record(Self.recall(id: "recall-4", issuedAt: Self.at(0)))
        let acknowledgement = RecallAcknowledgement(by: "someone", at: Self.at(60))
        // When / Then
        let unknownRecall = await #expect(throws: StorageError.self) {
            try await store.acknowledge(recallID: "recall-none", party: Self.retailer, acknowledgement)
        }
        #expect(unknownRecall?.code == .notFound)
        let unknownParty = await #expect(throws: StorageError.self) {
            try await store.acknowledge(recallID: "recall-4", party: "urn:epc:id:pgln:6901234.99999", acknowledgement)
        }
        #expect(unknownParty?.code == .notFound)
        #expect(try await store.recall(id: "recall-4")?.pendingCount == 3)
    }

    /// A recall that breaks a rule, or reuses an ID, is refused with the place and the rule, and nothing of it
    /// is stored.
    public func invalidRecallStoresNothing() async throws {
        // Given
        let store = try await makeStore()
        _ = try await store.record(Self.recall(id: "recall-5", issuedAt: Self.at(0)))
        var blank = Self.recall(id: "recall-6", issuedAt: Self.at(10))
        blank.reason = "  "
        var negative = Self.recall(id: "recall-7", issuedAt: Self.at(20))
        negative.holders[1].quantity = -3
        // When / Then
        let blankError = await #expect(throws: StorageError.self) { try await store.record(blank) }
        #expect(blankError?.code == .invalidDocument)
        #expect(blankError?.message.contains("reason") == true)
        let negativeError = await #expect(throws: StorageError.self) { try await store.record(negative) }
        #expect(negativeError?.message.contains("holders[1].quantity") == true)
        var again = Self.recall(id: "recall-5", issuedAt: Self.at(30))
        again.root = "urn:epc:class:lgtin:6901234.000001.L9"
        let duplicate = await #expect(throws: StorageError.self) { try await store.record(again) }
        #expect(duplicate?.code == .duplicateEvent)
        #expect(try await store.recalls(limit: 10).map(\.id) == ["recall-5"])
        #expect(try await store.isRecalled(identifier: "urn:epc:class:lgtin:6901234.000001.L9") == false)
    }

    /// The list is newest first and honours its limit.
    public func recallsListNewestFirst() async throws {
        // Given
        let store = try await makeStore()
        for (id, offset) in [("recall-a", 100.0), ("recall-b", 300.0), ("recall-c", 200.0)] {
            _ = try await store.record(Self.recall(id: id, issuedAt: Self.at(offset)))
        }
        // When / Then
        #expect(try await store.recalls(limit: 10).map(\.id) == ["recall-b", "recall-c", "recall-a"])
        #expect(try await store.recalls(limit: 2).map(\.id) == ["recall-b", "recall-c"])
    }

    // MARK: Fixtures

    static let retailer = "urn:epc:id:pgln:6901234.00003"

    static func at(_ offset: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_772_000_000.123 + offset) }

    static func recall(id: String, issuedAt: Date) -> RecallRecord {
        RecallRecord(
            id: id, root: "urn:epc:class:lgtin:6901234.000001.L1", reason: "melamine above 2.5 mg/kg",
            initiatedBy: "county market regulator", issuedAt: issuedAt,
            identifiers: [
                "urn:epc:class:lgtin:6901234.000001.L1", "urn:epc:id:sgtin:6901234.000002.7",
                "urn:epc:id:sscc:6901234.0000000001",
            ],
            parties: ["urn:epc:id:pgln:6901234.00002", retailer], eventCount: 9, depth: 4, truncated: false,
            holders: [
                RecallHolder(
                    party: nil, location: "urn:epc:id:sgln:6901234.00009.0", identifier: "urn:epc:class:lgtin:6901234.000001.L1",
                    quantity: 1.5, uom: "KGM"),
                RecallHolder(
                    party: retailer, location: "urn:epc:id:sgln:6901234.00003.0",
                    identifier: "urn:epc:idpat:sgtin:6901234.000002.*", quantity: 3, uom: "EA",
                    serials: [
                        "urn:epc:id:sgtin:6901234.000002.%E8%8D%AF8", "urn:epc:id:sgtin:6901234.000002.7",
                        "urn:epc:id:sgtin:6901234.000002.70",
                    ]),
                RecallHolder(
                    party: retailer, location: "urn:epc:id:sgln:6901234.00003.1",
                    identifier: "urn:epc:class:lgtin:6901234.000001.L1", quantity: 2.25, uom: "KGM"),
            ])
    }
}
