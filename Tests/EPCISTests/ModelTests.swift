import EPCIS
import Testing

@Suite struct EPCISDateTimeTests {
    @Test("a timestamp with an offset names the UTC instant, truncated to milliseconds")
    func offsetToUTC() throws {
        let time = try #require(EPCISDateTime("2005-04-03T20:33:31.116000-06:00"))
        #expect(time.utcMillisecondText == "2005-04-04T02:33:31.116Z")
        #expect(time.utcOffsetMinutes == -360)
        #expect(time.text == "2005-04-03T20:33:31.116000-06:00")
    }

    @Test("fraction digits past the millisecond are truncated, not rounded")
    func truncation() throws {
        let time = try #require(EPCISDateTime("2020-01-01T00:00:00.9999Z"))
        #expect(time.utcMillisecondText == "2020-01-01T00:00:00.999Z")
    }

    @Test("two spellings of one instant and offset are equal")
    func equality() throws {
        #expect(EPCISDateTime("2005-04-03T20:33:31.1-06:00") == EPCISDateTime("2005-04-03T20:33:31.100-06:00"))
        #expect(EPCISDateTime("2005-04-04T02:33:31.1Z") != EPCISDateTime("2005-04-03T20:33:31.1-06:00"))
    }

    @Test(
        "timestamps without a zone, or naming no real time, are refused",
        arguments: [
            "2005-04-03T20:33:31", "2005-13-03T20:33:31Z", "2021-02-29T00:00:00Z", "2005-04-03 20:33:31Z",
            "2005-04-03T20:60:00Z", "2005-04-03T20:33:31.Z", "2005-04-03T20:33:31+15:00", "",
        ]
    )
    func refusesBadTimestamps(text: String) {
        #expect(EPCISDateTime(text) == nil)
    }

    @Test("a leap day and dates before 1970 are read")
    func calendar() throws {
        #expect(try #require(EPCISDateTime("2024-02-29T12:00:00Z")).utcMillisecondText == "2024-02-29T12:00:00.000Z")
        #expect(try #require(EPCISDateTime("1969-12-31T23:59:59.5Z")).epochSeconds == -1)
    }
}

@Suite struct CBVValueTests {
    @Test("bare word, web URI and URN of a standard term are one value")
    func spellings() throws {
        let bare = try #require(CBVValue("shipping", in: .bizStep))
        let web = try #require(CBVValue("https://ref.gs1.org/cbv/BizStep-shipping", in: .bizStep))
        let urn = try #require(CBVValue("urn:epcglobal:cbv:bizstep:shipping", in: .bizStep))
        #expect(bare == web && web == urn)
        #expect(urn.jsonValue == "shipping")
        #expect(bare.xmlValue == "urn:epcglobal:cbv:bizstep:shipping")
        #expect(bare.uri == "https://ref.gs1.org/cbv/BizStep-shipping")
    }

    @Test("a user vocabulary URI is kept as it is; an unknown bare word is refused")
    func userValues() throws {
        let user = try #require(CBVValue("https://example.com/bizstep/slaughtering", in: .bizStep))
        #expect(user.standardTerm == nil)
        #expect(user.jsonValue == "https://example.com/bizstep/slaughtering")
        #expect(CBVValue("slaughtering", in: .bizStep) == nil)
    }

    @Test("GS1 Web Vocabulary measurement types use the gs1: compact form in XML")
    func measurementTypes() throws {
        let temperature = try #require(CBVValue("gs1:Temperature", in: .measurementType))
        #expect(temperature.uri == "https://gs1.org/voc/Temperature")
        #expect(temperature.jsonValue == "Temperature")
    }
}

@Suite struct ConformanceSetTests {
    @Test("the official conformance set is where the tests look for it")
    func conformanceSetIsPresent() {
        #expect(Conformance.files(under: "gs1-EPCIS/JSON", extensions: ["jsonld"]).count >= 40)
        #expect(Conformance.files(under: "gs1-EPCIS/XML", extensions: ["xml"]).count >= 30)
    }
}
