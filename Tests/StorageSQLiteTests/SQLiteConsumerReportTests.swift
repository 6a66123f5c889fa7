import Storage
import StorageSQLite
import StorageTesting
import Testing

/// Every consumer report scenario against a store in memory (a `DatabaseQueue`) and in a file (a `DatabasePool`).
@Suite struct SQLiteConsumerReportTests {
    /// Where the store under test lives.
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, file

        var testDescription: String { rawValue }

        var suite: ConsumerReportConformance {
            switch self {
            case .memory: ConsumerReportConformance { try SQLiteEventStore(.memory) }
            case .file: ConsumerReportConformance { try SQLiteEventStore(.file(SQLiteTestFiles.newPath())) }
            }
        }
    }

    @Test("consumer reports are read newest first, from a time on, up to a limit", arguments: Backend.allCases)
    func newestFirst(_ backend: Backend) async throws {
        try await backend.suite.reportsReadNewestFirst()
    }

    @Test("an invalid report, or a taken report ID, stores nothing", arguments: Backend.allCases)
    func refused(_ backend: Backend) async throws {
        try await backend.suite.refusedReportsStoreNothing()
    }
}
