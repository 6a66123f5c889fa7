/// The Application Identifiers this module knows, with their formats (GS1 General Specifications §3.2, the GS1
/// Barcode Syntax Dictionary). Look-ups are by the exact AI string.
public enum AIDictionary {
    /// The definition of `ai`, or nil when the AI is not known.
    /// - Parameter ai: An AI such as `01` or `3103`.
    /// - Returns: Its definition.
    public static func definition(for ai: String) -> AIDefinition? { table[ai] }

    /// Every known AI, sorted.
    public static var allAIs: [String] { table.keys.sorted() }

    /// The two-digit prefixes whose AIs have a predefined length (no FNC1 after them), with that total length
    /// (AI plus value) — GS1 General Specifications Figure 7.8.5-2.
    static let predefinedLengths: [String: Int] = [
        "00": 20, "01": 16, "02": 16, "03": 16, "04": 18, "11": 8, "12": 8, "13": 8, "14": 8, "15": 8,
        "16": 8, "17": 8, "18": 8, "19": 8, "20": 4, "31": 10, "32": 10, "33": 10, "34": 10, "35": 10,
        "36": 10, "41": 16,
    ]

    private static let table: [String: AIDefinition] = {
        var result: [String: AIDefinition] = [:]
        func add(_ ai: String, _ title: String, _ spec: String, unit: String? = nil) {
            let prefix = String(ai.prefix(2))
            result[ai] = AIDefinition(
                ai: ai, title: title, components: parseSpec(spec), unit: unit,
                isPredefinedLength: predefinedLengths[prefix] != nil)
        }
        add("00", "sscc", "N18+cd")
        add("01", "gtin", "N14+cd")
        add("02", "content", "N14+cd")
        add("10", "batch/lot", "X..20")
        add("11", "production date", "N6+date")
        add("12", "due date", "N6+date")
        add("13", "packaging date", "N6+date")
        add("15", "best before date", "N6+date")
        add("16", "sell by date", "N6+date")
        add("17", "expiry date", "N6+date")
        add("20", "variant", "N2")
        add("21", "serial number", "X..20")
        add("22", "consumer product variant", "X..20")
        add("235", "third-party controlled serialised extension", "X..28")
        add("30", "variable count", "N..8")
        add("37", "count of trade items", "N..8")
        add("240", "additional product id", "X..30")
        add("241", "customer part number", "X..30")
        add("250", "secondary serial number", "X..30")
        add("251", "reference to source entity", "X..30")
        add("253", "gdti", "N13+cd X0..17")
        add("254", "gln extension component", "X..20")
        add("255", "gcn", "N13+cd N0..12")
        for (base, title, unit) in decimalAIs {
            for places in 0...5 { add("\(base)\(places)", title, "N6", unit: unit) }
        }
        add("400", "customer purchase order number", "X..30")
        add("401", "ginc", "X..30")
        add("402", "gsin", "N17+cd")
        add("403", "routing code", "X..30")
        add("410", "ship to location", "N13+cd")
        add("411", "bill to location", "N13+cd")
        add("412", "purchased from", "N13+cd")
        add("413", "ship for location", "N13+cd")
        add("414", "location gln", "N13+cd")
        add("415", "pay to", "N13+cd")
        add("416", "production or service location", "N13+cd")
        add("417", "party gln", "N13+cd")
        add("420", "ship to postal code", "X..20")
        add("421", "ship to postal code with country", "N3+iso X..9")
        add("422", "country of origin", "N3+iso")
        add("7003", "expiry date and time", "N10+dt")
        add("7006", "first freeze date", "N6+date")
        add("7007", "harvest date", "N6..12+range")
        add("8003", "grai", "N14+zero+cd X0..16")
        add("8004", "giai", "X..30")
        add("8006", "itip", "N14+cd N2 N2")
        add("8008", "production date and time", "N8..12+dh")
        add("8010", "cpid", "Y..30")
        add("8011", "cpid serial number", "N..12")
        add("8013", "gmn", "X..25")
        add("8017", "gsrn provider", "N18+cd")
        add("8018", "gsrn recipient", "N18+cd")
        add("8019", "service relation instance number", "N..10")
        add("8020", "payment slip reference number", "X..25")
        add("90", "internal (mutually agreed)", "X..30")
        for n in 91...99 { add("\(n)", "internal", "X..90") }
        return result
    }()

    /// 310n-316n and 320n-369n: base AI, title, unit.
    private static let decimalAIs: [(String, String, String)] = [
        ("310", "net weight", "kg"), ("311", "length", "m"), ("312", "width", "m"), ("313", "height", "m"),
        ("314", "area", "m2"), ("315", "net volume", "l"), ("316", "net volume", "m3"),
        ("320", "net weight", "lb"), ("321", "length", "in"), ("322", "length", "ft"), ("323", "length", "yd"),
        ("324", "width", "in"), ("325", "width", "ft"), ("326", "width", "yd"), ("327", "height", "in"),
        ("328", "height", "ft"), ("329", "height", "yd"), ("330", "gross weight", "kg"),
        ("331", "logistic length", "m"), ("332", "logistic width", "m"), ("333", "logistic height", "m"),
        ("334", "logistic area", "m2"), ("335", "logistic volume", "l"), ("336", "logistic volume", "m3"),
        ("337", "kilograms per square metre", "kg/m2"), ("340", "gross weight", "lb"),
        ("341", "logistic length", "in"), ("342", "logistic length", "ft"), ("343", "logistic length", "yd"),
        ("344", "logistic width", "in"), ("345", "logistic width", "ft"), ("346", "logistic width", "yd"),
        ("347", "logistic height", "in"), ("348", "logistic height", "ft"), ("349", "logistic height", "yd"),
        ("350", "area", "in2"), ("351", "area", "ft2"), ("352", "area", "yd2"), ("353", "logistic area", "in2"),
        ("354", "logistic area", "ft2"), ("355", "logistic area", "yd2"), ("356", "net weight", "oz t"),
        ("357", "net volume", "oz"), ("360", "net volume", "qt"), ("361", "net volume", "gal"),
        ("362", "logistic volume", "qt"), ("363", "logistic volume", "gal"), ("364", "net volume", "in3"),
        ("365", "net volume", "ft3"), ("366", "net volume", "yd3"), ("367", "logistic volume", "in3"),
        ("368", "logistic volume", "ft3"), ("369", "logistic volume", "yd3"),
    ]

    /// Parses a compact spec such as `N13+cd X..17` or `N6..12+range`.
    private static func parseSpec(_ spec: String) -> [AIDefinition.Component] {
        spec.split(separator: " ").map { token in
            var parts = token.split(separator: "+")
            let head = parts.removeFirst()
            let charset: AIDefinition.Charset =
                switch head.first {
                case "N": .numeric
                case "Y": .cset39
                default: .cset82
                }
            let lengths = head.dropFirst()
            let minLength: Int
            let maxLength: Int
            if let range = lengths.firstRange(of: "..") {
                let low = lengths[lengths.startIndex..<range.lowerBound]
                maxLength = Int(lengths[range.upperBound...]) ?? 0
                minLength = low.isEmpty ? 1 : Int(low) ?? 1
            } else {
                minLength = Int(lengths) ?? 0
                maxLength = minLength
            }
            let rules: [AIDefinition.Rule] = parts.compactMap {
                switch $0 {
                case "cd": .checkDigit
                case "date": .date
                case "range": .dateRange
                case "dt": .dateTime
                case "dh": .dateHour
                case "iso": .country
                case "zero": .leadingZero
                default: nil
                }
            }
            return AIDefinition.Component(charset: charset, minLength: minLength, maxLength: maxLength, rules: rules)
        }
    }
}
