import EPCIS
import Foundation
import Hummingbird
import Storage
import HTTPTypes

/// The query side of the EPCIS 2.0 REST binding: `GET /events` with every SimpleEventQuery parameter, one event by
/// ID, and the resource views (`/eventTypes/{t}/events`, `/epcs/{epc}/events`, `/bizSteps/…`, `/bizLocations/…`,
/// `/readPoints/…`, `/dispositions/…`), paged with `nextPageToken` in the `Link` header.
struct EventsController<Store: PlatformStore> {
    let platform: Platform<Store>

    static var eventTypes: [String] { ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent",
                             "AssociationEvent"] }

    func register(on router: Router<AppRequestContext>) {
        router.get("/") { request, _ in
            if request.headers[.accept]?.contains("text/html") == true { return Responses.html(HomePage.render()) }
            return try Responses.json(
                Collection(member: ["capture", "events", "eventTypes", "epcs", "bizSteps", "bizLocations", "readPoints",
                                    "dispositions", "queries"]), headers: Responses.gs1Headers())
        }
        router.get("events") { request, context in
            try await page(request, context, fixed: [], base: "/events")
        }
        router.get("events/{eventID}") { request, context in try await event(request, context) }
        router.get("eventTypes") { _, _ in
            try Responses.json(Collection(member: Self.eventTypes), headers: Responses.gs1Headers())
        }
        // The binding's top-level collections: the CBV terms, and the locations the master data names.
        for (resource, vocabulary) in [("bizSteps", CBVVocabulary.bizStep), ("dispositions", .disposition)] {
            router.get(RouterPath(resource)) { _, context in
                try platform.require(context.principal, .admin, .regulator, .party, to: "list \(resource)")
                return try Responses.json(
                    Collection(member: vocabulary.standardTerms.sorted()), headers: Responses.gs1Headers())
            }
        }
        for resource in ["bizLocations", "readPoints"] {
            router.get(RouterPath(resource)) { _, context in
                try platform.require(context.principal, .admin, .regulator, .party, to: "list \(resource)")
                let locations = try await platform.store.vocabularyElements(type: PartyRegistryView.locationType)
                return try Responses.json(Collection(member: locations.map(\.id)), headers: Responses.gs1Headers())
            }
        }
        let views: [(String, String)] = [
            ("eventTypes", "eventType"), ("epcs", "MATCH_anyEPC"), ("bizSteps", "EQ_bizStep"),
            ("bizLocations", "EQ_bizLocation"), ("readPoints", "EQ_readPoint"), ("dispositions", "EQ_disposition"),
        ]
        for (resource, parameter) in views {
            router.get("\(resource)/{value}") { _, _ in
                try Responses.json(Collection(member: ["events"]), headers: Responses.gs1Headers())
            }
            router.get("\(resource)/{value}/events") { request, context in
                let value = try context.parameters.require("value")
                let decoded = value.removingPercentEncoding ?? value
                if resource == "eventTypes", !Self.eventTypes.contains(decoded) {
                    throw Problem.notFound("no event type \(decoded); the types are \(Self.eventTypes.joined(separator: ", "))")
                }
                let name = resource == "epcs" && decoded.contains(":class:") ? "MATCH_anyEPCClass" : parameter
                return try await page(
                    request, context, fixed: [(name, decoded)], base: "/\(resource)/\(PathEncoding.segment(decoded))/events")
            }
        }
    }

    /// One page of events matching the request's parameters plus the fixed ones of the resource.
    func page(
        _ request: Request, _ context: AppRequestContext, fixed: [(name: String, value: String)], base: String
    ) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "query events")
        var parameters = fixed
        var perPage = 30
        var token: String?
        for (name, value) in request.uri.queryParameters {
            switch name {
            case "perPage":
                guard let size = Int(value), (1...platform.configuration.maxPageSize).contains(size) else {
                    throw Problem.badParameter(
                        "perPage: \(value) is not a number from 1 to \(platform.configuration.maxPageSize)")
                }
                perPage = size
            case "nextPageToken":
                token = String(value)
            default:
                parameters.append((String(name), String(value)))
            }
        }
        let query = try EPCISQuery(parameters: parameters)
        let found = try await platform.store.events(matching: query, page: PageRequest(size: perPage, token: token))
        let visibility = try await platform.registry.visibility()
        let events = found.events.filter { visibility.canRead($0.event, principal: context.principal) }
        var document = EPCISDocument(kind: .queryDocument, events: events.map(\.event))
        document.creationDate = EPCISDateTime(Date())
        document.queryName = "SimpleEventQuery"
        var headers = HTTPFields()
        if let next = found.nextPageToken {
            var link = URLComponents()
            link.path = base
            link.queryItems = request.uri.queryParameters
                .filter { $0.key != "nextPageToken" }
                .map { URLQueryItem(name: String($0.key), value: String($0.value)) }
                + [URLQueryItem(name: "nextPageToken", value: next)]
            headers[Responses.linkHeader] = "<\(link.string ?? base)>; rel=\"next\""
        }
        return try Responses.document(document, request: request, headers: headers)
    }

    /// One event by its ID (`/events/{eventID}`, the ID percent-encoded); error declarations of it follow.
    func event(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "read events")
        let raw = try context.parameters.require("eventID")
        let id = raw.removingPercentEncoding ?? raw
        let visibility = try await platform.registry.visibility()
        let events = try await platform.store.events(withID: id).filter {
            visibility.canRead($0.event, principal: context.principal)
        }
        guard !events.isEmpty else { throw Problem.notFound("no event \(id)") }
        var document = EPCISDocument(kind: .queryDocument, events: events.map(\.event))
        document.creationDate = EPCISDateTime(Date())
        document.queryName = "SimpleEventQuery"
        return try Responses.document(document, request: request)
    }

    /// A JSON-LD collection of sub-resources (the binding's HATEOAS discovery).
    struct Collection: Encodable {
        var context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
        var type = "Collection"
        var member: [String]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type, member
        }
    }
}
