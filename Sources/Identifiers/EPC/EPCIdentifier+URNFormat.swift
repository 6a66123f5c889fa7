extension EPCIdentifier {
    /// The EPC URN (pure identity, class or pattern), e.g. `urn:epc:id:sgtin:0614141.107346.2017`; nil when parsed
    /// from a Digital Link and the company prefix length is unknown.
    public var urn: String? {
        if let body = nonGS1Body { return "urn:epc:id:\(kind.rawValue):\(body)" }
        guard let length = companyPrefixLength, let first = elements.first else { return nil }
        return try? Self.urn(kind: kind, key: first.value, elements: elements, prefixLength: length)
    }

    /// The EPC URN with a company prefix length from `source` (or the one already known).
    /// - Parameter source: The prefix-length source.
    /// - Returns: The URN, or nil when the length is unknown or does not fit the key.
    public func urn(prefixLengths source: any CompanyPrefixLengthSource) -> String? {
        if let urn { return urn }
        guard let first = elements.first, let keyDigits = Self.keyDigits(kind: kind, key: first.value),
            let length = source.companyPrefixLength(forKeyDigits: keyDigits)
        else { return nil }
        return try? Self.urn(kind: kind, key: first.value, elements: elements, prefixLength: length)
    }

    /// The key digits where the company prefix starts (after a GTIN indicator, SSCC extension or GRAI's 0).
    static func keyDigits(kind: Kind, key: String) -> String? {
        switch kind {
        case .sgtin, .lgtin, .gtinClass, .upui, .itip, .sscc, .grai: String(key.dropFirst())
        case .gid, .usdod, .adi, .bic, .imovn: nil
        default: key
        }
    }

    static func urn(
        kind: Kind, key: String, elements: [AIElement], prefixLength l: Int
    ) throws(IdentifierError) -> String {
        let chars = Array(key)
        func s(_ from: Int, _ to: Int) -> String { String(chars[min(from, chars.count)..<min(to, chars.count)]) }
        func value(_ ai: String) -> String { elements.first { $0.ai == ai }?.value ?? "" }
        func esc(_ text: String) -> String { PercentEncoding.encodeURN(text) }
        /// CP.IR for a GTIN-14: indicator digit moves to the front of the item reference.
        func gtinFields() -> String { s(1, 1 + l) + "." + s(0, 1) + s(1 + l, 13) }
        let maxCP: Int =
            switch kind {
            case .sgtin, .lgtin, .gtinClass, .upui, .itip: 12
            default: 12
            }
        guard (6...maxCP).contains(l), l < chars.count else {
            throw IdentifierError(.companyPrefix, "company prefix length \(l) does not fit key \(key)")
        }
        switch kind {
        case .sgtin: return "urn:epc:id:sgtin:\(gtinFields()).\(esc(value("21")))"
        case .lgtin: return "urn:epc:class:lgtin:\(gtinFields()).\(esc(value("10")))"
        case .gtinClass: return "urn:epc:idpat:sgtin:\(gtinFields()).*"
        case .upui: return "urn:epc:id:upui:\(gtinFields()).\(esc(value("235")))"
        case .itip:
            let base = "\(gtinFields()).\(s(14, 16)).\(s(16, 18))"
            let serial = value("21")
            return serial.isEmpty ? "urn:epc:idpat:itip:\(base).*" : "urn:epc:id:itip:\(base).\(esc(serial))"
        case .sscc: return "urn:epc:id:sscc:\(s(1, 1 + l)).\(s(0, 1))\(s(1 + l, 17))"
        case .sgln:
            let ext = value("254")
            return "urn:epc:id:sgln:\(s(0, l)).\(s(l, 12)).\(ext.isEmpty ? "0" : esc(ext))"
        case .pgln: return "urn:epc:id:pgln:\(s(0, l)).\(s(l, 12))"
        case .grai:
            let serial = s(14, chars.count)
            let base = "\(s(1, 1 + l)).\(s(1 + l, 13))"
            return serial.isEmpty ? "urn:epc:idpat:grai:\(base).*" : "urn:epc:id:grai:\(base).\(esc(serial))"
        case .gdti, .sgcn:
            let serial = s(13, chars.count)
            let base = "\(s(0, l)).\(s(l, 12))"
            let scheme = kind.rawValue
            return serial.isEmpty ? "urn:epc:idpat:\(scheme):\(base).*" : "urn:epc:id:\(scheme):\(base).\(esc(serial))"
        case .giai: return "urn:epc:id:giai:\(s(0, l)).\(esc(s(l, chars.count)))"
        case .ginc: return "urn:epc:id:ginc:\(s(0, l)).\(esc(s(l, chars.count)))"
        case .gsrn: return "urn:epc:id:gsrn:\(s(0, l)).\(s(l, 17))"
        case .gsrnp: return "urn:epc:id:gsrnp:\(s(0, l)).\(s(l, 17))"
        case .gsin: return "urn:epc:id:gsin:\(s(0, l)).\(s(l, 16))"
        case .cpi:
            let serial = value("8011")
            let base = "\(s(0, l)).\(esc(s(l, chars.count)))"
            return serial.isEmpty ? "urn:epc:idpat:cpi:\(base).*" : "urn:epc:id:cpi:\(base).\(serial)"
        case .gid, .usdod, .adi, .bic, .imovn:
            throw IdentifierError(.unsupported, "\(kind.rawValue) has no GS1 key")
        }
    }
}
