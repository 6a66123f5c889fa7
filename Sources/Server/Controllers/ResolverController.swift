import EPCIS
import Federation
import Foundation
import Hummingbird
import Identifiers
import Storage
import TraceEngine
import Web
import HTTPTypes

/// The GS1 Digital Link resolver: `GET /01/{gtin}[/10/{lot}][/21/{serial}]` and the other primary keys. A browser
/// gets the consumer page; `Accept: application/linkset+json` (or `?linkType=all`) gets an RFC 9264 linkset with
/// GS1 link types; `?linkType=gs1:…` redirects to that one link. `GET /qr/{path}.svg` draws the QR code of the
/// canonical Digital Link on this server.
struct ResolverController<Store: PlatformStore> {
    let platform: Platform<Store>

    /// The primary-key AIs a Digital Link path may start with (GS1 Digital Link 1.4, section 4).
    static var primaryKeys: [String] { ["01", "00", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010",
                              "8013", "8017", "8018"] }

    func register(on router: Router<AppRequestContext>) {
        for ai in Self.primaryKeys {
            router.get("\(ai)/**") { request, context in try await resolve(request, context, ai: ai) }
        }
        router.get("qr/**") { request, context in try qr(request, context) }
        router.post("report") { request, context in
            try await ConsumerReports(platform: platform).receive(request, context)
        }
        router.get("lookup") { request, _ in
            // A code typed or pasted in any form (element string, EPC URN, RFID hex…) → its Digital Link page.
            let code = request.uri.queryParameters["code"].map(String.init) ?? ""
            let key = try IdentifierKeys.resolve(code)
            guard let url = URL(string: key), url.host == "id.gs1.org" else {
                throw Problem.notFound("\(code) is not a GS1 key that has a product page")
            }
            return Responses.seeOther(url.path)
        }
    }

    /// The Digital Link a request names, canonical (key qualifiers in order, data attributes dropped).
    func link(_ request: Request, ai: String, path: String) throws(Problem) -> (description: IdentifierDescription, key: String) {
        let text = "https://id.gs1.org/\(ai)/" + path
        do {
            let description = try IdentifierDescription.read(text, prefixLengths: nil)
            return (description, IdentifierKeys.key(of: description) ?? IdentifierURI(text).canonicalKey)
        } catch {
            throw Problem.notFound("\(request.uri.path): not a GS1 Digital Link: \(error)")
        }
    }

    func resolve(_ request: Request, _ context: AppRequestContext, ai: String) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        let key = try platform.linkKeys.key("\(ai)/\(path)") { try link(request, ai: ai, path: path).key }
        let linkType = request.uri.queryParameters["linkType"].map(String.init)
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if linkType == "all" || (linkType == nil && accept.contains("application/linkset+json")) {
            return try linkset(key: key, ai: ai, path: path)
        }
        switch linkType {
        case nil, "gs1:pip", "gs1:defaultLink", "https://gs1.org/voc/pip", "https://gs1.org/voc/defaultLink":
            return try await page(request, context, key: key, ai: ai, path: path)
        case "gs1:verificationService", "https://gs1.org/voc/verificationService":
            return try await verification(request, key: key, path: path)
        case "gs1:recallStatus", "https://gs1.org/voc/recallStatus":
            return try await recallStatus(key: key)
        case "gs1:epcis", "https://gs1.org/voc/epcis":
            return Response(status: .temporaryRedirect, headers: [.location: epcisHref(key)])
        case "gs1:traceability", "https://gs1.org/voc/traceability":
            return Response(status: .temporaryRedirect, headers: [.location: traceURL(key)])
        case let other?:
            throw Problem.notFound("no link of type \(other) for \(key); the types are gs1:pip, gs1:epcis, "
                + "gs1:traceability, gs1:recallStatus, gs1:verificationService (linkType=all lists them)")
        }
    }

    private func page(
        _ request: Request, _ context: AppRequestContext, key: String, ai: String, path: String
    ) async throws -> Response {
        // The links name the canonical path, so that every spelling of a code shares one cached page.
        let canonical = key.hasPrefix(Self.gs1) ? String(key.dropFirst(Self.gs1.count)) : "/\(ai)/\(path)"
        let linksetURL = canonical + "?linkType=all"
        let pageContext = ConsumerPageModel.Context(
            path: canonical, linksetURL: linksetURL, qrURL: "/qr\(canonical).svg")
        let entry: ConsumerCache.Entry
        if let home = foreignHome(of: key) {
            entry = try await foreignEntry(key: key, lot: Self.lotKey(of: key), home: home, context: pageContext)
        } else {
            entry = try await platform.consumer.entry(key, generation: platform.captured.generation) { [platform] in
                let story = try await ConsumerStory.read(
                    key: key, from: platform.store, names: try await platform.names.names(),
                sectorRules: try await platform.sectorRules.value(),
                sprayedFields: try await platform.sprayedFields.value())
                return ConsumerCache.Entry(
                    story: story, recalls: try await Self.recalls(reaching: key, lot: Self.lotKey(of: key), in: platform.store),
                    context: pageContext)
            }
        }
        let language = PageLanguageChoice(request)
        let origin = context.remoteAddress?.ipAddress.map(Self.network)
        let scans = try await platform.scans.record(ScanRecord(key: key, at: Date(), origin: origin))
        platform.metrics.count("consumer_scans", "consumer scan pages served")
        let manyNetworks = scans.origins.count >= 3
        let parameters = request.uri.queryParameters
        let answer = parameters["sale"].flatMap { ConsumerPageModel.SaleAnswer(rawValue: String($0)) }
        let reported = parameters["reported"] != nil
        let pieces: ConsumerCache.Pieces
        if answer != nil || reported {
            // A consumer's answer or report: rare, rendered for this request only.
            var pageContext = entry.context
            pageContext.manyNetworks = manyNetworks
            pageContext.saleAnswer = answer
            pageContext.reported = reported
            pieces = ConsumerCache.Pieces(
                story: entry.story, recalls: entry.recalls, context: pageContext, language: language.language)
        } else {
            pieces = entry.pieces(language.language, manyNetworks: manyNetworks)
        }
        let line = ScanLineModel(
            count: scans.count, first: scans.first, offsetMinutes: entry.story.localOffsetMinutes,
            language: language.language
        ).html
        var buffer = ByteBuffer()
        buffer.reserveCapacity(pieces.head.utf8.count + line.utf8.count + pieces.tail.utf8.count)
        buffer.writeString(pieces.head)
        buffer.writeString(line)
        buffer.writeString(pieces.tail)
        var headers = HTTPFields()
        headers[Responses.linkHeader] = "<\(linksetURL)>; rel=\"linkset\"; type=\"application/linkset+json\""
        headers[.cacheControl] = "no-store"
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.language.rawValue
        headers[.vary] = "Accept-Language, Cookie"
        var response = Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
        language.remember(in: &response)
        return response
    }

    static var gs1: String { "https://id.gs1.org" }

    /// The lot-level key of a code that names a GTIN and a lot (a serial's lot too).
    static func lotKey(of key: String) -> String? {
        let parts = DigitalLinkKey(key)
        return parts.value("01").flatMap { gtin in parts.value("10").map { "https://id.gs1.org/01/\(gtin)/10/\($0)" } }
    }

    /// The recalls that reached a code or its lot.
    static func recalls(
        reaching key: String, lot: String?, in store: Store
    ) async throws -> [ConsumerPageModel.Recall] {
        var ids = try await store.recallIDs(reaching: key)
        if let lot { ids += try await store.recallIDs(reaching: lot).filter { !ids.contains($0) } }
        var recalls: [ConsumerPageModel.Recall] = []
        for id in ids {
            if let record = try await store.recall(id: id) {
                recalls.append(
                    ConsumerPageModel.Recall(id: record.id, reason: record.reason, issuedAt: record.issuedAt))
            }
        }
        return recalls
    }

    private func recallStatus(key: String) async throws -> Response {
        let ids = try await platform.store.recallIDs(reaching: key)
        var recalls: [TraceJSON.RecallDTO] = []
        for id in ids { if let record = try await platform.store.recall(id: id) { recalls.append(TraceJSON.dto(record)) } }
        return try Responses.json(RecallStatus(
            identifier: key, recalled: !ids.isEmpty, recalls: ids, reasons: recalls.map(\.reason)))
    }

    /// An RFC 9264 linkset with GS1 link types for one identifier.
    private func linkset(key: String, ai: String, path: String) throws -> Response {
        let base = platform.configuration.baseURL
        let anchor = "\(base)/\(ai)/\(path)"
        func target(_ href: String, _ title: String, _ type: String) -> [String: String] {
            ["href": href, "title": title, "type": type]
        }
        let pipTitle = foreignHome(of: key).map {
            "Product information and journey, from the data of platform \($0.id), where this code is registered"
        } ?? "Product information and journey"
        let links: [String: [[String: String]]] = [
            "https://gs1.org/voc/pip": [target(anchor, pipTitle, "text/html")],
            "https://gs1.org/voc/defaultLink": [target(anchor, pipTitle, "text/html")],
            "https://gs1.org/voc/epcis": [target(epcisHref(key, absolute: true), epcisTitle(key), "application/ld+json")],
            "https://gs1.org/voc/traceability": [target(base + traceURL(key), "Backward trace", "application/json")],
            "https://gs1.org/voc/recallStatus": [
                target(anchor + "?linkType=gs1:recallStatus", "Recall status", "application/json")
            ],
            "https://gs1.org/voc/qrCode": [target("\(base)/qr/\(ai)/\(path).svg", "QR code", "image/svg+xml")],
        ]
        var all = links
        if DigitalLinkKey(key).value("21") != nil {
            all["https://gs1.org/voc/verificationService"] = [
                target(
                    anchor + "?linkType=gs1:verificationService", "Verification of this unit (GTIN, serial, lot, expiry)",
                    "application/json")
            ]
        }
        return try Responses.json(
            Linkset(linkset: [.init(anchor: anchor, links: all)]), contentType: "application/linkset+json")
    }

    /// Where a code's events are: this platform, or the platform the code is homed on.
    /// - Parameters:
    ///   - key: the code.
    ///   - absolute: a full URL even for this platform (a linkset); else a path here (a redirect).
    private func epcisHref(_ key: String, absolute: Bool = false) -> String {
        (foreignHome(of: key)?.url ?? (absolute ? platform.configuration.baseURL : "")) + epcisURL(key)
    }

    private func epcisTitle(_ key: String) -> String {
        foreignHome(of: key).map { "EPCIS events on platform \($0.id), where this code is registered" } ?? "EPCIS events"
    }

    private func epcisURL(_ key: String) -> String {
        let parts = DigitalLinkKey(key)
        let parameter = parts.value("10") != nil && parts.value("21") == nil ? "MATCH_anyEPCClass" : "MATCH_anyEPC"
        var components = URLComponents()
        components.path = "/events"
        components.queryItems = [URLQueryItem(name: parameter, value: key)]
        return components.string ?? "/events"
    }

    private func traceURL(_ key: String) -> String {
        var components = URLComponents()
        components.path = "/trace/back"
        components.queryItems = [URLQueryItem(name: "id", value: key)]
        return components.string ?? "/trace/back"
    }

    /// `GET /qr/{digital link path}.svg`: the QR code of the canonical Digital Link on this server.
    func qr(_ request: Request, _ context: AppRequestContext) throws -> Response {
        var path = context.parameters.getCatchAll().joined(separator: "/")
        guard path.hasSuffix(".svg") else { throw Problem.notFound("QR codes are served as /qr/{digital link path}.svg") }
        path.removeLast(4)
        guard let ai = path.split(separator: "/").first.map(String.init), Self.primaryKeys.contains(ai) else {
            throw Problem.notFound("/qr/\(path).svg: the path must start with a primary key AI such as 01")
        }
        let (description, _) = try link(request, ai: ai, path: String(path.dropFirst(ai.count + 1)))
        guard let canonical = description.digitalLink(domain: platform.configuration.baseURL) else {
            throw Problem.notFound("\(path): no Digital Link can be made of it")
        }
        let code = try QRCode(canonical, correction: .medium)
        var headers = HTTPFields()
        headers[.cacheControl] = "public, max-age=86400"
        return Responses.bytes(
            Data(code.svg(moduleSize: 4, quietZone: 4, title: canonical).utf8), contentType: "image/svg+xml",
            headers: headers)
    }

    /// A coarse network of an address (the /16 of IPv4, the /32 of IPv6): enough to tell places apart, never the
    /// address itself.
    static func network(_ address: String) -> String {
        if address.contains(":") { return address.split(separator: ":").prefix(2).joined(separator: ":") + "::/32" }
        return address.split(separator: ".").prefix(2).joined(separator: ".") + ".0.0/16"
    }
}

/// The recall status of one code (`?linkType=gs1:recallStatus`).
struct RecallStatus: Encodable {
    var identifier: String
    var recalled: Bool
    var recalls: [String]
    var reasons: [String]
}

/// An RFC 9264 linkset document: one entry per anchor, link relation types as keys.
struct Linkset: Encodable {
    var linkset: [Entry]
    struct Entry: Encodable {
        var anchor: String
        var links: [String: [[String: String]]]
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(anchor, forKey: Key(stringValue: "anchor"))
            for (relation, targets) in links { try container.encode(targets, forKey: Key(stringValue: relation)) }
        }
    }
}
