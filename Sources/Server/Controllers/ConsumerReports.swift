import Foundation
import Hummingbird
import Storage
import TraceEngine
import Web

/// `POST /report`: the consumer page's "report a problem" form (what is wrong, optional phone; no script). A report
/// is stored and reaches the regulators as a finding of kind `consumerReport` (console and `/findings`); the reader
/// is sent back to the page, which thanks them.
struct ConsumerReports<Store: PlatformStore> {
    let platform: Platform<Store>

    func receive(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await Form.read(request)
        let key = (form["key"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty, key.count <= 500 else { throw Problem.invalid("/key: name the code the report is about") }
        let language = PageLanguage(tag: form["lang"] ?? "") ?? PageLanguageChoice(request).language
        let phone = (form["phone"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let report = ConsumerReport(
            id: "report-" + UUID().uuidString.lowercased(), key: IdentifierKeys.canonical(key),
            problem: form["problem"] ?? "other",
            text: String((form["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)),
            phone: phone.isEmpty ? nil : phone, language: language.rawValue,
            origin: context.remoteAddress?.ipAddress.map(ResolverController<Store>.network), reportedAt: Date())
        do {
            try await platform.store.recordConsumerReport(report)
        } catch {
            // A report that breaks a rule is the reader's mistake (400); anything else is the store's.
            if error.code == .invalidDocument { throw Problem.invalid(error.message) }
            throw error
        }
        platform.metrics.count("consumer_reports", "consumer problem reports received")
        await platform.findings.invalidate()
        // Back to the page the form was on: only a local path of this server, never another site.
        let back = form["back"] ?? "/"
        let local = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
        let separator = local.contains("?") ? "&" : "?"
        return Responses.seeOther("\(local)\(separator)reported=1&lang=\(language.rawValue)#report")
    }

    /// The reports as findings of their own kind, for the console and `/findings`.
    static func findings(_ reports: [ConsumerReport]) -> [Finding] {
        reports.map { report in
            var finding = Finding(kind: .consumerReport, identifier: report.key, key: report.key, events: [])
            finding.note = [report.problem, report.text, report.phone.map { "☎ \($0)" }].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: " · ")
            finding.at = report.reportedAt
            return finding
        }
    }
}
