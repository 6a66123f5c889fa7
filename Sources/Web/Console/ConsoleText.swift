import EPCIS
public import Foundation

/// How the console writes what its pages show: times and days in China time, finding kinds and licence statuses
/// from the catalog, parties and places by their master data names in the reader's language.
public enum ConsoleText {
    /// The console's time zone, in minutes east of UTC: China time (UTC+8), where its regulators work. Days on
    /// the dashboard are counted in it.
    public static let offsetMinutes = 480

    /// A time, to the minute, in China time.
    /// - Parameters:
    ///   - date: the instant.
    ///   - catalog: the reader's catalog.
    public static func time(_ date: Date, _ catalog: MessageCatalog) -> String {
        LocalTime(date, offsetMinutes: offsetMinutes).minute(catalog)
    }

    /// A day (whole days since 1970-01-01 in China time), as the catalog writes days.
    /// - Parameters:
    ///   - day: the day's number.
    ///   - catalog: the reader's catalog.
    public static func day(_ day: Int, _ catalog: MessageCatalog) -> String {
        LocalTime(start(of: day), offsetMinutes: offsetMinutes).day(catalog)
    }

    /// A day as a chart's axis writes it: `3/1`.
    static func shortDay(_ day: Int) -> String {
        let civil = EPCISDateTime.civil(fromDays: day)
        return "\(civil.month)/\(civil.day)"
    }

    /// The day (in China time) an instant falls on.
    public static func day(of date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + Double(offsetMinutes) * 60) / 86_400).rounded(.down))
    }

    /// The instant a day (in China time) starts.
    public static func start(of day: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400 - Double(offsetMinutes) * 60)
    }

    /// A finding kind's label: the catalog's `console.findingKinds.<kind>`, else the kind's raw value made readable
    /// (`farmInputMisuse` → "Farm input misuse"), so that a kind added without a message still reads.
    /// - Parameters:
    ///   - kind: the kind's raw value.
    ///   - catalog: the reader's catalog.
    public static func kind(_ kind: String, _ catalog: MessageCatalog) -> String {
        catalog.message("console.findingKinds.\(kind)") ?? readable(kind)
    }

    /// A lowerCamel name as words: `farmInputMisuse` → "Farm input misuse".
    public static func readable(_ name: String) -> String {
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty { words += " " + character.lowercased() } else {
                words.append(character)
            }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A party's or place's name in the reader's language, else its readable key; `fallback` when there is none.
    static func name(_ name: ConsumerStory.Name?, _ catalog: MessageCatalog, fallback: String = "") -> String {
        name?.text(catalog) ?? fallback
    }

    /// A quantity with its unit: `12.500 KGM`.
    static func quantity(_ value: Double, _ uom: String?) -> String {
        String(format: "%.3f", value) + (uom.map { $0.isEmpty ? "" : " " + $0 } ?? "")
    }

    /// A licence status's label from the catalog, else the status itself.
    static func status(_ status: String, _ catalog: MessageCatalog) -> String {
        catalog.message("console.parties.statuses.\(status)") ?? status
    }

    /// A URL query of name/value pairs, every character but letters, digits and `-._~` percent-encoded (so that a
    /// key's URL is no readable URL in a link either).
    static func query(_ items: [(String, String)]) -> String {
        items.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "-._~")
        .union(CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// The console page of a code.
    static func traceHref(_ key: String) -> String { "/console/trace?" + query([("id", key)]) }
}
