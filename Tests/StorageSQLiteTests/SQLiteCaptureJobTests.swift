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
