import Foundation
import Storage
import StorageSQLite
import StorageTesting
import Testing

/// Every capture job scenario against a store in memory and in a file.
@Suite struct SQLiteCaptureJobTests {
    /// Where the store under test lives.
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, file

        var testDescription: String { rawValue }

        var suite: CaptureJobConformance {
            switch self {
            case .memory: CaptureJobConformance { try SQLiteEventStore(.memory) }
            case .file: CaptureJobConformance { try SQLiteEventStore(.file(SQLiteTestFiles.newPath())) }
            }
        }
    }

    @Test("a kept job comes back pending with its bytes; pending jobs list oldest first", arguments: Backend.allCases)
    func pending(_ backend: Backend) async throws {
        try await backend.suite.pendingJobsKeepTheirDocument()
    }

    @Test("a capture ends its job in its own transaction, once", arguments: Backend.allCases)
    func ends(_ backend: Backend) async throws {
        try await backend.suite.captureEndsItsJob()
    }

    @Test("a refused capture leaves its job pending until it is ended as failed", arguments: Backend.allCases)
    func refused(_ backend: Backend) async throws {
        try await backend.suite.refusedCaptureLeavesItsJobPending()
    }

    @Test("with proceed the events left out are the job's errors", arguments: Backend.allCases)
    func proceed(_ backend: Backend) async throws {
        try await backend.suite.proceedRecordsTheEventsLeftOut()
    }
}

/// How the SQLite store keeps a job's document: compressed, and rows of an earlier release as they were.
@Suite(.enabled(if: SQLiteLedgerTests.hasSQLite3))
struct SQLiteCaptureJobBodyTests {
    @Test("a job's document is kept compressed and comes back as sent; a plain body kept before reads as it is")
    func keptCompressed() async throws {
        // Given a store in a file and a document of a thousand hand-written events with Chinese text
        let path = SQLiteTestFiles.newPath()
        let store = try SQLiteEventStore(.file(path))
        let event = #"{"type":"ObjectEvent","action":"OBSERVE","eventTime":"2026-03-01T07:00:00+08:00","#
            + #""eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6901234.000017.1"],"bizStep":"收货"}"#
        let document = Data(
            (#"{"type":"EPCISDocument","schemaVersion":"2.0","epcisBody":{"eventList":["#
                + Array(repeating: event, count: 1_000).joined(separator: ",") + "]}}").utf8)
        let job = CaptureJobRecord(
            id: "job-1", createdAt: Date(), errorBehaviour: .rollback, capturedBy: "admin", eventCount: 1_000)
        // When it is enqueued
        try await store.enqueueCapture(job, body: document)
        // Then the file holds a small frame of it, and the job gives back the very bytes sent
        let kept = try await SQLiteLedgerTests.query(path, "SELECT length(body) FROM capture_job WHERE job_id = 'job-1'")
        #expect((kept.first.flatMap { Int($0) } ?? .max) * 10 < document.count)
        #expect(try await store.pendingCapture(id: "job-1")?.body == document)

        // And a job kept by an earlier release, its body the plain bytes, reads as it was sent
        let older = CaptureJobRecord(
            id: "job-0", createdAt: Date(), errorBehaviour: .rollback, capturedBy: "admin", eventCount: 1)
        try await store.enqueueCapture(older, body: Data("{}".utf8))
        try await SQLiteLedgerTests.tamper(
            path, "UPDATE capture_job SET body = CAST('" + event.replacingOccurrences(of: "'", with: "''")
                + "' AS BLOB) WHERE job_id = 'job-0'")
        #expect(try await store.pendingCapture(id: "job-0")?.body == Data(event.utf8))
    }
}
