import Foundation
import Server
import TraceEngine

/// Renders trace and recall results as JSON or as a readable table.
enum TraceOutput {
    static func encode(_ value: some Encodable) -> String { TraceJSON.encode(value) }

    static func json(_ result: TraceResult) -> String { encode(TraceJSON.dto(result)) }

    static func json(_ recall: RecallResult, id: String? = nil, initiatedBy: String? = nil) -> String {
        encode(TraceJSON.dto(recall, id: id, initiatedBy: initiatedBy))
    }

    static func table(_ result: TraceResult) -> String {
        var lines = [
            "\(result.direction.rawValue) trace of \(result.root): \(result.identifiers.count) identifiers, "
                + "\(result.parties.count) parties, \(result.events.count) events, depth \(result.depth)"
                + (result.truncated ? " (TRUNCATED by the budget)" : "")
                + String(format: " in %.1f ms", result.elapsedMilliseconds),
            "",
            "IDENTIFIERS",
        ]
        lines += result.identifiers.map { "  " + $0 + (result.containers.contains($0) ? "  (container)" : "") }
        lines += ["", "PARTIES"] + result.parties.map { "  " + $0 }
        if result.direction == .backward { lines += ["", "ORIGINS"] + result.origins.map { "  " + $0 } }
        if result.direction == .forward { lines += ["", "HOLDERS"] + holderTable(result.holders) }
        return lines.joined(separator: "\n")
    }

    static func holderTable(_ holders: [Holder]) -> [String] {
        guard !holders.isEmpty else { return ["  (none)"] }
        let rows = holders.map { [$0.party ?? "?", $0.location, $0.identifier, String(format: "%.3f", $0.quantity), $0.uom] }
        let header = ["PARTY", "LOCATION", "IDENTIFIER", "QUANTITY", "UOM"]
        let widths = (0..<header.count).map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }
}
