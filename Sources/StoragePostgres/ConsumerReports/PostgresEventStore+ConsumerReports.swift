public import Foundation
import Logging
import PostgresNIO
public import Storage

/// The PostgreSQL store's consumer reports (``ConsumerReportStore``).
extension PostgresEventStore: ConsumerReportStore {
    public func recordConsumerReport(_ report: ConsumerReport) async throws(StorageError) {
        try report.validate()
        let logger = logger
        let at = PostgresPlatformRows.milliseconds(report.reportedAt)
        try await withConnection { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO consumer_report (report_id, key, problem, text, phone, language, origin, reported_at_ms)
                VALUES (\(report.id), \(report.key), \(report.problem), \(report.text), \(report.phone),
                    \(report.language), \(report.origin), \(at))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger
            ).collect()
            guard !inserted.isEmpty else {
                throw StorageError(.alreadyExists, "consumer report \(report.id) already exists; nothing was stored")
            }
        }
    }

    public func consumerReports(since: Date?, limit: Int) async throws(StorageError) -> [ConsumerReport] {
        let logger = logger
        let from = since.map(PostgresPlatformRows.milliseconds) ?? Int64.min
        let limit = Int64(max(0, limit))
        return try await withConnection { connection in
            var reports: [ConsumerReport] = []
            for try await (id, key, problem, text, phone, language, origin, at) in try await connection.query(
                """
                SELECT report_id, key, problem, text, phone, language, origin, reported_at_ms FROM consumer_report
                WHERE reported_at_ms >= \(from) ORDER BY reported_at_ms DESC, report_id DESC LIMIT \(limit)
                """, logger: logger
            ).decode((String, String, String, String, String?, String, String?, Int64).self) {
                reports.append(ConsumerReport(
                    id: id, key: key, problem: problem, text: text, phone: phone, language: language, origin: origin,
                    reportedAt: PostgresPlatformRows.date(at)))
            }
            return reports
        }
    }
}
