import EPCIS
import Foundation
import Hummingbird
import HTTPTypes

/// Building responses: JSON, HTML, EPCIS documents in the negotiated syntax, and the binding's GS1 headers.
enum Responses {
    /// The `Link` header (RFC 8288), which HTTPTypes does not name.
    static var linkHeader: HTTPField.Name { HTTPField.Name("Link")! }

    /// The GS1 headers every EPCIS response carries (EPCIS 2.0 section 12.3).
    ///
    /// No `GS1-Extensions`: the server supports no EPCIS or CBV extension, and the binding types the header as a list
    /// of `name=URI` pairs, of which an empty value is none.
    static func gs1Headers(epcFormat: EPCFormat = .asCaptured) -> HTTPFields {
        var fields = HTTPFields()
        fields[HTTPField.Name("GS1-EPCIS-Version")!] = "2.0.0"
        fields[HTTPField.Name("GS1-CBV-Version")!] = "2.0.0"
        fields[HTTPField.Name("GS1-EPC-Format")!] = epcFormat.rawValue
        return fields
    }

    /// A JSON body from an `Encodable` value.
    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
        headers: HTTPFields = [:]
    ) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return bytes(try encoder.encode(value), status: status, contentType: contentType, headers: headers)
    }

    /// A body of bytes.
    static func bytes(
        _ data: Data, status: HTTPResponse.Status = .ok, contentType: String, headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An HTML page.
    static func html(_ page: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.cacheControl] = "no-store"
        return bytes(Data(page.utf8), status: status, contentType: "text/html; charset=utf-8", headers: fields)
    }

    /// A redirect after a form (303 See Other).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The syntax a client asked for with `Accept`: XML when it names XML before JSON, else JSON-LD.
    static func wantsXML(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        guard let xml = accept.range(of: "xml") else { return false }
        guard let json = accept.range(of: "json") else { return true }
        return xml.lowerBound < json.lowerBound
    }

    /// The identifier form a client asked for with `GS1-EPC-Format` (as captured by default).
    ///
    /// `Never_Translates` (identifiers are never translated) is the form they were captured in, as `No_Preference`
    /// is here.
    /// - Throws: ``Problem`` for a value the binding does not define: 406 `NotAcceptableException`, the binding's
    ///   answer when "the server cannot return the response as requested", which every operation lists.
    static func epcFormat(_ request: Request) throws(Problem) -> EPCFormat {
        guard let value = request.headers[HTTPField.Name("GS1-EPC-Format")!] else { return .asCaptured }
        if value == "Never_Translates" { return .asCaptured }
        guard let format = EPCFormat(rawValue: value) else {
            let names = EPCFormat.allCases.map(\.rawValue) + ["Never_Translates"]
            throw Problem(
                .notAcceptable, "NotAcceptableException", "Not acceptable",
                detail: "GS1-EPC-Format: \(value) is not one of \(names.joined(separator: ", "))")
        }
        return format
    }

    /// The JSON media type a client asked for: JSON-LD's own when `Accept` names `application/ld+json` before (or
    /// without) `application/json`, else `application/json`, the one type the binding documents for JSON query
    /// results (`Accept: */*` or none gets it). The body is the same JSON-LD document either way.
    static func jsonMediaType(_ request: Request) -> String {
        guard let accept = request.headers[.accept]?.lowercased(), let ld = accept.range(of: "application/ld+json")
        else { return "application/json" }
        guard let json = accept.range(of: "application/json") else { return "application/ld+json" }
        return ld.lowerBound < json.lowerBound ? "application/ld+json" : "application/json"
    }

    /// An EPCIS document in the negotiated syntax and identifier form, with the GS1 headers.
    static func document(
        _ document: EPCISDocument, request: Request, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws -> Response {
        let format = try epcFormat(request)
        var fields = gs1Headers(epcFormat: format)
        fields.append(contentsOf: headers)
        if wantsXML(request) {
            let data = XMLDocumentEncoder(options: .init(epcFormat: format, prettyPrinted: false)).encode(document)
            return bytes(data, status: status, contentType: "application/xml", headers: fields)
        }
        let data = JSONDocumentEncoder(epcFormat: format).encode(document)
        return bytes(data, status: status, contentType: jsonMediaType(request), headers: fields)
    }
}
