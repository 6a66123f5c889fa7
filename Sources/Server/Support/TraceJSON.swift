public import Foundation
public import Storage
public import TraceEngine

/// The JSON shapes of traces, recalls and findings, shared by the API and the `suyuan` command.
public enum TraceJSON {
    /// One holder: who has how much of what, where.
    public struct HolderDTO: Codable, Hashable, Sendable {
        public var party: String?
        public var location: String
        public var identifier: String
        public var quantity: Double
        public var uom: String
        public var acknowledgedBy: String?
        public var acknowledgedAt: Date?
        public var note: String?
    }

    /// A trace result.
    public struct TraceDTO: Codable, Sendable {
        public var direction: String
        public var root: String
        public var identifiers: [String]
        public var containers: [String]
        public var parties: [String]
        public var locations: [String]
        public var origins: [String]?
        public var holders: [HolderDTO]?
        public var events: Int
        public var depth: Int
        public var truncated: Bool
        public var elapsedMs: Double
    }

    /// A recorded recall.
    public struct RecallDTO: Codable, Sendable {
        public var recallID: String
        public var root: String
        public var reason: String
        public var initiatedBy: String
        public var issuedAt: Date
        public var identifiers: Int
        public var parties: [String]
        public var events: Int
        public var truncated: Bool
        public var pending: Int
        public var holders: [HolderDTO]
    }

    /// One reconciliation finding with its evidence.
    public struct FindingDTO: Codable, Hashable, Sendable {
        public var kind: String
        public var identifier: String
        public var from: String?
        public var to: String?
        public var expected: Double?
        public var actual: Double?
        public var uom: String?
        public var events: [String]
    }

    /// A trace as JSON.
    public static func dto(_ result: TraceResult) -> TraceDTO {
        TraceDTO(
            direction: result.direction.rawValue, root: result.root, identifiers: result.identifiers,
            containers: result.containers, parties: result.parties, locations: result.locations,
            origins: result.direction == .backward ? result.origins : nil,
            holders: result.direction == .forward ? result.holders.map(dto) : nil,
            events: result.events.count, depth: result.depth, truncated: result.truncated,
            elapsedMs: (result.elapsedMilliseconds * 1_000).rounded() / 1_000)
    }

    /// A holder as JSON.
    public static func dto(_ holder: Holder) -> HolderDTO {
        HolderDTO(party: holder.party, location: holder.location, identifier: holder.identifier,
                  quantity: holder.quantity, uom: holder.uom)
    }

    /// A recall as JSON.
    public static func dto(_ recall: RecallRecord) -> RecallDTO {
        RecallDTO(
            recallID: recall.id, root: recall.root, reason: recall.reason, initiatedBy: recall.initiatedBy,
            issuedAt: recall.issuedAt, identifiers: recall.identifiers.count, parties: recall.parties,
            events: recall.eventCount, truncated: recall.truncated, pending: recall.pendingCount,
            holders: recall.holders.map {
                HolderDTO(party: $0.party, location: $0.location, identifier: $0.identifier, quantity: $0.quantity,
                          uom: $0.uom, acknowledgedBy: $0.acknowledgement?.by, acknowledgedAt: $0.acknowledgement?.at,
                          note: $0.acknowledgement?.note)
            })
    }

    /// A finding as JSON.
    public static func dto(_ finding: Finding) -> FindingDTO {
        FindingDTO(kind: finding.kind.rawValue, identifier: finding.identifier, from: finding.from, to: finding.to,
                   expected: finding.expected, actual: finding.actual, uom: finding.uom, events: finding.events)
    }
}
