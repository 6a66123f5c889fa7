import Foundation
public import Storage
import Testing

/// The scenarios every ``Storage/ConsumerReportStore`` backend must pass, written once; each backend's test target
/// calls them from its own `@Test` functions.
public struct ConsumerReportConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any ConsumerReportStore

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(makeStore: @escaping @Sendable () async throws -> any ConsumerReportStore) {
        self.makeStore = makeStore
    }

    /// Reports are kept whole (phone and origin optional) and read newest first, from a time on, up to a limit.
    public func reportsReadNewestFirst() async throws {
        // Given three reports, the middle one without phone or origin
        let store = try await makeStore()
        let first = Self.report("r-1", at: 0.0004, phone: "+86 138-0000-0000", origin: "10.1.0.0/16")
        let second = Self.report("r-2", at: 60, text: "")
        let third = Self.report("r-3", at: 120, problem: "other", text: "包装破损，味道不对")
        // When
        for report in [second, first, third] { try await store.recordConsumerReport(report) }
        // Then
        #expect(try await store.consumerReports(since: nil, limit: 10) == [third, second, first])
        #expect(try await store.consumerReports(since: Self.at(60), limit: 10) == [third, second])
        #expect(try await store.consumerReports(since: nil, limit: 1) == [third])
        #expect(try await store.consumerReports(since: nil, limit: 10).last?.reportedAt == RecallRecord.milliseconds(
            Self.at(0.0004)))
    }

    /// A report that breaks a rule is refused as `.invalidDocument`, a taken ID as `.alreadyExists`; neither stores
    /// anything.
    public func refusedReportsStoreNothing() async throws {
        // Given
        let store = try await makeStore()
        let kept = Self.report("r-1", at: 0)
        try await store.recordConsumerReport(kept)
        let invalid = [
            Self.report("", at: 1), Self.report("r-2", at: 1, problem: "spam"),
            Self.report("r-3", at: 1, problem: "other", text: ""),
            Self.report("r-4", at: 1, text: String(repeating: "假", count: ConsumerReport.maxTextLength + 1)),
            Self.report("r-5", at: 1, phone: "call me"),
        ]
        // When / Then
        for report in invalid {
            let error = await #expect(throws: StorageError.self) { try await store.recordConsumerReport(report) }
            #expect(error?.code == .invalidDocument)
        }
        let taken = await #expect(throws: StorageError.self) {
            try await store.recordConsumerReport(Self.report("r-1", at: 2, text: "again"))
        }
        #expect(taken?.code == .alreadyExists)
        #expect(try await store.consumerReports(since: nil, limit: 10) == [kept])
    }

    static func at(_ offset: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_772_000_000.123 + offset) }

    static func report(
        _ id: String, at offset: TimeInterval, problem: String = "fake", text: String = "the seal was broken",
        phone: String? = nil, origin: String? = nil
    ) -> ConsumerReport {
        ConsumerReport(
            id: id, key: "https://id.gs1.org/01/06901234000023/21/9", problem: problem, text: text, phone: phone,
            language: "zh-CN", origin: origin, reportedAt: at(offset))
    }
}
