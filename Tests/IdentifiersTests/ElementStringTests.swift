import Identifiers
import Testing

@Suite struct ElementStringTests {
    static let gs = "\u{1D}"

    @Test("raw scans with symbology identifiers and FNC1 separators parse", arguments: [
        ("]d201095060001343521720122510ABC\u{1D}21123", ["01", "17", "10", "21"]),
        ("]C1010950600013435217201225", ["01", "17"]),
        ("]Q3010950600013435210LOT-7\u{1D}3103001500", ["01", "10", "3103"]),
        ("]e0010950600013435215201200", ["01", "15"]),
        ("\u{1D}0109506000134352\u{1D}21ABC", ["01", "21"]),
        ("00106141412345678908", ["00"]),
        ("]d2010950600013435210ABC<GS>21123", ["01", "10", "21"]),
        ("010950600013435210ABC{GS}21123", ["01", "10", "21"]),
        ("010950600013435210ABC\\x1D21123", ["01", "10", "21"]),
    ])
    func rawScans(text: String, ais: [String]) throws {
        let parsed = try ElementString(parsing: text)
        #expect(parsed.elements.map(\.ai) == ais)
    }

    @Test("bracketed form parses and formats back, and barcode data round-trips")
    func bracketedRoundTrip() throws {
        // Given a bracketed string mixing fixed and variable AIs
        let text = "(01)09506000134352(17)201225(10)ABC(21)12(3)4(400)PO-1"
        // When parsed
        let parsed = try ElementString(parsing: text)
        // Then values keep their brackets and the forms round-trip
        #expect(parsed.value(of: "21") == "12(3)4")
        #expect(parsed.bracketed == text)
        #expect(try ElementString(parsing: parsed.barcodeData) == parsed)
        #expect(parsed.barcodeData == "010950600013435217201225" + "10ABC\u{1D}2112(3)4\u{1D}400PO-1")
    }

    /// One valid example per AI family the issue lists.
    static let validFamilies: [String] = [
        "(00)106141412345678908", "(01)09506000134352", "(02)09506000134352(37)12", "(10)ABC-12/x",
        "(11)200100", "(12)201231", "(13)200229", "(15)201200", "(16)210101", "(17)201225", "(20)01",
        "(21)!\"%&'()*+,-./:;<=>?_", "(250)z!\"%&'()*+,-./:;<=>?_", "(21)Az09", "(22)CPV1", "(30)12345678", "(37)5", "(240)ADD-1", "(241)CUST",
        "(250)SEC", "(251)SRC", "(253)4012345000054987", "(253)4012345000054", "(254)EXT1", "(3100)000123",
        "(3105)123456", "(3125)000100", "(3160)000001", "(3202)000450", "(3300)001000", "(3370)000010",
        "(3402)000045", "(3500)000012", "(3560)000001", "(3570)000012", "(3600)000012", "(3615)000012",
        "(3650)000001", "(3695)999999", "(400)PO123", "(401)4012345CONS1", "(402)40123459999876541",
        "(403)ROUTE", "(410)4012345000016", "(411)4012345000016", "(412)4012345000016", "(413)4012345000016",
        "(414)4012345000016", "(415)4012345000016", "(416)4012345000016", "(417)4012345000016",
        "(420)100000", "(421)156100000", "(422)156", "(7003)2012251330", "(7006)201225", "(7007)201201",
        "(7007)201201201231", "(8003)04012345666663", "(8003)0401234566666387", "(8004)4012345AAbb",
        "(8006)040123451234560102", "(8008)20122513", "(8008)201225133059", "(8013)1987654Ad4X4bL5ttr2310c2K",
        "(8017)401234500000987658", "(8018)401234598765400000", "(8020)REF-1", "(90)INTERNAL", "(91)X",
        "(99)" + String(repeating: "9", count: 90), "(255)401234599999044", "(8010)4012345ABC#-/(8011)123",
    ]

    @Test("every AI family accepts a valid value", arguments: validFamilies)
    func validFamily(text: String) throws {
        let parsed = try ElementString(parsing: text)
        #expect(parsed.bracketed == text)
        #expect(try ElementString(parsing: parsed.barcodeData) == parsed)
    }

    /// Invalid examples with the words the error must contain.
    static let invalidFamilies: [(String, String)] = [
        ("(00)106141412345678909", "SSCC 106141412345678909: check digit should be 8"),
        ("(01)09506000134353", "GTIN 09506000134353: check digit should be 2"),
        ("(01)0950600013435", "has 13 characters, expected 14"),
        ("(02)0950600013435A", "only digits"),
        ("(10)" + String(repeating: "A", count: 21), "expected 1 to 20"),
        ("(10)AB C", "not in GS1 character set 82"),
        ("(11)201301", "month 13 is not a month"),
        ("(17)201325", "AI 17 (expiry date): month 13 is not a month"),
        ("(17)210229", "day 29 is not a day of 2021-02"),
        ("(15)201232", "day 32"),
        ("(20)1", "expected 2"),
        ("(21)", "expected 1 to 20"),
        ("(30)123456789", "expected 1 to 8"),
        ("(37)1A", "only digits"),
        ("(253)4012345000055", "GDTI 4012345000055: check digit should be 4"),
        ("(3103)12345", "expected 6"),
        ("(3300)12345A", "only digits"),
        ("(402)40123459999876540", "GSIN"),
        ("(414)4012345000017", "GLN 4012345000017: check digit should be 6"),
        ("(410)4012345000017", "check digit should be 6"),
        ("(421)000ABC", "not an ISO 3166"),
        ("(422)15", "expected 3"),
        ("(7003)2012252460", "hour 24"),
        ("(7007)201201201331", "month 13"),
        ("(8003)14012345666662", "first digit must be 0"),
        ("(8006)040123451234570102", "ITIP"),
        ("(8008)2012251", "expected 8 to 12"),
        ("(8010)4012345abc", "character set 39"),
        ("(8017)401234500000987659", "GSRNP"),
        ("(8018)401234598765400001", "GSRN 401234598765400001: check digit should be 0"),
        ("(99)" + String(repeating: "9", count: 91), "expected 1 to 90"),
        ("(23)123", "not a known GS1 Application Identifier"),
        ("0109506000134352(21)1", "no known AI"),
        ("]d2010950600013435", "has 13 characters"),
    ]

    @Test("invalid values say what is wrong and where", arguments: invalidFamilies)
    func invalidFamily(text: String, message: String) {
        #expect {
            _ = try ElementString(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("decimal AIs are numbers with units and dates are calendar dates")
    func measuresAndDates() throws {
        let parsed = try ElementString(parsing: "(3103)001500(17)201200(7006)200229")
        let weight = try #require(parsed.measure(of: "3103"))
        #expect(weight.decimalString == "1.500")
        #expect(weight.unit == "kg")
        #expect(weight.doubleValue == 1.5)
        #expect(parsed.date(of: "17")?.description == "2020-12-31")
        #expect(parsed.date(of: "7006")?.description == "2020-02-29")
    }

    @Test("the AI dictionary knows every AI the issue lists")
    func dictionaryCoverage() {
        var required = ["00", "01", "02", "10", "11", "12", "13", "15", "16", "17", "20", "21", "22", "30", "37",
                        "240", "241", "250", "251", "253", "254", "7003", "7006", "7007", "8003", "8004", "8006",
                        "8008", "8013", "8017", "8018", "8020"]
        for base in 310...316 { for n in 0...5 { required.append("\(base)\(n)") } }
        for base in 320...369 where base != 338 && base != 339 && !(358...359).contains(base) {
            for n in 0...5 { required.append("\(base)\(n)") }
        }
        required += (400...403).map(String.init) + (410...417).map(String.init) + (420...422).map(String.init)
        required += (90...99).map(String.init)
        let missing = required.filter { AIDictionary.definition(for: $0) == nil }
        #expect(missing.isEmpty, "\(missing)")
        #expect(AIDictionary.definition(for: "01")?.isPredefinedLength == true)
        #expect(AIDictionary.definition(for: "10")?.isPredefinedLength == false)
        #expect(AIDictionary.definition(for: "8003")?.isFixedLength == false)
    }
}
