import EPCIS
import Foundation
import Hummingbird
import Storage
import TraceEngine
import HTTPTypes
import HummingbirdCore

/// The regulator's API: traces, recalls and their acknowledgements, reconciliation findings, the party registry,
/// and (for admins) access keys. JSON in and out; documented in `/openapi.json`.
struct RegulatorController<Store: PlatformStore> {
    let platform: Platform<Store>

    func register(on router: Router<AppRequestContext>) {
        router.get("trace/{direction}") { request, context in try await trace(request, context) }
        router.post("recalls") { request, context in try await recall(request, context) }
        router.get("recalls") { _, context in
            try platform.require(context.principal, .admin, .regulator, .party, to: "list recalls")
            let recalls = try await platform.store.recalls(limit: 200).filter { visible($0, context.principal) }
            return try Responses.json(["recalls": recalls.map(TraceJSON.dto)])
        }
        router.get("recalls/{id}") { _, context in
            try Responses.json(TraceJSON.dto(try await recallRecord(context)))
        }
        router.post("recalls/{id}/ack") { request, context in try await acknowledge(request, context) }
        router.get("recalls/{id}/holders/{holder}/serials") { request, context in
            try await serials(request, context)
        }
        router.get("reconcile") { request, context in try await reconcile(request, context) }
        router.get("parties") { _, context in
            try platform.require(context.principal, .admin, .regulator, to: "read the party registry")
            return try Responses.json(["parties": try await PartyRegistryView.parties(platform.store)])
        }
        router.get("parties/{id}/changes") { _, context in
            try platform.require(context.principal, .admin, .regulator, to: "read the registry's changes")
            let party = IdentifierKeys.canonical(try context.parameters.require("id").removingPercentEncoding ?? "")
            return try Responses.json(["changes": try await platform.store.partyChanges(party: party, limit: 500)
                .map(PartyRegistryView.ChangeDTO.init)])
        }
        router.post("parties/{id}") { request, context in
            try platform.require(context.principal, .admin, .regulator, to: "change the party registry")
            let raw = try context.parameters.require("id")
            let body = try await JSONBody.object(request, context)
            let changes = try await PartyRegistryView.update(
                party: raw.removingPercentEncoding ?? raw, licenceStatus: body["licenceStatus"] as? String,
                blacklisted: body["blacklisted"] as? Bool, reason: body["reason"] as? String,
                by: context.principal.name, platform: platform)
            return try Responses.json(["changes": changes.map(PartyRegistryView.ChangeDTO.init)])
        }
        router.post("keys") { request, context in
            try platform.require(context.principal, .admin, to: "create API keys")
            let body = try await JSONBody.object(request, context)
            guard let roleName = body["role"] as? String, let role = AccessKey.Role(rawValue: roleName) else {
                throw Problem.invalid("/role: one of admin, regulator, party")
            }
            let (key, secret) = try await AccessKeys.create(
                role: role, party: body["party"] as? String, label: body["label"] as? String, in: platform.store)
            return try Responses.json(
                ["id": key.id, "role": key.role.rawValue, "party": key.party ?? "", "key": secret], status: .created)
        }
        router.get("keys") { _, context in
            try platform.require(context.principal, .admin, to: "list API keys")
            let keys = try await platform.store.accessKeys().map {
                ["id": $0.id, "role": $0.role.rawValue, "party": $0.party ?? "", "label": $0.label ?? "",
                 "revoked": $0.isActive ? "no" : "yes"]
            }
            return try Responses.json(["keys": keys])
        }
        router.delete("keys/{id}") { _, context in
            try platform.require(context.principal, .admin, to: "revoke API keys")
            _ = try await platform.store.revokeAccessKey(id: try context.parameters.require("id"), at: Date())
            return Response(status: .noContent)
        }
    }

    func trace(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, to: "trace")
        let direction = try context.parameters.require("direction")
        guard direction == "back" || direction == "forward" else {
            throw Problem.notFound("trace/\(direction): the directions are back and forward")
        }
        guard let id = request.uri.queryParameters["id"].map(String.init), !id.isEmpty else {
            throw Problem.badParameter("id: name the identifier to trace (?id=…)")
        }
        let key = try IdentifierKeys.resolve(id)
        let budget = try Self.budget(request)
        let (result, report) = try await platform.trace(
            direction == "back" ? .backward : .forward, from: key, budget: budget, principal: context.principal)
        return try Responses.json(platform.traceDTO(result, report: report))
    }

    func recall(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, to: "start a recall")
        let body = try await JSONBody.object(request, context)
        guard let id = body["id"] as? String, !id.isEmpty else { throw Problem.invalid("/id: name what to recall") }
        guard let reason = body["reason"] as? String, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem.invalid("/reason: say why")
        }
        let initiator = (body["initiatedBy"] as? String) ?? context.principal.name
        let (record, _) = try await Recalls(platform: platform).issue(
            try IdentifierKeys.resolve(id), reason: reason, by: initiator)
        return try Responses.json(TraceJSON.dto(record), status: .created, headers: [.location: "/recalls/\(record.id)"])
    }

    /// `POST /recalls/{id}/ack`: a party key acknowledges for its own party; an admin or regulator names the party.
    func acknowledge(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "acknowledge a recall")
        let record = try await recallRecord(context)
        let body = try await JSONBody.object(request, context)
        let named = (body["party"] as? String).map(IdentifierKeys.canonical)
        guard let party = context.principal.role == .party ? context.principal.party : named else {
            throw Problem.invalid("/party: name the holding party")
        }
        guard let holder = record.holders.first(where: { $0.party.map(IdentifierKeys.canonical) == party }) else {
            throw Problem.notFound("recall \(record.id) has no holder \(party)")
        }
        let by = (body["by"] as? String) ?? context.principal.name
        let updated = try await platform.store.acknowledge(
            recallID: record.id, party: holder.party ?? party,
            RecallAcknowledgement(by: by, at: Date(), note: body["note"] as? String))
        platform.metrics.count("recall_acknowledgements", "recall acknowledgements recorded")
        platform.captured.signal()
        return try Responses.json(TraceJSON.dto(updated))
    }

    func reconcile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, to: "reconcile")
        let filter = try FindingFilter(request.uri.queryParameters)
        let snapshot = try await platform.reconcile(since: filter.since)
        let findings = filter.apply(snapshot.findings)
        return try Responses.json(FindingsDTO(
            findings: findings.map(TraceJSON.dto), events: snapshot.events, asOf: snapshot.at,
            elapsedMs: (snapshot.elapsedMilliseconds * 1_000).rounded() / 1_000))
    }

    private func recallRecord(_ context: AppRequestContext) async throws -> RecallRecord {
        try platform.require(context.principal, .admin, .regulator, .party, to: "read recalls")
        let id = try context.parameters.require("id")
        guard let record = try await platform.store.recall(id: id), visible(record, context.principal) else {
            throw Problem.notFound("no recall \(id)")
        }
        return record
    }

    /// `GET /recalls/{id}/holders/{n}/serials?offset=&limit=`: the serials holder `n` must pull, a page at a time
    /// (a party key reads only its own holders' serials).
    private func serials(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await recallRecord(context)
        let raw = try context.parameters.require("holder")
        guard let position = Int(raw), record.holders.indices.contains(position) else {
            throw Problem.notFound("recall \(record.id) has no holder \(raw) (holders are numbered from 0)")
        }
        let holder = record.holders[position]
        let principal = context.principal
        guard principal.seesEverything || holder.party.map(IdentifierKeys.canonical) == principal.party else {
            throw Problem.forbidden("holder \(position) of recall \(record.id) is another party")
        }
        let parameters = request.uri.queryParameters
        let offset = try QueryNumber.read(
            parameters["offset"].map(String.init), name: "offset", default: 0, range: 0...Int(Int32.max))
        let limit = try QueryNumber.read(
            parameters["limit"].map(String.init), name: "limit", default: TraceJSON.serialPage, range: 1...10_000)
        let page = Array(holder.serials.dropFirst(offset).prefix(limit))
        let next = offset + page.count < holder.serials.count
            ? TraceJSON.serialsPath(recall: record.id, holder: position, offset: offset + page.count) : nil
        var headers = HTTPFields()
        if let next { headers[Responses.linkHeader] = "<\(next)>; rel=\"next\"" }
        return try Responses.json(
            SerialPage(
                recall: record.id, holder: position, identifier: holder.identifier, count: holder.serials.count,
                offset: offset, serials: page, next: next),
            headers: headers)
    }

    struct SerialPage: Encodable {
        var recall: String
        var holder: Int
        var identifier: String
        var count: Int
        var offset: Int
        var serials: [String]
        var next: String?
    }

    private func visible(_ recall: RecallRecord, _ principal: Principal) -> Bool {
        principal.seesEverything
            || recall.holders.contains { $0.party.map(IdentifierKeys.canonical) == principal.party }
    }

    static func budget(_ request: Request) throws(Problem) -> TraceBudget {
        var budget = TraceBudget()
        if let depth = request.uri.queryParameters["maxDepth"] {
            guard let value = Int(depth), value > 0 else { throw Problem.badParameter("maxDepth: a positive number") }
            budget.maxDepth = value
        }
        if let nodes = request.uri.queryParameters["maxNodes"] {
            guard let value = Int(nodes), value > 0 else { throw Problem.badParameter("maxNodes: a positive number") }
            budget.maxNodes = value
        }
        return budget
    }

    struct FindingsDTO: Encodable {
        var findings: [TraceJSON.FindingDTO]
        var events: Int
        var asOf: Date
        var elapsedMs: Double
    }
}

/// The console's and the API's filter of findings: kind, party, product (GTIN or identifier), and time.
struct FindingFilter: Sendable {
    var kind: FindingKind?
    var party: String?
    var product: String?
    var since: Date?

    init(kind: FindingKind? = nil, party: String? = nil, product: String? = nil, since: Date? = nil) {
        self.kind = kind
        self.party = party
        self.product = product
        self.since = since
    }

    init(_ parameters: FlatDictionary<Substring, Substring>) throws(Problem) {
        if let text = parameters["kind"].map(String.init), !text.isEmpty {
            guard let kind = FindingKind(rawValue: text) else {
                throw Problem.badParameter(
                    "kind: \(text) is not one of \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.kind = kind
        }
        if let text = parameters["party"].map(String.init), !text.isEmpty { party = IdentifierKeys.canonical(text) }
        if let text = parameters["product"].map(String.init), !text.isEmpty { product = text }
        if let text = parameters["since"].map(String.init), !text.isEmpty {
            guard let time = EPCISDateTime(text) else {
                throw Problem.badParameter("since: \(text) is not an xsd:dateTime with a time zone")
            }
            since = time.date
        }
    }

    func apply(_ findings: [Finding]) -> [Finding] {
        findings.filter { finding in
            if let kind, finding.kind != kind { return false }
            if let party {
                let parties = [finding.from, finding.to].compactMap { $0 }.map(IdentifierKeys.canonical)
                if !parties.contains(party) { return false }
            }
            if let product {
                let digits = product.filter(\.isNumber)
                let matchesGTIN = digits.count >= 8 && (finding.key.contains(digits) || finding.identifier.contains(digits))
                if !(matchesGTIN || finding.identifier.contains(product) || finding.key.contains(product)) { return false }
            }
            return true
        }
    }
}
