public import Foundation
import GRDB
public import Storage

/// The SQLite store's consumer reports (``ConsumerReportStore``).
extension SQLiteEventStore: ConsumerReportStore {
    public func recordConsumerReport(_ report: ConsumerReport) async throws(StorageError) {
        try report.validate()
        let at = SQLitePlatformRows.milliseconds(report.reportedAt)
        try await write { db in
            let taken = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM consumer_report WHERE report_id = ?", arguments: [report.id])
            guard taken == nil else {
                throw StorageError(.alreadyExists, "consumer report \(report.id) already exists; nothing was stored")
            }
            try db.execute(
                sql: """
                    INSERT INTO consumer_report (report_id, key, problem, text, phone, language, origin, reported_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    report.id, report.key, report.problem, report.text, report.phone, report.language, report.origin,
                    at,
                ])
        }
    }

    public func consumerReports(since: Date?, limit: Int) async throws(StorageError) -> [ConsumerReport] {
        let from = since.map(SQLitePlatformRows.milliseconds) ?? Int64.min
        let limit = max(0, limit)
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM consumer_report WHERE reported_at_ms >= ?
                    ORDER BY reported_at_ms DESC, report_id DESC LIMIT ?
                    """,
                arguments: [from, limit]
            ).map { row in
                ConsumerReport(
                    id: row["report_id"], key: row["key"], problem: row["problem"], text: row["text"],
                    phone: row["phone"], language: row["language"], origin: row["origin"],
                    reportedAt: SQLitePlatformRows.date(row["reported_at_ms"]))
            }
        }
    }
}
