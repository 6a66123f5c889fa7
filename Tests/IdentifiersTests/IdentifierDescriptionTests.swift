import Identifiers
import Testing

@Suite struct IdentifierDescriptionTests {
    @Test("the issue's example: a bracketed SGTIN with a prefix length gives key, AIs, URN and Digital Link")
    func issueExample() throws {
        let d = try IdentifierDescription.read("(01)09506000134352(21)123", prefixLengths: FixedCompanyPrefixLength(7))
        #expect(d.key == "sgtin")
        #expect(d.elementString == "(01)09506000134352(21)123")
        #expect(d.urn == "urn:epc:id:sgtin:9506000.013435.123")
        #expect(d.digitalLink() == "https://id.gs1.org/01/09506000134352/21/123")
    }

    @Test("every input form is recognised", arguments: [
        ("]d201095060001343521720122510ABC\u{1D}21123", IdentifierDescription.InputForm.barcode, "sgtin"),
        ("(01)09506000134352(10)ABC", .bracketed, "lgtin"),
        ("https://example.com/01/09506000134352", .digitalLink, "gtin"),
        ("urn:epc:id:sscc:0614141.1234567890", .urn, "sscc"),
        ("urn:epc:tag:sgtin-96:3.0614141.812345.6789", .tagURI, "sgtin"),
        ("3074257BF7194E4000001A85", .rfidHex, "sgtin"),
        ("0x3474257BF400000000BC6038", .rfidHex, "giai"),
        ("9506000134352", .plainKey, "gtin"),
        ("106141412345678908", .plainKey, "sscc"),
        ("81234567890123456789", .cnDrugCode, "cnDrugCode"),
        ("(414)0614141073467(254)1234", .bracketed, "sgln"),
        ("(414)0614141073467", .bracketed, "gln"),
        ("(8003)0401234566666387", .bracketed, "grai"),
        ("(8004)4012345AAbb", .bracketed, "giai"),
        ("(8018)401234598765400000", .bracketed, "gsrn"),
        ("(253)401234555555498", .bracketed, "gdti"),
        ("(401)4012345333", .bracketed, "ginc"),
        ("(402)40123459999876541", .bracketed, "gsin"),
        ("(255)401234599999044", .bracketed, "gcn"),
        ("(8010)4012345ABC(8011)123", .bracketed, "cpid"),
        ("urn:epc:id:gid:95100000.12345.400", .urn, "gid"),
    ])
    func forms(text: String, form: IdentifierDescription.InputForm, key: String) throws {
        let d = try IdentifierDescription.read(text)
        #expect(d.form == form)
        #expect(d.key == key)
    }

    @Test("unrecognisable text is an error that says what forms were tried")
    func unrecognisable() {
        #expect { _ = try IdentifierDescription.read("hello world") } throws: {
            "\($0)".contains("not a GS1 element string, Digital Link, EPC URN, RFID hex or China drug, pesticide or ")
        }
        #expect(throws: IdentifierError.self) { _ = try IdentifierDescription.read("") }
    }

    /// Every scheme the binary encodings hold, for the full round trip.
    static let roundTrips: [(String, EPCBinaryScheme, Int)] = [
        ("(01)80614141123458(21)6789", .sgtin96, 1),
        ("(01)80614141123458(21)A/b-7", .sgtin198, 2),
        ("(00)106141412345678908", .sscc96, 0),
        ("(414)0614141123452(254)5678", .sgln96, 3),
        ("(414)0614141123452(254)A-1", .sgln195, 3),
        ("(8003)00614141123452400", .grai96, 0),
        ("(8003)00614141123452AB-1", .grai170, 0),
        ("(8004)061414112345", .giai96, 0),
        ("(8004)0614141ASSET/7", .giai202, 5),
    ]

    @Test("element string → Digital Link → URN → binary → back gives the same data", arguments: roundTrips)
    func fullRoundTrip(elementString: String, scheme: EPCBinaryScheme, filter: Int) throws {
        // Given an element string and the company prefix length 7
        let prefix = FixedCompanyPrefixLength(7)
        let start = try IdentifierDescription.read(elementString, prefixLengths: prefix)
        // When taken to a Digital Link, then a URN, then tag hex
        let link = try #require(start.digitalLink())
        let fromLink = try #require(try EPCIdentifier.parse(link, prefixLengths: prefix))
        let urn = try #require(fromLink.urn)
        let fromURN = try #require(try EPCIdentifier.parse(urn))
        let hex = try EPCTag(epc: fromURN, scheme: scheme, filter: filter).hex()
        let tag = try EPCTag(hex: hex)
        // Then each step names the same identifier and the element string comes back
        #expect(tag.scheme == scheme)
        #expect(tag.filter == filter)
        #expect(tag.epc == fromURN)
        #expect(tag.epc.urn == urn)
        #expect(tag.epc.digitalLink() == link)
        #expect(tag.epc.elements.map(\.description).joined() == elementString)
    }

    @Test("binary encodings refuse what they cannot hold", arguments: [
        ("urn:epc:id:sgtin:0614141.812345.A1", EPCBinaryScheme.sgtin96, "number without leading zeros"),
        ("urn:epc:id:sgtin:0614141.812345.0123", .sgtin96, "number without leading zeros"),
        ("urn:epc:id:sgtin:0614141.812345.274877906944", .sgtin96, "does not fit 38 bits"),
        ("urn:epc:id:sscc:0614141.1234567890", .sgtin96, "holds sgtin, not sscc"),
    ])
    func encodingLimits(urn: String, scheme: EPCBinaryScheme, message: String) throws {
        let id = try #require(try EPCIdentifier.parse(urn))
        #expect { _ = try EPCTag(epc: id, scheme: scheme, filter: 1).hex() } throws: { "\($0)".contains(message) }
        #expect { _ = try EPCTag(epc: id, scheme: scheme, filter: 8).hex() } throws: { _ in true }
    }

    @Test("bad RFID hex names the problem", arguments: [
        ("FF74257BF7194E4000001A85", "header 0xFF"),
        ("3074257BF7194E40", "needs 96 bits"),
        ("307C257BF7194E4000001A85", "partition 7"),
    ])
    func badHex(hex: String, message: String) {
        #expect { _ = try EPCTag(hex: hex) } throws: { "\($0)".contains(message) }
    }
}
