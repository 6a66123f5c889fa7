import Foundation

/// The dashboard's figures, counted from its facts: the days and weeks the charts show, findings per week and
/// kind, and the parties ranked by their findings.
struct ConsoleDashboardFigures {
    /// Today, in China time.
    let today: Int
    /// The days of the capture chart, oldest first, today last.
    let days: [Int]
    let capturedToday: Int
    let capturedInWindow: Int
    /// The first day of each week of the findings chart, oldest first; the last week ends today.
    let weekStarts: [Int]
    /// Findings per week (index of ``weekStarts``) and kind.
    let perWeek: [[String: Int]]
    /// Findings per kind in the chart's weeks.
    let perKind: [String: Int]
    /// The kinds that have findings in the chart's weeks, in the facts' order, then any other kind by name.
    let kinds: [String]
    let findingsInWindow: Int
    /// Findings from before the first week, or with no time.
    let earlier: Int
    /// The parties named by most findings, most first (then by key), at most ``ConsoleDashboardModel/rankedParties``.
    let rankedParties: [(party: ConsoleFacts.Party, count: Int)]
    /// Consumers' reports of the last seven days.
    let reportsThisWeek: Int

    init(_ facts: ConsoleDashboardModel.Facts) {
        let today = ConsoleText.day(of: facts.now)
        self.today = today
        let days = Array((today - ConsoleDashboardModel.days + 1)...today)
        self.days = days
        capturedToday = facts.captured[today] ?? 0
        capturedInWindow = days.reduce(0) { $0 + (facts.captured[$1] ?? 0) }
        let weeks = ConsoleDashboardModel.weeks
        weekStarts = (0..<weeks).map { today - 7 * (weeks - $0) + 1 }
        var perWeek = [[String: Int]](repeating: [:], count: weeks)
        var perKind: [String: Int] = [:]
        var earlier = 0
        for finding in facts.findings {
            guard let at = finding.at else {
                earlier += 1
                continue
            }
            let week = (ConsoleText.day(of: at) - (today - 7 * weeks + 1))
            guard week >= 0 else {
                earlier += 1
                continue
            }
            // A finding dated after today (an event time in the future) is drawn in this week.
            perWeek[min(week / 7, weeks - 1)][finding.kind, default: 0] += 1
            perKind[finding.kind, default: 0] += 1
        }
        self.perWeek = perWeek
        self.perKind = perKind
        self.earlier = earlier
        findingsInWindow = perKind.values.reduce(0, +)
        kinds = facts.kinds.filter { perKind[$0] != nil }
            + perKind.keys.filter { !facts.kinds.contains($0) }.sorted()
        var counts: [String: (party: ConsoleFacts.Party, count: Int)] = [:]
        for finding in facts.findings {
            for party in finding.parties {
                counts[party.key, default: (party, 0)].count += 1
            }
        }
        rankedParties = Array(
            counts.values.sorted { ($1.count, $0.party.key) < ($0.count, $1.party.key) }
                .prefix(ConsoleDashboardModel.rankedParties))
        let weekAgo = facts.now.addingTimeInterval(-7 * 86_400)
        reportsThisWeek = facts.reports.count { $0.at >= weekAgo }
    }
}
