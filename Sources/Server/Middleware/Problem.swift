public import EPCIS
import Foundation
public import HTTPTypes
public import Hummingbird
public import Storage
import Web

/// An RFC 9457 problem with an EPCIS exception type: the one shape every error of the API takes.
///
/// `type` is `epcisException:NAME` for the exceptions the EPCIS 2.0 REST binding names (ValidationException,
/// QueryParameterException, NoSuchNameException, …) and `suyuan:NAME` for the platform's own. `errors` lists
/// every problem of a rejected document with its place (JSON pointer or XML line) and rule. `instance` is the
/// absolute URI of the request's resource (the binding types it `format: uri`).
public struct Problem: Error, Sendable, HTTPResponseError {
    /// One problem of a rejected document.
    public struct Entry: Hashable, Sendable, Encodable {
        /// The JSON pointer or XML place.
        public var pointer: String
        /// What rule it breaks.
        public var detail: String
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The problem type URI.
    public var type: String
    /// A short title.
    public var title: String
    /// What exactly is wrong.
    public var detail: String?
    /// Every problem of a rejected document.
    public var errors: [Entry]
    /// Extra headers (e.g. `WWW-Authenticate`).
    public var extraHeaders: HTTPFields

    /// Makes a problem.
    public init(
        _ status: HTTPResponse.Status, _ exception: String, _ title: String, detail: String? = nil,
        errors: [Entry] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = exception.contains(":") ? exception : "epcisException:" + exception
        self.title = title
        self.detail = detail
        self.errors = errors
        self.extraHeaders = headers
    }

    public var headers: HTTPFields { extraHeaders }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(from: request, baseURL: nil)
    }

    /// The response to a request: an HTML page for a browser, else `application/problem+json`.
    /// - Parameters:
    ///   - request: the request that failed.
    ///   - baseURL: the server's public base URL, which makes `instance` an absolute URI; without it, `instance` is
    ///     the request's path.
    /// - Returns: the response.
    public func response(from request: Request, baseURL: String?) -> Response {
        // A person in a browser gets a page that says the same; programs get problem+json.
        if let accept = request.headers[.accept], accept.contains("text/html") {
            var fields = extraHeaders
            fields[.contentType] = "text/html; charset=utf-8"
            let page = HTML.document(
                title: title,
                body: "<main><h1>\(HTML.escape(title))</h1><p>\(HTML.escape(detail ?? title))</p>"
                    + errors.map { "<p><code>\(HTML.escape($0.pointer))</code> \(HTML.escape($0.detail))</p>" }.joined()
                    + "<p><a href=\"/\">Suyuan</a></p></main>")
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        let instance = (baseURL ?? "") + Self.uriPath(request.uri.path)
        var body = Body(type: type, title: title, status: Int(status.code), detail: detail, instance: instance)
        body.errors = errors.isEmpty ? nil : errors
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"type":"epcisException:ImplementationException"}"#.utf8)
        var fields = extraHeaders
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A request path as the path of a URI (RFC 3986 section 3.3): what it already percent-encodes stays, and any
    /// other character outside `pchar` and `/` (a space, a backslash, a control character, a `%` that starts no
    /// escape…) is percent-encoded, so that `instance` is a URI whatever path a client sent.
    static func uriPath(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var text = path.hasPrefix("/") ? "" : "/"
        for (index, byte) in bytes.enumerated() {
            let startsEscape =
                byte == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[index + 1...index + 2].allSatisfy { Self.hexDigits.contains($0) }
            if startsEscape || Self.pathCharacters.contains(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += String(format: "%%%02X", byte)
            }
        }
        return text
    }

    private static let hexDigits = Set("0123456789abcdefABCDEF".utf8)

    /// RFC 3986 `pchar` without `%` (unreserved, sub-delims, `:` and `@`), and `/`.
    private static let pathCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/".utf8)

    private struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var instance: String
        var errors: [Entry]?
    }
}

extension Problem {
    /// A missing or unknown resource (`NoSuchNameException`, 404).
    ///
    /// The binding's one 404 (`404ResourceNotFound`, "the EPCIS event does not exist or the query does not exist")
    /// allows this type alone, whatever resource is missing.
    public static func notFound(_ detail: String) -> Problem {
        Problem(.notFound, "NoSuchNameException", "No such resource", detail: detail)
    }

    /// A body larger than an endpoint takes (413).
    /// - Parameters:
    ///   - limit: the most bytes the endpoint reads.
    ///   - exception: the EPCIS exception type (`CaptureLimitExceededException` for captures).
    ///   - rule: what the limit is called, e.g. the header that advertises it.
    public static func bodyTooLarge(limit: Int, exception: String = "suyuan:PayloadTooLarge", rule: String) -> Problem {
        Problem(
            .contentTooLarge, exception, "Body too large",
            detail: "the body is larger than \(limit) bytes, the most this endpoint reads (\(rule)); nothing was stored")
    }

    /// A bad parameter (`QueryParameterException`, 400).
    public static func badParameter(_ detail: String) -> Problem {
        Problem(.badRequest, "QueryParameterException", "Invalid query parameter", detail: detail)
    }

    /// A body that cannot be read or breaks a rule (`ValidationException`, 400).
    public static func invalid(_ detail: String, errors: [Entry] = []) -> Problem {
        Problem(.badRequest, "ValidationException", "The document is not valid", detail: detail, errors: errors)
    }

    /// No valid key (`SecurityException`, 401).
    public static func unauthenticated(_ detail: String) -> Problem {
        Problem(
            .unauthorized, "SecurityException", "Authentication required", detail: detail,
            headers: [.wwwAuthenticate: #"Bearer realm="suyuan""#])
    }

    /// A key that may not do this (`SecurityException`, 403).
    public static func forbidden(_ detail: String) -> Problem {
        Problem(.forbidden, "SecurityException", "Not allowed", detail: detail)
    }

    /// The problem a store error maps to. Database text never reaches the client: backends keep it in
    /// `underlying`, and the message of an internal failure stays generic.
    public init(_ error: StorageError) {
        let entries = error.diagnostics.map { Entry(pointer: $0.location, detail: $0.message) }
        switch error.code {
        case .invalidDocument:
            self = .invalid(error.message, errors: entries)
        case .duplicateEvent:
            self = Problem(
                .conflict, "ResourceAlreadyExistsException", "Already captured", detail: error.message,
                errors: error.diagnostics.isEmpty
                    ? error.eventIDs.map { Entry(pointer: "eventID", detail: "already stored: \($0)") }
                    : error.diagnostics.map { Entry(pointer: "eventID", detail: $0.description) })
        case .alreadyExists:
            self = Problem(.conflict, "ResourceAlreadyExistsException", "Already exists", detail: error.message)
        case .queryTooLarge:
            self = Problem(.contentTooLarge, "QueryTooLargeException", "Query result too large", detail: error.message)
        case .notFound:
            self = .notFound(error.message)
        case .invalidQuery:
            self = .badParameter(error.message)
        case .invalidPageToken:
            self = Problem(.badRequest, "QueryParameterException", "Invalid page token", detail: error.message)
        case .unavailable, .schemaOutdated:
            // One status for "the store is unavailable", wherever it shows: the client may send the same request
            // again later, and Retry-After says when.
            self = Problem(
                .serviceUnavailable, "ImplementationException", "Store unavailable",
                detail: error.message + "; try again later", headers: [.retryAfter: "5"])
        case .storageFull:
            self = Problem(
                .init(code: 507, reasonPhrase: "Insufficient Storage"), "ImplementationException",
                "Insufficient storage", detail: error.message + "; try again once the operator has made room",
                headers: [.retryAfter: "60"])
        default:
            self = Problem(.internalServerError, "ImplementationException", "Internal error",
                           detail: "the store failed; the server log has the details")
        }
    }

    /// The problem a query parameter error maps to (QueryParameterException or QueryTooLargeException).
    public init(_ error: QueryParameterError) {
        let status: HTTPResponse.Status = error.code.exceptionName == "QueryTooLargeException" ? .contentTooLarge : .badRequest
        self = Problem(status, error.code.exceptionName, "Invalid query", detail: error.description)
    }

    /// The problem a document that cannot be decoded maps to (ValidationException with every diagnostic).
    public init(_ error: EPCISDocumentError) {
        self = .invalid(
            "the document cannot be read; nothing was stored",
            errors: error.diagnostics.map { Entry(pointer: $0.location, detail: $0.message) })
    }
}

extension Problem {
    /// The problem any error maps to; unknown errors become a generic 500 that leaks nothing.
    public static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: problem
        case let error as StorageError: Problem(error)
        case let error as QueryParameterError: Problem(error)
        case let error as EPCISDocumentError: Problem(error)
        // Hummingbird's own errors with a status (a body over `collect(upTo:)`'s limit is a 413).
        case let error as any HTTPResponseError where error.status.code < 500:
            Problem(error.status, "suyuan:HTTPError", error.status.reasonPhrase, detail: "\(error)")
        default:
            Problem(.internalServerError, "ImplementationException", "Internal error",
                    detail: "the server failed; its log has the details")
        }
    }
}
