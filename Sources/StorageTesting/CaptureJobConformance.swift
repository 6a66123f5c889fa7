import EPCIS
import Foundation
public import Storage
import Testing

/// The scenarios every ``Storage/CaptureJobStore`` backend must pass, written once; each backend's test target calls
/// them. The documents are written here by hand (JSON-LD), not by the demo generator.
public struct CaptureJobConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any EventStore & CaptureJobStore

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(makeStore: @escaping @Sendable () async throws -> any EventStore & CaptureJobStore) {
        self.makeStore = makeStore
    }

    /// A kept job comes back pending with its exact bytes; pending jobs list oldest first; a taken ID is refused.
    public func pendingJobsKeepTheirDocument() async throws {
        // Given
        let store = try await makeStore()
        let first = Self.job("job-1", at: 0.0004, by: "key-a", events: 2)
        let second = Self.job("job-2", at: 5, by: "key-b", events: 1, behaviour: .proceed)
        // When
        try await store.enqueueCapture(first, body: Data(Self.document.utf8))
        try await store.enqueueCapture(second, body: Data("<xml/>".utf8))
        let taken = await #expect(throws: StorageError.self) {
            try await store.enqueueCapture(Self.job("job-1", at: 9, by: "key-c", events: 1), body: Data("x".utf8))
        }
        // Then
        #expect(taken?.code == .alreadyExists)
        #expect(try await store.pendingCaptureIDs() == ["job-1", "job-2"])
        let pending = try #require(try await store.pendingCapture(id: "job-1"))
        #expect(pending.body == Data(Self.document.utf8))
        #expect(pending.job == Self.rounded(first))
        #expect(try await store.pendingCapture(id: "job-2")?.job.errorBehaviour == .proceed)
        #expect(try await store.pendingCapture(id: "job-none") == nil)
        #expect(try await store.captureJob(id: "job-2")?.state == .pending)
        #expect(try await store.captureJobs(capturedBy: nil, limit: 10).map(\.id) == ["job-2", "job-1"])
        #expect(try await store.captureJobs(capturedBy: "key-a", limit: 10).map(\.id) == ["job-1"])
        #expect(try await store.captureJobs(capturedBy: nil, limit: 1).map(\.id) == ["job-2"])
    }

    /// A capture given a job ends it as succeeded with its counts, in its own transaction, and drops the document;
    /// a second capture of the same job stores nothing.
    public func captureEndsItsJob() async throws {
        // Given
        let store = try await makeStore()
        try await store.enqueueCapture(Self.job("job-1", at: 0, by: "key-a", events: 2), body: Data(Self.document.utf8))
        var context = CaptureContext(errorBehaviour: .rollback)
        context.jobID = "job-1"
        // When
        let receipt = try await store.capture(try Self.decoded(Self.document), context: context)
        // Then
        #expect(receipt.eventIDs.count == 2)
        let job = try #require(try await store.captureJob(id: "job-1"))
        #expect(job.state == .succeeded)
        #expect(job.capturedEventCount == 2)
        #expect(job.finishedAt != nil)
        #expect(job.errors.isEmpty)
        #expect(try await store.pendingCaptureIDs().isEmpty)
        #expect(try await store.pendingCapture(id: "job-1") == nil)
        // And running the job again stores nothing: the job is no longer pending
        var again = CaptureContext(errorBehaviour: .proceed)
        again.jobID = "job-1"
        let twice = await #expect(throws: StorageError.self) {
            try await store.capture(try Self.decoded(Self.otherDocument), context: again)
        }
        #expect(twice?.code == .notFound)
        #expect(try await store.events(matching: EPCISQuery(), page: PageRequest(size: 10)).events.count == 2)
    }

    /// A refused capture leaves its job pending (nothing stored, the job neither); the job is then ended as failed
    /// with its problems, once.
    public func refusedCaptureLeavesItsJobPending() async throws {
        // Given
        let store = try await makeStore()
        try await store.enqueueCapture(Self.job("job-1", at: 0, by: "key-a", events: 1), body: Data(Self.invalid.utf8))
        var context = CaptureContext(errorBehaviour: .rollback)
        context.jobID = "job-1"
        // When
        let refused = await #expect(throws: StorageError.self) {
            try await store.capture(try Self.decoded(Self.invalid), context: context)
        }
        // Then
        #expect(refused?.code == .invalidDocument)
        #expect(try await store.pendingCaptureIDs() == ["job-1"])
        let problems = [CaptureJobError(pointer: "/epcisBody/eventList/0/epcList/0", detail: "not a GS1 identifier")]
        try await store.failCapture(id: "job-1", errors: problems, detail: "1 problem(s)", at: Self.at(7.0009))
        let job = try #require(try await store.captureJob(id: "job-1"))
        #expect(job.state == .failed)
        #expect(job.errors == problems)
        #expect(job.detail == "1 problem(s)")
        #expect(job.finishedAt == RecallRecord.milliseconds(Self.at(7.0009)))
        #expect(try await store.pendingCapture(id: "job-1") == nil)
        let again = await #expect(throws: StorageError.self) {
            try await store.failCapture(id: "job-1", errors: [], detail: "again", at: Self.at(8))
        }
        #expect(again?.code == .notFound)
        #expect(try await store.events(matching: EPCISQuery(), page: PageRequest(size: 10)).events.isEmpty)
    }

    /// With proceed, the events left out are the job's errors, and the job still succeeded.
    public func proceedRecordsTheEventsLeftOut() async throws {
        // Given
        let store = try await makeStore()
        try await store.enqueueCapture(
            Self.job("job-1", at: 0, by: "key-a", events: 2, behaviour: .proceed), body: Data(Self.halfBad.utf8))
        var context = CaptureContext(errorBehaviour: .proceed)
        context.jobID = "job-1"
        // When
        let receipt = try await store.capture(try Self.decoded(Self.halfBad), context: context)
        // Then
        #expect(receipt.eventIDs.count == 1)
        let job = try #require(try await store.captureJob(id: "job-1"))
        #expect(job.state == .succeeded)
        #expect(job.capturedEventCount == 1)
        #expect(job.errors.count == 1)
        #expect(job.errors.first?.pointer.contains("/epcisBody/eventList/1") == true)
    }

    // MARK: Fixtures

    static func at(_ offset: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_772_000_000.123 + offset) }

    static func job(
        _ id: String, at offset: TimeInterval, by sender: String, events: Int,
        behaviour: CaptureContext.ErrorBehaviour = .rollback
    ) -> CaptureJobRecord {
        CaptureJobRecord(id: id, createdAt: at(offset), errorBehaviour: behaviour, capturedBy: sender, eventCount: events)
    }

    /// The job as a store gives it back: times to the millisecond.
    static func rounded(_ job: CaptureJobRecord) -> CaptureJobRecord {
        var job = job
        job.createdAt = RecallRecord.milliseconds(job.createdAt)
        return job
    }

    static func decoded(_ text: String) throws -> EPCISDocument {
        try EPCISDocumentReader().read(Data(text.utf8))
    }

    static func document(events: [String]) -> String {
        """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
         "schemaVersion": "2.0", "creationDate": "2026-03-01T08:00:00Z",
         "epcisBody": {"eventList": [\(events.joined(separator: ","))]}}
        """
    }

    static func observe(_ epc: String, at time: String) -> String {
        """
        {"type": "ObjectEvent", "eventTime": "\(time)", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
         "epcList": ["\(epc)"], "bizStep": "receiving", "readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"}}
        """
    }

    static let document = document(events: [
        observe("urn:epc:id:sgtin:6901234.000002.101", at: "2026-03-01T07:00:00+08:00"),
        observe("urn:epc:id:sgtin:6901234.000002.102", at: "2026-03-01T07:01:00+08:00"),
    ])
    static let otherDocument = document(events: [
        observe("urn:epc:id:sgtin:6901234.000002.103", at: "2026-03-01T07:02:00+08:00")
    ])
    static let invalid = document(events: [observe("urn:epc:id:sgtin:6901234.000002", at: "2026-03-01T07:00:00+08:00")])
    static let halfBad = document(events: [
        observe("urn:epc:id:sgtin:6901234.000002.104", at: "2026-03-01T07:00:00+08:00"),
        observe("urn:epc:id:sgtin:6901234.000002", at: "2026-03-01T07:03:00+08:00"),
    ])
}
