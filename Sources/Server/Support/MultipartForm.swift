import Foundation

/// A `multipart/form-data` body (RFC 7578), the only way a browser's form sends a file: each part's field name,
/// file name and bytes. The console's upload page and the portal's scan of a delivery note post one.
struct MultipartForm {
    /// One part.
    struct Part {
        /// The form field's name.
        var name: String
        /// The file's name, for a file field.
        var filename: String?
        /// The bytes.
        var data: Data
    }

    /// The parts in body order.
    var parts: [Part] = []

    /// The first part with a field name.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// Reads a body.
    /// - Parameters:
    ///   - body: the bytes.
    ///   - contentType: the request's `Content-Type`, which names the boundary.
    /// - Throws: ``Problem`` 400 naming what is wrong: no boundary, no closing delimiter, a part without a name.
    init(_ body: Data, contentType: String?) throws(Problem) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw Problem.invalid("the upload is not multipart/form-data (send the page's form, or POST /import)")
        }
        guard let boundary = Self.parameter("boundary", of: contentType), !boundary.isEmpty else {
            throw Problem.invalid("Content-Type multipart/form-data names no boundary (RFC 7578 section 4.1)")
        }
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else {
            throw Problem.invalid("the body holds no part: no delimiter --\(boundary)")
        }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { return }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else {
                throw Problem.invalid("a multipart delimiter is not followed by CRLF (RFC 2046 section 5.1.1)")
            }
            cursor += 2
            guard let headerEnd = body.range(of: separator, in: cursor..<body.endIndex) else {
                throw Problem.invalid("a multipart part has no blank line after its headers")
            }
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex)
            else { throw Problem.invalid("the multipart body ends without its closing delimiter --\(boundary)--") }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            var name: String?
            var filename: String?
            for line in headers.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", of: line)
                filename = Self.parameter("filename", of: line)
            }
            guard let name else { throw Problem.invalid("a multipart part has no Content-Disposition name") }
            parts.append(Part(name: name, filename: filename, data: Data(body[headerEnd.upperBound..<next.lowerBound])))
            cursor = next.upperBound
        }
    }

    /// A `name=value` or `name="value"` parameter of a header value.
    static func parameter(_ name: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }
}
