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
        /// The platform the holder is homed on (federated traces only).
        public var platform: String?
        /// For serialised items: the serials the holder still has (the first ``TraceJSON/serialPage``).
        public var serials: [String]?
        /// Whether the holder has more serials than listed (a recall lists them all, paged).
        public var serialsTruncated: Bool?
    }

    /// What one platform contributed to a federated trace.
    public struct PlatformDTO: Codable, Hashable, Sendable {
        public var id: String
        /// Events it handed over (this platform's own: read from its store).
        public var events: Int
        /// Of those, how many verified against its signed tree head with the key pinned for it.
        public var verified: Int
        /// Of those, how many came unsigned (a plain EPCIS repository).
        public var unsigned: Int
        /// Of those, how many did not verify.
        public var failed: Int
    }

    /// A node of the trace graph.
    public struct NodeDTO: Codable, Hashable, Sendable {
        public var id: String
        public var kind: String
        public var group: String?
    }

    /// An edge of the trace graph (the way the goods went).
    public struct EdgeDTO: Codable, Hashable, Sendable {
        public var from: String
        public var to: String
        public var kind: String
        public var event: String
        public var time: Date
        public var object: String?
        public var quantity: Double?
        public var uom: String?
    }

    /// A trace result; a recall adds why, when, by whom and what to withdraw.
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
        public var nodes: [NodeDTO]
        public var edges: [EdgeDTO]
        public var depth: Int
        public var truncated: Bool
        public var elapsedMs: Double
        public var reason: String?
        public var issuedAt: Date?
        public var withdrawals: [HolderDTO]?
        public var recallID: String?
        public var initiatedBy: String?
        /// The platforms the result came from (federated traces only).
        public var platforms: [PlatformDTO]?
        /// Whether a platform that should have answered did not.
        public var partial: Bool?
        /// The platforms that did not answer.
        public var unreachable: [String]?
    }

    /// A holder's acknowledgement of a recall.
    public struct AcknowledgementDTO: Codable, Hashable, Sendable {
        public var by: String
        public var at: String
        public var note: String?
    }

    /// One holder of a recorded recall: what to withdraw, and whether it said it did.
    public struct RecallHolderDTO: Codable, Hashable, Sendable {
        public var party: String?
        public var location: String
        public var identifier: String
        public var quantity: Double
        public var uom: String
        public var state: String
        public var acknowledgement: AcknowledgementDTO?
        /// The platform the holder is homed on, when it is another one.
        public var platform: String?
        /// For serialised items: the serials the holder must pull (the first ``TraceJSON/serialPage``).
        public var serials: [String]?
        /// The next page of serials (`GET /recalls/{id}/holders/{n}/serials?offset=…`), when there are more.
        public var serialsNext: String?
    }

    /// A recorded recall.
    public struct RecallDTO: Codable, Sendable {
        public var id: String
        public var root: String
        public var reason: String
        public var initiatedBy: String
        public var issuedAt: String
        public var identifiers: [String]
        public var parties: [String]
        public var events: Int
        public var depth: Int
        public var truncated: Bool
        public var pending: Int
        public var holders: [RecallHolderDTO]
        /// The platform that issued the recall, when it is another one (this is its relayed copy).
        public var origin: String?
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
        /// A consumer report's kind of problem, text and phone.
        public var note: String?
        /// When a consumer report was made.
        public var at: Date?
    }

    /// A trace as JSON.
    public static func dto(_ result: TraceResult) -> TraceDTO {
        TraceDTO(
            direction: result.direction.rawValue, root: result.root, identifiers: result.identifiers,
            containers: result.containers, parties: result.parties, locations: result.locations,
            origins: result.direction == .backward ? result.origins : nil,
            holders: result.direction == .forward ? result.holders.map(dto) : nil,
            events: result.events.count,
            nodes: result.nodes.map { NodeDTO(id: $0.id, kind: $0.kind.rawValue, group: $0.group) },
            edges: result.edges.map {
                EdgeDTO(from: $0.from, to: $0.to, kind: $0.kind.rawValue, event: $0.event, time: $0.time,
                        object: $0.object, quantity: $0.quantity, uom: $0.uom)
            },
            depth: result.depth, truncated: result.truncated,
            elapsedMs: (result.elapsedMilliseconds * 1_000).rounded() / 1_000)
    }

    /// A recall's trace as JSON, with its reason, time, initiator, ID and withdrawals.
    public static func dto(_ recall: RecallResult, id: String?, initiatedBy: String?) -> TraceDTO {
        var result = dto(recall.trace)
        result.recallID = id
        result.initiatedBy = initiatedBy
        result.reason = recall.reason
        result.issuedAt = recall.issuedAt
        result.withdrawals = recall.withdrawals.map { holder in dto(holder) }
        return result
    }

    /// Pretty, sorted JSON with ISO 8601 times, as the `suyuan` commands print it.
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// How many serials a holder lists in a trace's or a recall's JSON; a recall pages through the rest.
    public static let serialPage = 1_000

    /// A holder as JSON.
    public static func dto(_ holder: Holder) -> HolderDTO {
        HolderDTO(party: holder.party, location: holder.location, identifier: holder.identifier,
                  quantity: holder.quantity, uom: holder.uom,
                  serials: holder.serials.isEmpty ? nil : Array(holder.serials.prefix(serialPage)),
                  serialsTruncated: holder.serials.isEmpty ? nil : holder.serials.count > serialPage)
    }

    /// The path of a recall holder's serials from an offset.
    public static func serialsPath(recall: String, holder: Int, offset: Int) -> String {
        "/recalls/\(PathEncoding.segment(recall))/holders/\(holder)/serials?offset=\(offset)&limit=\(serialPage)"
    }

    /// A time to the millisecond, ISO 8601 (recalls keep milliseconds).
    public static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A recorded recall as JSON.
    public static func dto(_ recall: RecallRecord) -> RecallDTO {
        RecallDTO(
            id: recall.id, root: recall.root, reason: recall.reason, initiatedBy: recall.initiatedBy,
            issuedAt: time(recall.issuedAt), identifiers: recall.identifiers, parties: recall.parties,
            events: recall.eventCount, depth: recall.depth, truncated: recall.truncated, pending: recall.pendingCount,
            holders: recall.holders.enumerated().map { position, holder in
                RecallHolderDTO(
                    party: holder.party, location: holder.location, identifier: holder.identifier,
                    quantity: holder.quantity, uom: holder.uom, state: holder.isAcknowledged ? "acknowledged" : "pending",
                    acknowledgement: holder.acknowledgement.map {
                        AcknowledgementDTO(by: $0.by, at: time($0.at), note: $0.note)
                    }, platform: holder.platform,
                    serials: holder.serials.isEmpty ? nil : Array(holder.serials.prefix(serialPage)),
                    serialsNext: holder.serials.count > serialPage
                        ? serialsPath(recall: recall.id, holder: position, offset: serialPage) : nil)
            }, origin: recall.origin)
    }

    /// A finding as JSON.
    public static func dto(_ finding: Finding) -> FindingDTO {
        FindingDTO(kind: finding.kind.rawValue, identifier: finding.identifier, from: finding.from, to: finding.to,
                   expected: finding.expected, actual: finding.actual, uom: finding.uom, events: finding.events,
                   note: finding.note, at: finding.at)
    }
}
