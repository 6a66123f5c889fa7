public import Foundation

extension InMemoryEventStore: ConsumerReportStore {
    public func recordConsumerReport(_ report: ConsumerReport) throws(StorageError) {
        try report.validate()
        guard !platformBook.reports.contains(where: { $0.id == report.id }) else {
            throw StorageError(.alreadyExists, "consumer report \(report.id) already exists; nothing was stored")
        }
        platformBook.reports.append(report)
    }

    public func consumerReports(since: Date?, limit: Int) -> [ConsumerReport] {
        let from = since.map(RecallRecord.milliseconds) ?? .distantPast
        let kept = platformBook.reports.filter { $0.reportedAt >= from }
        return Array(kept.sorted { ($0.reportedAt, $0.id) > ($1.reportedAt, $1.id) }.prefix(max(0, limit)))
    }
}
