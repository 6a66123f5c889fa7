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
            if request.headers[.accept]?.contains("text/html") == true { return HomePage.response(request) }
            return try Responses.json(
                Collection(member: ["capture", "events", "eventTypes", "epcs", "bizSteps", "bizLocations", "readPoints",
                                    "dispositions", "queries"]), headers: Responses.gs1Headers())
        }
        router.get("events") { request, context in
            try await page(request, context, fixed: [], base: "/events")
        }
        router.get("events/{eventID}") { request, context in try await event(request, context) }
        router.get("eventTypes") { request, _ in try collection(Self.eventTypes, request, path: "/eventTypes") }
        // The binding's top-level collections: the CBV terms, the locations the master data names, the EPCs.
        for (resource, vocabulary) in [("bizSteps", CBVVocabulary.bizStep), ("dispositions", .disposition)] {
            router.get(RouterPath(resource)) { request, context in
                try platform.require(context.principal, .admin, .regulator, .party, to: "list \(resource)")
                return try collection(vocabulary.standardTerms.sorted(), request, path: "/\(resource)")
            }
        }
        for resource in ["bizLocations", "readPoints"] {
            router.get(RouterPath(resource)) { request, context in
                try platform.require(context.principal, .admin, .regulator, .party, to: "list \(resource)")
                let locations = try await platform.store.vocabularyElements(type: PartyRegistryView.locationType)
                return try collection(locations.map(\.id), request, path: "/\(resource)")
            }
        }
        router.get("epcs") { request, context in try await epcs(request, context) }
        router.delete("nextPageToken/{token}") { _, context in
            try platform.require(context.principal, .admin, .regulator, .party, .peer, to: "release page tokens")
            let raw = try context.parameters.require("token")
            let token = raw.removingPercentEncoding ?? raw
            // Tokens hold where the next page starts and the server keeps nothing for them: releasing a token it
            // issued is done at once. One it could not have issued is an error, said as such.
            guard PageToken.isWellFormed(token) || CollectionToken.isWellFormed(token) else {
                throw Problem.badParameter("token: \(token) is not a nextPageToken this server issued")
            }
            return Response(status: .noContent, headers: Responses.gs1Headers())
        }
        let views: [(String, String)] = [
            ("eventTypes", "eventType"), ("epcs", "MATCH_anyEPC"), ("bizSteps", "EQ_bizStep"),
            ("bizLocations", "EQ_bizLocation"), ("readPoints", "EQ_readPoint"), ("dispositions", "EQ_disposition"),
        ]
        for (resource, parameter) in views {
            router.get("\(resource)/{value}") { request, _ in
                try collection(["events"], request, path: request.uri.path)
            }
            router.get("\(resource)/{value}/events") { request, context in
                let value = try context.parameters.require("value")
                let decoded = value.removingPercentEncoding ?? value
                // An extension event type (a URI) is a type no stored event has: its events are none.
                if resource == "eventTypes", (try? EPCISQuery(parameters: [("eventType", decoded)])) == nil {
                    throw Problem.notFound("no event type \(decoded); the types are \(Self.eventTypes.joined(separator: ", "))")
                }
                let name = resource == "epcs" && decoded.contains(":class:") ? "MATCH_anyEPCClass" : parameter
                return try await page(
                    request, context, fixed: [(name, decoded)], base: "/\(resource)/\(PathEncoding.segment(decoded))/events")
            }
        }
    }

    /// One page of events matching the request's parameters plus the fixed ones of the resource.
    /// - Parameter ignoring: request parameters of the resource that are no query parameters.
    func page(
        _ request: Request, _ context: AppRequestContext, fixed: [(name: String, value: String)], base: String,
        ignoring: Set<String> = []
    ) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, .peer, to: "query events")
        let paging = try Paging(request, maximum: platform.configuration.maxPageSize)
        let parameters = fixed + request.uri.queryParameters
            .filter { $0.key != "perPage" && $0.key != "nextPageToken" && !ignoring.contains(String($0.key)) }
            .map { (name: String($0.key), value: String($0.value)) }
        let query = try EPCISQuery(parameters: parameters)
        let found = try await platform.store.events(
            matching: query, page: PageRequest(size: paging.perPage, token: paging.token))
        let visibility = try await platform.visibility()
        let events = found.events.filter { visibility.canRead($0.event, principal: context.principal) }
        var document = EPCISDocument(kind: .queryDocument, events: events.map(\.event))
        document.creationDate = EPCISDateTime(Date())
        document.queryName = "SimpleEventQuery"
        let headers = Paging.linkHeader(request, base: base, next: found.nextPageToken)
        return try Responses.document(document, request: request, headers: headers)
    }

    /// A page of a collection the server holds whole, as a JSON-LD `Collection` with a `Link` to the next page.
    func collection(_ members: [String], _ request: Request, path: String) throws -> Response {
        let paging = try Paging(request, maximum: platform.configuration.maxPageSize)
        let (page, next) = try paging.page(of: members, path: path)
        var headers = Responses.gs1Headers()
        headers.append(contentsOf: Paging.linkHeader(request, base: path, next: next))
        return try Responses.json(Collection(member: page), headers: headers)
    }

    /// `GET /epcs`: the EPCs events named (every identifier with a state), in key order, paged by key; in the form
    /// `GS1-EPC-Format` asks for (each is kept as its canonical key, a Digital Link for GS1 identifiers).
    ///
    /// Only keys that see everything may list them: a party sees items through the events it may read.
    func epcs(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, to: "list every EPC of the store")
        let format = try Responses.epcFormat(request)
        let paging = try Paging(request, maximum: platform.configuration.maxPageSize)
        let keys = try await platform.store.identifierKeys(
            after: try paging.afterKey(path: "/epcs"), limit: paging.perPage + 1)
        let page = Array(keys.prefix(paging.perPage))
        let next = keys.count > paging.perPage ? page.last.map { CollectionToken(path: "/epcs", position: $0).text } : nil
        var headers = Responses.gs1Headers(epcFormat: format)
        headers.append(contentsOf: Paging.linkHeader(request, base: "/epcs", next: next))
        return try Responses.json(
            Collection(member: page.map { IdentifierURI($0).formatted(format) }), headers: headers)
    }

    /// One event by its ID (`/events/{eventID}`, the ID percent-encoded); error declarations of it follow.
    func event(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, .peer, to: "read events")
        _ = try Responses.epcFormat(request)  // a form the server cannot answer in is refused, found or not
        let raw = try context.parameters.require("eventID")
        let id = raw.removingPercentEncoding ?? raw
        let visibility = try await platform.visibility()
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
