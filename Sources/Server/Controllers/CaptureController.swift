import EPCIS
import Foundation
import Hummingbird
import Storage
import HTTPTypes
import NIOFoundationCompat

/// The capture side of the EPCIS 2.0 REST binding: `POST /capture` (a document, as a job), `GET /capture/{id}`,
/// `GET /capture`, and `POST /events` (one event, stored before the answer).
struct CaptureController<Store: PlatformStore> {
    let platform: Platform<Store>

    func register(on router: Router<AppRequestContext>) {
        router.post("capture") { request, context in try await capture(request, context) }
        router.get("capture") { request, context in try await list(request, context) }
        router.get("capture/{captureID}") { _, context in try await job(context) }
        router.post("events") { request, context in try await captureEvent(request, context) }
    }

    /// Reads, checks and queues a document; 202 with the job's location. Nothing is stored when the document
    /// cannot be read, breaks a limit, or names places the caller does not own.
    func capture(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, .peer, to: "capture")
        let data = try await body(request, context)
        let (document, locations, format) = try EPCISDocumentReader().readLocated(data)
        guard document.events.count <= platform.configuration.captureEventLimit else {
            throw Problem(
                .contentTooLarge, "CaptureLimitExceededException", "Too many events",
                detail: "the document holds \(document.events.count) events; the limit is "
                    + "\(platform.configuration.captureEventLimit) (GS1-EPCIS-Capture-Limit)")
        }
        try await checkPlaces(document, locations: locations, principal: context.principal)
        let behaviour = try errorBehaviour(request)
        // With rollback a document with any invalid event stores nothing: say so now, with every problem, rather
        // than in a job. The job's capture then skips the per-event validation it would repeat.
        var captureContext = CaptureContext(errorBehaviour: behaviour)
        captureContext.documentFormat = format
        if behaviour == .rollback {
            let problems = captureContext.validator.validate(document, locations: locations)
                .filter { $0.severity == .error }
            guard problems.isEmpty else {
                throw Problem.invalid(
                    "\(problems.count) problem(s); nothing was stored",
                    errors: problems.map { Problem.Entry(pointer: $0.location, detail: $0.message) })
            }
            captureContext.eventsValidated = true
        }
        // The job and its document are kept in the store before the answer: a 202 is a promise that the capture
        // runs, after a crash or a restart too. A store that cannot keep it answers 503 or 507, and the client sends
        // the document again.
        let id = UUID().uuidString.lowercased()
        let job = CaptureJobRecord(
            id: id, createdAt: Date(), errorBehaviour: behaviour, capturedBy: context.principal.name,
            eventCount: document.events.count)
        try await platform.store.enqueueCapture(job, body: data)
        platform.jobs.submit(id, validated: captureContext.eventsValidated)
        var headers = Responses.gs1Headers()
        headers[.location] = "/capture/\(id)"
        headers.append(contentsOf: limitHeaders)
        return try Responses.json(["captureID": id], status: .accepted, headers: headers)
    }

    /// One event (`POST /events`): stored in the request; 201 with its location and the event as stored (with its
    /// eventID, in the identifier form `GS1-EPC-Format` asks for: the binding's body is the `EPCISEvent`), 409 when it
    /// is already stored.
    func captureEvent(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, .peer, to: "capture")
        let epcFormat = try Responses.epcFormat(request)
        let data = try await body(request, context)
        let (document, locations, format) = try EPCISDocumentReader().readLocated(try SingleEvent.document(from: data))
        guard document.events.count == 1 else {
            throw Problem.invalid("POST /events takes one event; send documents to POST /capture")
        }
        try await checkPlaces(document, locations: locations, principal: context.principal)
        var captureContext = CaptureContext()
        captureContext.documentFormat = format
        let receipt = try await platform.store.capture(document, locations: locations, context: captureContext)
        platform.captured.signal()
        platform.metrics.count("events_captured", "events captured", by: receipt.eventIDs.count)
        let id = receipt.eventIDs.first ?? ""
        var event = document.events[0]
        event.eventID = id
        var headers = Responses.gs1Headers(epcFormat: epcFormat)
        headers[.location] = "/events/" + PathEncoding.segment(id)
        let body = JSONDocumentEncoder(epcFormat: epcFormat).encode(event, namespaces: document.namespaces)
        return Responses.bytes(body, status: .created, contentType: "application/json", headers: headers)
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, .peer, to: "list capture jobs")
        let paging = try Paging(request, maximum: platform.configuration.maxPageSize)
        let sender = context.principal.seesEverything ? nil : context.principal.name
        let jobs = try await platform.store.captureJobs(capturedBy: sender, limit: 100)
        let documents = jobs.map { CaptureJobDocument($0, waiting: platform.jobs.waiting($0.id)) }
        let (page, next) = try paging.page(of: documents, path: "/capture")
        var headers = Responses.gs1Headers()
        headers.append(contentsOf: Paging.linkHeader(request, base: "/capture", next: next))
        return try Responses.json(page, headers: headers)
    }

    func job(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("captureID")
        guard let job = try await platform.store.captureJob(id: id),
            context.principal.seesEverything || job.capturedBy == context.principal.name
        else { throw Problem.notFound("no capture job \(id)") }
        return try Responses.json(
            CaptureJobDocument(job, waiting: platform.jobs.waiting(id)), headers: Responses.gs1Headers())
    }

    /// The limits this server advertises (EPCIS 2.0 section 12.6).
    var limitHeaders: HTTPFields {
        var fields = HTTPFields()
        fields[HTTPField.Name("GS1-EPCIS-Capture-Limit")!] = String(platform.configuration.captureEventLimit)
        fields[HTTPField.Name("GS1-EPCIS-Capture-File-Size-Limit")!] = String(platform.configuration.captureByteLimit)
        return fields
    }

    /// The body, read up to the capture limit, and checked to be what its `Content-Type` says (a body without one
    /// is read as the syntax its first character shows).
    private func body(_ request: Request, _ context: AppRequestContext) async throws -> Data {
        let limit = platform.configuration.captureByteLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(
                .contentTooLarge, "CaptureLimitExceededException", "Document too large",
                detail: "the body is \(length) bytes; the limit is \(limit) (GS1-EPCIS-Capture-File-Size-Limit)")
        }
        var declared: (type: String, syntax: DeclaredSyntax)?
        if let type = request.headers[.contentType] { declared = (type, try DeclaredSyntax(contentType: type)) }
        let data: Data
        do {
            data = Data(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw Problem(
                .contentTooLarge, "CaptureLimitExceededException", "Document too large",
                detail: "the body is larger than \(limit) bytes (GS1-EPCIS-Capture-File-Size-Limit)")
        }
        if let declared { try declared.syntax.check(data, declaredAs: declared.type) }
        return data
    }

    /// The syntax a `Content-Type` declares; a body must be in it (EPCIS 2.0 REST binding: JSON-LD or XML).
    enum DeclaredSyntax {
        case json, xml

        init(contentType: String) throws(Problem) {
            let mediaType = contentType.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
            if ["application/json", "application/ld+json"].contains(mediaType) || mediaType.hasSuffix("+json") {
                self = .json
            } else if ["application/xml", "text/xml"].contains(mediaType) || mediaType.hasSuffix("+xml") {
                self = .xml
            } else {
                throw Problem(
                    .unsupportedMediaType, "UnsupportedMediaTypeException", "Unsupported media type",
                    detail: "send application/ld+json, application/json or application/xml (got \(contentType))")
            }
        }

        /// Refuses a body whose first character shows another syntax than the declared one.
        func check(_ data: Data, declaredAs contentType: String) throws(Problem) {
            let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            let actual: String
            switch first {
            case UInt8(ascii: "{"), UInt8(ascii: "["): actual = "JSON"
            case UInt8(ascii: "<"): actual = "XML"
            case nil: return  // An empty body is refused by the reader, as a document that is not there.
            default: actual = "neither JSON nor XML"
            }
            guard actual != (self == .json ? "JSON" : "XML") else { return }
            throw Problem(
                .unsupportedMediaType, "UnsupportedMediaTypeException", "Body is not its Content-Type",
                detail: "the Content-Type is \(contentType) but the body is \(actual); send it with the type it is "
                    + "(application/ld+json or application/json for JSON, application/xml for XML); nothing was stored")
        }
    }

    private func errorBehaviour(_ request: Request) throws(Problem) -> CaptureContext.ErrorBehaviour {
        guard let value = request.headers[HTTPField.Name("GS1-Capture-Error-Behaviour")!] else { return .rollback }
        guard let behaviour = CaptureContext.ErrorBehaviour(rawValue: value.lowercased()) else {
            // The capture's 400 is a ValidationException alone (the header is part of the capture request, not a query
            // parameter).
            throw Problem.invalid("GS1-Capture-Error-Behaviour: \(value) is not rollback or proceed; nothing stored")
        }
        return behaviour
    }

    /// A party captures only at its own locations or as a source; every event that breaks the rule is named.
    private func checkPlaces(
        _ document: EPCISDocument, locations: [EventLocation], principal: Principal
    ) async throws {
        guard principal.role == .party || principal.role == .peer else { return }
        let visibility = try await platform.visibility()
        let refused = document.events.indices.filter { !visibility.canCapture(document.events[$0], principal: principal) }
        guard refused.isEmpty else {
            throw Problem(
                .forbidden, "SecurityException", "Not your location",
                detail: principal.role == .peer
                    ? "a peer key captures only events at places or of sources homed on its platform; nothing was stored"
                    : "a party key captures only events at its own locations or where it is a source; nothing was stored",
                errors: refused.map {
                    Problem.Entry(
                        pointer: $0 < locations.count ? locations[$0].pointer : "/epcisBody/eventList/\($0)",
                        detail: principal.role == .peer
                            ? "neither bizLocation/readPoint nor a source is homed on platform \(principal.peer ?? "")"
                            : "bizLocation/readPoint is not a location of \(principal.party ?? "this party") "
                                + "and it is not a source")
                })
        }
    }
}

/// `POST /events` bodies: one event object, wrapped into a document so that the one decoder reads it.
enum SingleEvent {
    static func document(from data: Data) throws(Problem) -> Data {
        guard EPCISDocumentReader.format(of: data) == .json else { return data }
        guard var event = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Problem.invalid("the body is not a JSON object")
        }
        if event["type"] as? String == "EPCISDocument" { return data }
        let context = event.removeValue(forKey: "@context") ?? "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
        let document: [String: Any] = [
            "@context": context, "type": "EPCISDocument", "schemaVersion": "2.0",
            "creationDate": EPCISDateTime(Date()).utcMillisecondText, "epcisBody": ["eventList": [event]],
        ]
        guard let wrapped = try? JSONSerialization.data(withJSONObject: document) else {
            throw Problem.invalid("the event cannot be read as JSON")
        }
        return wrapped
    }
}

/// Percent-encoding of one path segment (event IDs hold `/`, `;`, `?`).
enum PathEncoding {
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
