public import EPCIS
import Foundation

/// An opaque paging token, the same for every SQL backend: the query's fingerprint, how many events earlier pages returned, and the sort key of
/// the last one (keyset paging: the next page starts after that row, so rows captured meanwhile never shift it).
public struct PageToken: Equatable, Sendable {
    /// The fingerprint of the query the token belongs to (a token from another query is refused).
    public var fingerprint: String
    /// How many events earlier pages returned (for maxEventCount and eventCountLimit).
    public var delivered: Int
    /// The capture sequence of the last row returned.
    public var lastRow: Int64
    /// The order value of the last row (event or record time in milliseconds), or, for an extension field order,
    /// the position after the last row.
    public var lastKey: Int64

    /// The token as sent to a client.
    public var text: String {
        let plain = "1.\(fingerprint).\(delivered).\(lastRow).\(lastKey)"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init(fingerprint: String, delivered: Int, lastRow: Int64, lastKey: Int64) {
        self.fingerprint = fingerprint
        self.delivered = delivered
        self.lastRow = lastRow
        self.lastKey = lastKey
    }

    /// Reads a token and checks that it belongs to the query with `fingerprint`.
    public init(_ text: String, fingerprint expected: String) throws(StorageError) {
        guard let token = Self.read(text), token.fingerprint == expected else {
            throw StorageError(.invalidPageToken, "the page token is malformed or belongs to another query")
        }
        self = token
    }

    /// Whether a text is a token of this shape, of any query (`DELETE /nextPageToken/{token}` releases one).
    /// - Parameter text: the token as a client sent it.
    public static func isWellFormed(_ text: String) -> Bool {
        read(text) != nil
    }

    private static func read(_ text: String) -> PageToken? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let parts =
            Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }?
            .split(separator: ".").map(String.init) ?? []
        guard parts.count == 5, parts[0] == "1", let delivered = Int(parts[2]),
            let lastRow = Int64(parts[3]), let lastKey = Int64(parts[4]), delivered >= 0
        else { return nil }
        return PageToken(fingerprint: parts[1], delivered: delivered, lastRow: lastRow, lastKey: lastKey)
    }

    /// A fingerprint of a query that is the same in every process (Swift's `hashValue` is seeded per process, and
    /// sets print in any order): FNV-1a over a rendering in which the members of every set are sorted.
    public static func fingerprint(of query: EPCISQuery) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonical(query).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 36)
    }

    private static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty { return "\(value)" }
        var parts = mirror.children.map { ($0.label ?? "") + "=" + canonical($0.value) }
        if mirror.displayStyle == .set || mirror.displayStyle == .dictionary { parts.sort() }
        return "\(mirror.subjectType)(" + parts.joined(separator: ",") + ")"
    }
}
