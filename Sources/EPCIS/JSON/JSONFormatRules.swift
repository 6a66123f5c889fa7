/// The string formats and patterns of gs1-EPCIS/EPCIS-JSON-Schema.json, checked on bytes.
enum JSONFormatRules {
    /// `format: uri`: an absolute URI (RFC 3986): a scheme, `:`, something, and no spaces or control characters.
    static func isAbsoluteURI(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isAbsoluteURI)
    }

    /// `format: uri` on UTF-8 bytes.
    static func isAbsoluteURI(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        // The scheme: a letter, then letters, digits, '+', '-', '.'.
        guard let first = utf8.first, first | 0x20 >= 0x61 && first | 0x20 <= 0x7A else { return false }
        var i = 1
        while i < utf8.count {
            let b = utf8[i]
            if b == UInt8(ascii: ":") { break }
            let letter = b | 0x20 >= 0x61 && b | 0x20 <= 0x7A
            guard letter || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: ".")
            else { return false }
            i += 1
        }
        guard i + 1 < utf8.count else { return false }
        // The rest: no spaces, controls, or characters RFC 3986 never allows.
        for k in (i + 1)..<utf8.count where forbidden[Int(utf8[k])] { return false }
        return true
    }

    private static let forbidden: [Bool] = (0...255).map { b in
        b <= 0x20 || b == 0x7F || "\"<>\\^`{|}".utf8.contains(UInt8(b))
    }

    /// `eventTimeZoneOffset`: `^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$`.
    static func isTimeZoneOffset(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"), b[3] == UInt8(ascii: ":"),
            [1, 2, 4, 5].allSatisfy({ JSONReader.isDigit(b[$0]) })
        else { return false }
        let hours = Int(b[1] - 0x30) * 10 + Int(b[2] - 0x30)
        let minutes = Int(b[4] - 0x30) * 10 + Int(b[5] - 0x30)
        return (hours <= 13 && minutes <= 59) || (hours == 14 && minutes == 0)
    }

    /// A word of letters, digits and `_` that starts with a letter (a CBV or GS1 Web Vocabulary term's shape).
    static func isBareWord(_ text: String) -> Bool {
        guard let first = text.utf8.first, first | 0x20 >= 0x61 && first | 0x20 <= 0x7A else { return false }
        return text.utf8.allSatisfy { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || JSONReader.isDigit($0) || $0 == 0x5F }
    }

    /// Quantity `uom`: `^[A-Z0-9]{2,3}$`.
    static func isUnitCode(_ text: String) -> Bool {
        let u = text.utf8
        return (2...3).contains(u.count) && u.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || JSONReader.isDigit($0) }
    }

    /// `hexBinaryValue`: `^[A-Fa-f0-9]+$`.
    static func isHexBinary(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { JSONReader.isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }

    /// `schemaVersion`: `^\d+(\.\d+)*$`.
    static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(JSONReader.isDigit) }
    }

    /// A CBV value's spelling that JSON must not use (`vocab-other-uri`: no `urn:epcglobal:cbv…` and no
    /// `http(s)://ns.gs1.org/cbv/`; `vocab-nonGS1WebVoc-uri`: no `http(s)://(www.)gs1.org/voc/`).
    static func forbiddenCBVSpelling(_ text: String, in vocabulary: CBVVocabulary) -> Bool {
        switch vocabulary {
        case .measurementType, .sensorAlertType:
            for prefix in ["https://gs1.org/voc/", "http://gs1.org/voc/", "https://www.gs1.org/voc/", "http://www.gs1.org/voc/"]
            where text.hasPrefix(prefix) { return true }
            return false
        default:
            return text.hasPrefix("urn:epcglobal:cbv") || text.hasPrefix("https://ns.gs1.org/cbv/")
                || text.hasPrefix("http://ns.gs1.org/cbv/")
        }
    }
}
