extension EPCIdentifier {
    /// Parses `urn:epc:id|class|idpat:<scheme>:<body>` (TDS 2.x §6, §8 and §13).
    static func parseURN(_ text: String) throws(IdentifierError) -> EPCIdentifier? {
        let parts = text.dropFirst("urn:epc:".count).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw IdentifierError(.syntax, "\(text): an EPC URN has the form urn:epc:id:<scheme>:<fields>")
        }
        let form = parts[0]
        let scheme = String(parts[1])
        var body = parts[2]
        if let query = body.firstIndex(of: "?") { body = body[..<query] }
        let place = "urn:epc:\(form):\(scheme)"
        switch form {
        case "id":
            return try parsePureIdentity(scheme: scheme, body: body, place: place)
        case "class":
            guard scheme == "lgtin" else {
                throw IdentifierError(.unknownScheme, "\(place): unknown EPC class scheme '\(scheme)' (known: lgtin)")
            }
            let f = try URNFields(body, count: 3, place: place)
            let gtin = try f.gtin()
            let lot = try f.text(2, ai: "10", name: "lot")
            return EPCIdentifier(
                kind: .lgtin, elements: [.init(ai: "01", value: gtin), .init(ai: "10", value: lot)],
                companyPrefixLength: f.prefixLength)
        case "idpat":
            return try parsePattern(scheme: scheme, body: body, place: place)
        case "tag", "raw":
            return nil
        default:
            throw IdentifierError(.syntax, "\(text): 'urn:epc:\(form)' is not an EPC URN form (id, class, idpat)")
        }
    }

    private static func parsePureIdentity(
        scheme: String, body: Substring, place: String
    ) throws(IdentifierError) -> EPCIdentifier {
        func make(_ kind: Kind, _ f: URNFields, _ elements: [(String, String)]) -> EPCIdentifier {
            EPCIdentifier(
                kind: kind, elements: elements.map { AIElement(ai: $0.0, value: $0.1) },
                companyPrefixLength: f.prefixLength)
        }
        switch scheme {
        case "sgtin":
            let f = try URNFields(body, count: 3, place: place)
            return make(.sgtin, f, [("01", try f.gtin()), ("21", try f.text(2, ai: "21", name: "serial"))])
        case "sscc":
            let f = try URNFields(body, count: 2, place: place)
            return make(.sscc, f, [("00", try f.numericKey(total: 17, extensionFirst: true, name: "serial reference"))])
        case "sgln":
            let f = try URNFields(body, count: 3, place: place)
            let gln = try f.numericKey(total: 12, name: "location reference")
            let ext = try f.text(2, ai: "254", name: "extension")
            return make(.sgln, f, ext == "0" ? [("414", gln)] : [("414", gln), ("254", ext)])
        case "grai":
            let f = try URNFields(body, count: 3, place: place)
            let key = try f.numericKey(total: 12, name: "asset type", leadingZero: true)
            let serial = try f.text(2, ai: "8003", name: "serial", maxLength: 16)
            return make(.grai, f, [("8003", key + serial)])
        case "giai":
            let f = try URNFields(body, count: 2, place: place)
            let value = try f.text(1, ai: "8004", name: "asset reference", maxLength: 30 - f.prefixLength)
            return make(.giai, f, [("8004", f.companyPrefix + value)])
        case "gsrn", "gsrnp":
            let f = try URNFields(body, count: 2, place: place)
            let key = try f.numericKey(total: 17, name: "service reference")
            return make(scheme == "gsrn" ? .gsrn : .gsrnp, f, [(scheme == "gsrn" ? "8018" : "8017", key)])
        case "gdti", "sgcn":
            let f = try URNFields(body, count: 3, place: place)
            let key = try f.numericKey(total: 12, name: scheme == "gdti" ? "document type" : "coupon reference")
            let ai = scheme == "gdti" ? "253" : "255"
            let serial = try f.text(2, ai: ai, name: "serial", maxLength: scheme == "gdti" ? 17 : 12)
            if scheme == "sgcn", !serial.isAllDigits {
                throw IdentifierError(.characterSet, "\(place): serial '\(serial)' must be digits")
            }
            return make(scheme == "gdti" ? .gdti : .sgcn, f, [(ai, key + serial)])
        case "cpi":
            let f = try URNFields(body, count: 3, place: place)
            let ref = try f.text(1, ai: "8010", name: "component/part reference", maxLength: 30 - f.prefixLength)
            let serial = try f.text(2, ai: "8011", name: "serial")
            return make(.cpi, f, [("8010", f.companyPrefix + ref), ("8011", serial)])
        case "ginc":
            let f = try URNFields(body, count: 2, place: place)
            let ref = try f.text(1, ai: "401", name: "consignment reference", maxLength: 30 - f.prefixLength)
            return make(.ginc, f, [("401", f.companyPrefix + ref)])
        case "gsin":
            let f = try URNFields(body, count: 2, place: place)
            return make(.gsin, f, [("402", try f.numericKey(total: 16, name: "shipper reference"))])
        case "pgln":
            let f = try URNFields(body, count: 2, place: place)
            return make(.pgln, f, [("417", try f.numericKey(total: 12, name: "party reference"))])
        case "itip":
            let f = try URNFields(body, count: 5, place: place)
            let gtin = try f.gtin()
            let piece = try f.digits(2, length: 2, name: "piece")
            let total = try f.digits(3, length: 2, name: "total")
            let serial = try f.text(4, ai: "21", name: "serial")
            return make(.itip, f, [("8006", gtin + piece + total), ("21", serial)])
        case "upui":
            let f = try URNFields(body, count: 3, place: place)
            return make(.upui, f, [("01", try f.gtin()), ("235", try f.text(2, ai: "235", name: "TPX"))])
        case "gid", "usdod", "adi", "bic", "imovn":
            return try parseNonGS1(scheme: scheme, body: body, place: place)
        default:
            throw IdentifierError(.unknownScheme, "\(place): unknown EPC scheme '\(scheme)'")
        }
    }

    private static func parsePattern(
        scheme: String, body: Substring, place: String
    ) throws(IdentifierError) -> EPCIdentifier? {
        // Only patterns whose wildcard is the last field name one Digital Link; wider ones are left as they are.
        guard body.hasSuffix(".*") else {
            throw IdentifierError(.syntax, "\(place):\(body): a pattern's last field must be '*'")
        }
        let fixed = body.dropLast(2)
        if fixed.utf8.contains(UInt8(ascii: "*")) { return nil }
        func make(_ kind: Kind, _ f: URNFields, _ ai: String, _ value: String) -> EPCIdentifier {
            EPCIdentifier(kind: kind, elements: [AIElement(ai: ai, value: value)], companyPrefixLength: f.prefixLength)
        }
        switch scheme {
        case "sgtin":
            let f = try URNFields(fixed, count: 2, place: place)
            return make(.gtinClass, f, "01", try f.gtin())
        case "grai":
            let f = try URNFields(fixed, count: 2, place: place)
            return make(.grai, f, "8003", try f.numericKey(total: 12, name: "asset type", leadingZero: true))
        case "gdti", "sgcn":
            let f = try URNFields(fixed, count: 2, place: place)
            let key = try f.numericKey(total: 12, name: "reference")
            return make(scheme == "gdti" ? .gdti : .sgcn, f, scheme == "gdti" ? "253" : "255", key)
        case "cpi":
            let f = try URNFields(fixed, count: 2, place: place)
            let ref = try f.text(1, ai: "8010", name: "component/part reference", maxLength: 30 - f.prefixLength)
            return make(.cpi, f, "8010", f.companyPrefix + ref)
        case "itip":
            let f = try URNFields(fixed, count: 4, place: place)
            let value = try f.gtin() + f.digits(2, length: 2, name: "piece") + f.digits(3, length: 2, name: "total")
            return make(.itip, f, "8006", value)
        default:
            return nil
        }
    }

    private static func parseNonGS1(
        scheme: String, body: Substring, place: String
    ) throws(IdentifierError) -> EPCIdentifier {
        let kind = Kind(rawValue: scheme) ?? .gid
        if scheme == "gid" {
            let fields = body.split(separator: ".", omittingEmptySubsequences: false)
            guard fields.count == 3, fields.allSatisfy({ $0.isAllDigits }) else {
                throw IdentifierError(.syntax, "\(place):\(body): expected three decimal fields manager.class.serial")
            }
            for (field, name) in zip(fields, ["manager number", "object class", "serial"]) where field.count > 1 {
                if field.first == "0" {
                    throw IdentifierError(.syntax, "\(place): \(name) '\(field)' must not have leading zeros")
                }
            }
        } else if body.isEmpty {
            throw IdentifierError(.empty, "\(place): the identifier is empty")
        }
        return EPCIdentifier(kind: kind, elements: [], companyPrefixLength: nil, nonGS1Body: String(body))
    }
}
