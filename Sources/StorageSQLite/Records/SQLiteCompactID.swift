import Foundation
import GRDB

/// How `event.hash` and `event.event_id` hold an event's hash ID and event ID: as the bytes the text spells when it
/// has one of the two forms nearly every event has, else as the text itself (docs/decisions/0026-compact-sqlite.md).
///
/// - `ni:///sha-256;<64 lower-case hex digits>?ver=CBV2.0` (every hash ID ``EPCIS/EventHasher`` writes): the 32
///   digest bytes, a BLOB, instead of 89 bytes of text;
/// - `urn:uuid:<8-4-4-4-12 lower-case hex digits>` (what most capturing applications supply): the 16 bytes, a BLOB,
///   instead of 45;
/// - any other text: TEXT, as it is.
///
/// The length of a BLOB says which form it is, and SQLite never finds a BLOB equal to a TEXT, so a look-up binds the
/// stored form of the text it looks for (``value(_:)``) and finds exactly the rows whose text is that text.
enum SQLiteCompactID {
    static let hashPrefix = "ni:///sha-256;"
    static let hashSuffix = "?ver=CBV2.0"
    static let uuidPrefix = "urn:uuid:"

    /// The stored form of an ID's text (also what a look-up binds).
    static func value(_ text: String) -> DatabaseValue {
        bytes(text).map { Data($0).databaseValue } ?? text.databaseValue
    }

    /// The text a stored form stands for; nil for a value no ID has (NULL, a number, a BLOB of another length).
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .blob(let data) where data.count == 32:
            return hashPrefix + hex(data) + hashSuffix
        case .blob(let data) where data.count == 16:
            let digits = Array(hex(data))
            var text = uuidPrefix
            for (index, digit) in digits.enumerated() {
                if [8, 12, 16, 20].contains(index) { text.append("-") }
                text.append(digit)
            }
            return text
        case .string(let text):
            return text
        default:
            return nil
        }
    }

    /// The condition that `column` (`event.hash`) holds the stored form bound as `parameter` (`?1`), through the
    /// index `event_hash`, which holds only the first 8 bytes of each hash: a random 32-byte key made that index one
    /// of the largest of the store, while a probe meets another hash with the same 8 bytes with a chance of n/2⁶⁴
    /// (one in 900 million at 20 billion events), and the full comparison settles it.
    static func hashMatch(_ column: String, _ parameter: String) -> String {
        "(substr(\(column), 1, 8) = substr(\(parameter), 1, 8) AND \(column) = \(parameter))"
    }

    /// SQL that turns the column `column` back into the ID's text, for statements and scripts (the `sqlite3` shell)
    /// that hand it on as text.
    static func textSQL(_ column: String) -> String {
        let digits = "lower(hex(\(column)))"
        return """
            (CASE WHEN typeof(\(column)) <> 'blob' THEN \(column) \
            WHEN length(\(column)) = 32 THEN '\(hashPrefix)' || \(digits) || '\(hashSuffix)' \
            ELSE '\(uuidPrefix)' || substr(\(digits), 1, 8) || '-' || substr(\(digits), 9, 4) || '-' \
            || substr(\(digits), 13, 4) || '-' || substr(\(digits), 17, 4) || '-' || substr(\(digits), 21, 12) END)
            """
    }

    /// The bytes of a text of one of the two forms, else nil.
    private static func bytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        let (prefix, suffix) = (hashPrefix.utf8.count, hashSuffix.utf8.count)
        if utf8.count == prefix + 64 + suffix, utf8.starts(with: hashPrefix.utf8),
            utf8.suffix(suffix).elementsEqual(hashSuffix.utf8)
        {
            return decode(utf8[prefix..<(prefix + 64)])
        }
        if utf8.count == uuidPrefix.utf8.count + 36, utf8.starts(with: uuidPrefix.utf8) {
            let body = utf8[uuidPrefix.utf8.count...]
            let dashes = [8, 13, 18, 23].map { body[body.startIndex + $0] }
            guard dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            let digits = body.filter { $0 != UInt8(ascii: "-") }
            guard let bytes = decode(digits[...]), bytes.count == 16 else { return nil }
            return bytes
        }
        return nil
    }

    /// Lower-case hex digits to bytes; nil for anything else (an upper-case digit would not give the text back).
    private static func decode(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static let hexDigits: [String] = (0..<256).map { String(format: "%02x", $0) }

    private static func hex(_ data: Data) -> String { data.map { hexDigits[Int($0)] }.joined() }
}
