public import Identifiers

/// A value of a `MATCH_` parameter: one identifier, or an EPC pattern (`urn:epc:idpat:sgtin:0614141.107346.*`)
/// that matches many (EPCIS 2.0 section 8.2.7.1.1; TDS 2.x section 8).
public struct IdentifierPattern: Hashable, Sendable, CustomStringConvertible {
    enum Rule: Hashable, Sendable {
        /// The identifier's canonical key equals this one.
        case exact(String)
        /// A GS1 identifier whose primary key has this AI, and whose key digits, from `offset`, start with
        /// `digits` (empty `digits`: any key with that AI).
        case primaryKey(ai: String, digits: String, offset: Int)
    }

    /// The pattern as given.
    public let text: String
    let rule: Rule

    /// Reads a pattern.
    /// - Parameters:
    ///   - text: an identifier in any form, or an `urn:epc:idpat:` pattern.
    ///   - parameter: the query parameter it came from, for the error.
    /// - Throws: ``QueryParameterError`` when the text is a malformed GS1 identifier or pattern.
    public init(parsing text: String, parameter: String = "MATCH_epc") throws(QueryParameterError) {
        self.text = text
        if text.hasPrefix("urn:epc:idpat:") {
            rule = try Self.patternRule(text, parameter)
            return
        }
        do {
            if let identifier = try EPCIdentifier.parse(text) {
                rule = .exact(identifier.digitalLink() ?? text)
            } else {
                rule = .exact(text)
            }
        } catch {
            throw QueryParameterError(.queryParameter, parameter: parameter, error.message)
        }
    }

    public var description: String { text }

    /// What a store compares to find the identifiers this pattern matches, so that a backend can translate the
    /// pattern into an indexed look-up (the same rule ``matches(_:)`` applies in memory).
    public enum Match: Hashable, Sendable {
        /// The identifier's ``IdentifierURI/canonicalKey`` equals this key.
        case canonicalKey(String)
        /// A GS1 identifier whose primary element string has this AI and whose value, from the 0-based `offset`,
        /// starts with `digits` (empty `digits`: any value).
        case primaryKey(ai: String, digits: String, offset: Int)
    }

    /// The rule of this pattern, for stores that translate it into a look-up.
    public var match: Match {
        switch rule {
        case .exact(let key): .canonicalKey(key)
        case .primaryKey(let ai, let digits, let offset): .primaryKey(ai: ai, digits: digits, offset: offset)
        }
    }

    /// Whether an identifier of an event matches.
    /// - Parameter identifier: the identifier as captured.
    public func matches(_ identifier: IdentifierURI) -> Bool {
        switch rule {
        case .exact(let key):
            return identifier.canonicalKey == key
        case .primaryKey(let ai, let digits, let offset):
            guard let primary = identifier.gs1Identifier?.elementStrings.first, primary.ai == ai else { return false }
            let value = Array(primary.value.utf8)
            let wanted = Array(digits.utf8)
            return value.count >= offset + wanted.count && Array(value[offset..<(offset + wanted.count)]) == wanted
        }
    }

    /// Where the GS1 Company Prefix starts in each scheme's primary key: after the indicator digit of a GTIN,
    /// the extension digit of an SSCC, the leading 0 of a GRAI (AI 8003) and the indicator of an ITIP.
    private static let schemes: [String: (ai: String, prefixOffset: Int)] = [
        "sgtin": ("01", 1), "sscc": ("00", 1), "sgln": ("414", 0), "grai": ("8003", 1), "giai": ("8004", 0),
        "gsrn": ("8018", 0), "gsrnp": ("8017", 0), "gdti": ("253", 0), "sgcn": ("255", 0), "cpi": ("8010", 0),
        "pgln": ("417", 0), "itip": ("8006", 1), "ginc": ("401", 0), "gsin": ("402", 0),
    ]

    private static func patternRule(_ text: String, _ parameter: String) throws(QueryParameterError) -> Rule {
        let body = text.dropFirst("urn:epc:idpat:".count)
        guard let colon = body.firstIndex(of: ":"), let scheme = schemes[String(body[..<colon])] else {
            throw QueryParameterError(
                .queryParameter, parameter: parameter, "\(text) is not a GS1 EPC pattern (TDS 2.x section 8)")
        }
        let fields = body[body.index(after: colon)...].split(separator: ".", omittingEmptySubsequences: false)
        let fixed = fields.prefix { $0 != "*" }
        guard fields.dropFirst(fixed.count).allSatisfy({ $0 == "*" }) else {
            throw QueryParameterError(
                .queryParameter, parameter: parameter,
                "\(text): a * may only be followed by more * (TDS 2.x section 8)")
        }
        switch fixed.count {
        case 0:
            return .primaryKey(ai: scheme.ai, digits: "", offset: 0)
        case 1:
            return .primaryKey(ai: scheme.ai, digits: String(fixed[0]), offset: scheme.prefixOffset)
        default:
            // Every field but the serial is fixed: the pattern names one key. Let Identifiers build that key
            // (with its check digit) from a pure-identity URN with a placeholder serial.
            var concrete = Array(fields.map(String.init))
            concrete[concrete.count - 1] = "0"
            let urn = "urn:epc:id:" + body[..<colon] + ":" + concrete.joined(separator: ".")
            let parsed: EPCIdentifier?
            do {
                parsed = try EPCIdentifier.parse(urn)
            } catch {
                throw QueryParameterError(.queryParameter, parameter: parameter, "\(text): \(error.message)")
            }
            guard let key = parsed?.elementStrings.first, fixed.count == fields.count - 1 else {
                throw QueryParameterError(.queryParameter, parameter: parameter, "\(text) is not a valid EPC pattern")
            }
            let keyLength = ["8003": 14, "253": 13, "255": 13][scheme.ai] ?? key.value.count
            return .primaryKey(ai: scheme.ai, digits: String(key.value.prefix(keyLength)), offset: 0)
        }
    }
}
