import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// `perPage` and `nextPageToken` of a request (EPCIS 2.0 REST binding, every paged endpoint).
///
/// `perPage` is a whole number from 1; above the server's maximum it is the maximum (the binding: "a global upper
/// limit … that the client cannot override"). Anything else, and a token the endpoint did not issue, is a 400.
struct Paging {
    /// The binding's default page size.
    static let defaultSize = 30

    /// How many items the page holds at most.
    var perPage: Int
    /// The `nextPageToken` sent, if any.
    var token: String?

    init(_ request: Request, maximum: Int) throws(Problem) {
        perPage = min(Self.defaultSize, maximum)
        if let value = request.uri.queryParameters["perPage"] {
            guard let size = Int(value), size >= 1 else {
                throw Problem.badParameter("perPage: \(value) is not a whole number of at least 1")
            }
            perPage = min(size, maximum)
        }
        token = request.uri.queryParameters["nextPageToken"].map(String.init)
    }

    /// One page of a list the server holds whole: where the token says it goes on, `perPage` items.
    /// - Parameter path: the collection's path; its tokens serve it alone.
    /// - Returns: the items and the token of the next page, if there are more.
    func page<Item>(of items: [Item], path: String) throws(Problem) -> (items: [Item], next: String?) {
        var start = 0
        if let token {
            guard let offset = CollectionToken(token, path: path).flatMap({ Int($0.position) }),
                (0...items.count).contains(offset)
            else { throw Self.foreignToken(token, path: path) }
            start = offset
        }
        let end = min(start + perPage, items.count)
        let next = end < items.count ? CollectionToken(path: path, position: String(end)).text : nil
        return (Array(items[start..<end]), next)
    }

    /// The last key before this page, for a collection paged by key.
    func afterKey(path: String) throws(Problem) -> String? {
        guard let token else { return nil }
        guard let position = CollectionToken(token, path: path)?.position else {
            throw Self.foreignToken(token, path: path)
        }
        return position
    }

    static func foreignToken(_ token: String, path: String) -> Problem {
        Problem(
            .badRequest, "QueryParameterException", "Invalid page token",
            detail: "nextPageToken: \(token) is not a token of \(path) (send the one from the Link header)")
    }

    /// The `Link: <…>; rel="next"` header of a page: the request's own parameters with the next token.
    static func linkHeader(_ request: Request, base: String, next: String?) -> HTTPFields {
        guard let next else { return [:] }
        var link = URLComponents()
        link.path = base
        link.queryItems =
            request.uri.queryParameters
            .filter { $0.key != "nextPageToken" }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) }
            + [URLQueryItem(name: "nextPageToken", value: next)]
        return [Responses.linkHeader: "<\(link.string ?? base)>; rel=\"next\""]
    }
}

/// The token of a collection page (`/eventTypes`, `/epcs`, `/queries`, …): the collection's path and where the
/// next page starts (an offset, or the last key), in base64url. The server keeps nothing for it.
struct CollectionToken {
    var path: String
    var position: String

    init(path: String, position: String) {
        self.path = path
        self.position = position
    }

    /// Reads a token of the collection at `path`; nil for anything else.
    init?(_ text: String, path: String) {
        guard let token = Self.read(text), token.path == path else { return nil }
        self = token
    }

    var text: String {
        Data("c1\n\(path)\n\(position)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether a text is a collection token of any collection.
    static func isWellFormed(_ text: String) -> Bool { read(text) != nil }

    private static func read(_ text: String) -> CollectionToken? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "c1", parts[1].hasPrefix("/") else { return nil }
        return CollectionToken(path: parts[1], position: parts[2])
    }
}
