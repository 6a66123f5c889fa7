import Foundation
import TraceEngine

/// Renders trace and recall results as JSON or as a readable table.
enum TraceOutput {
    struct HolderDTO: Encodable {
        var party: String?
        var location: String
        var identifier: String
        var quantity: Double
        var uom: String
    }

    struct NodeDTO: Encodable {
        var id: String
        var kind: String
        var group: String?
    }

    struct EdgeDTO: Encodable {
        var from: String
        var to: String
        var kind: String
        var event: String
        var time: String
        var object: String?
        var quantity: Double?
        var uom: String?
    }

    struct TraceDTO: Encodable {
        var direction: String
        var root: String
        var identifiers: [String]
        var containers: [String]
        var parties: [String]
        var locations: [String]
        var origins: [String]?
        var holders: [HolderDTO]?
        var events: Int
        var nodes: [NodeDTO]
        var edges: [EdgeDTO]
        var depth: Int
        var truncated: Bool
        var elapsedMs: Double
        var reason: String?
        var issuedAt: String?
        var withdrawals: [HolderDTO]?
        var recallID: String?
        var initiatedBy: String?
    }

    static func dto(_ result: TraceResult) -> TraceDTO {
        TraceDTO(
            direction: result.direction.rawValue, root: result.root, identifiers: result.identifiers,
            containers: result.containers, parties: result.parties, locations: result.locations,
            origins: result.direction == .backward ? result.origins : nil,
            holders: result.direction == .forward ? result.holders.map(holder) : nil,
            events: result.events.count, nodes: result.nodes.map(node), edges: result.edges.map(edge),
            depth: result.depth, truncated: result.truncated,
            elapsedMs: (result.elapsedMilliseconds * 1_000).rounded() / 1_000)
    }

    static func node(_ node: TraceNode) -> NodeDTO {
        NodeDTO(id: node.id, kind: node.kind.rawValue, group: node.group)
    }

    static func edge(_ edge: TraceEdge) -> EdgeDTO {
        EdgeDTO(from: edge.from, to: edge.to, kind: edge.kind.rawValue, event: edge.event,
                time: ISO8601DateFormatter().string(from: edge.time), object: edge.object, quantity: edge.quantity,
                uom: edge.uom)
    }

    static func holder(_ holder: Holder) -> HolderDTO {
        HolderDTO(party: holder.party, location: holder.location, identifier: holder.identifier,
                  quantity: holder.quantity, uom: holder.uom)
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func json(_ result: TraceResult) -> String { encode(dto(result)) }

    static func json(_ recall: RecallResult, id: String? = nil, initiatedBy: String? = nil) -> String {
        var dto = dto(recall.trace)
        dto.recallID = id
        dto.initiatedBy = initiatedBy
        dto.reason = recall.reason
        dto.issuedAt = ISO8601DateFormatter().string(from: recall.issuedAt)
        dto.withdrawals = recall.withdrawals.map(holder)
        return encode(dto)
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
