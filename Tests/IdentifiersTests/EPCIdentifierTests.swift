import Foundation
import Identifiers
import Testing

@Suite struct EPCIdentifierTests {
    static let canonical: [(String, String)] = [
        ("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"),
        ("urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234"),
        ("urn:epc:id:sgln:0012345.11111.0", "https://id.gs1.org/414/0012345111112"),
        ("urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877"),
        ("urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908"),
        ("urn:epc:idpat:sgtin:4012345.098765.*", "https://id.gs1.org/01/04012345987652"),
        ("urn:epc:id:grai:4012345.66666.87", "https://id.gs1.org/8003/0401234566666387"),
        ("urn:epc:idpat:grai:4012345.66666.*", "https://id.gs1.org/8003/04012345666663"),
        ("urn:epc:id:giai:4012345.AAbb", "https://id.gs1.org/8004/4012345AAbb"),
        ("urn:epc:id:gsrn:4012345.9876540000", "https://id.gs1.org/8018/401234598765400000"),
        ("urn:epc:id:gsrnp:4012345.0000098765", "https://id.gs1.org/8017/401234500000987658"),
        ("urn:epc:id:gdti:4012345.55555.98", "https://id.gs1.org/253/401234555555498"),
        ("urn:epc:id:sgcn:4012345.99999.44", "https://id.gs1.org/255/401234599999044"),
        ("urn:epc:id:cpi:4012345.ABC.123", "https://id.gs1.org/8010/4012345ABC/8011/123"),
        ("urn:epc:id:ginc:4012345.333", "https://id.gs1.org/401/4012345333"),
        ("urn:epc:id:gsin:4012345.999987654", "https://id.gs1.org/402/40123459999876541"),
        ("urn:epc:id:pgln:4012345.00225", "https://id.gs1.org/417/4012345002256"),
        ("urn:epc:id:itip:4012345.012345.01.02.999", "https://id.gs1.org/8006/040123451234560102/21/999"),
        ("urn:epc:id:upui:4012345.012345.AB12", "https://id.gs1.org/01/04012345123456/235/AB12"),
        ("urn:epc:id:sgtin:4012345.012345.a%2Fb%25c", "https://id.gs1.org/01/04012345123456/21/a%2Fb%25c"),
        ("urn:epc:id:sgtin:4012345.012345.x(1)*+,:!", "https://id.gs1.org/01/04012345123456/21/x%281%29%2A%2B%2C%3A%21"),
    ]

    @Test("an EPC URN maps to the canonical Digital Link and back", arguments: canonical)
    func urnToCanonicalDigitalLink(urn: String, link: String) throws {
        // Given an EPC URN
        let id = try #require(try EPCIdentifier.parse(urn))
        // Then its canonical DL is the reference one
        #expect(id.digitalLink() == link)
        // And the DL, with the prefix length the URN implied, names the same thing and gives the URN back
        let length = try #require(id.companyPrefixLength)
        let back = try #require(try EPCIdentifier.parse(link, prefixLengths: FixedCompanyPrefixLength(length)))
        #expect(back == id)
        let expectedURN = urn.hasPrefix("urn:epc:id:sgln") && urn.hasSuffix(".0") ? urn : urn
        #expect(back.urn?.lowercased() == expectedURN.lowercased())
    }

    @Test("element strings come in Digital Link order")
    func elementStringsInOrder() throws {
        let id = try #require(try EPCIdentifier.parse("urn:epc:id:sgtin:0614141.107346.2017"))
        #expect(id.kind == .sgtin)
        #expect(id.elementStrings.map(\.ai) == ["01", "21"])
        #expect(id.elementStrings.map(\.value) == ["10614141073464", "2017"])
        #expect(id.urn == "urn:epc:id:sgtin:0614141.107346.2017")
    }

    @Test("a Digital Link on any domain with a path prefix parses; without a prefix length the URN is unknown")
    func digitalLinkAnyDomain() throws {
        let id = try #require(try EPCIdentifier.parse("http://example.com/shop/a/01/10614141073464/10/LOT/21/2017?17=201225"))
        #expect(id.kind == .sgtin)
        #expect(id.digitalLink() == "https://id.gs1.org/01/10614141073464/21/2017")
        #expect(id.digitalLink(domain: "https://x.example") == "https://x.example/01/10614141073464/21/2017")
        #expect(id.urn == nil)
        let table = try CompanyPrefixLengthTable(parsing: "prefix,length\n0614141,7\n")
        let withTable = try #require(try EPCIdentifier.parse("https://id.gs1.org/01/10614141073464/21/2017", prefixLengths: table))
        #expect(withTable.urn == "urn:epc:id:sgtin:0614141.107346.2017")
    }

    @Test("texts that are not GS1 identifiers give nil", arguments: [
        "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "http://example.com/x", "https://example.com/2019/01/report",
        "urn:epcglobal:cbv:bt:0614141073467:1152", "urn:epc:idpat:sgtin:4012345.*.*", "hello",
        "https://id.gs1.org/8013/1987654Ad4X4bL5ttr2310c2K",
    ])
    func nonGS1GivesNil(text: String) throws {
        #expect(try EPCIdentifier.parse(text) == nil)
    }

    @Test("malformed GS1 identifiers throw a message naming the place", arguments: [
        ("https://id.gs1.org/01/10614141073465/21/2017", "check digit should be 4"),
        ("https://id.gs1.org/01/10614141073464/21/2017/10/LOT", "must come before"),
        ("https://id.gs1.org/00/1234", "has 4 characters"),
        ("urn:epc:id:sgtin:0614141.10734.2017", "13 digits together"),
        ("urn:epc:id:sgtin:0614141.107346.a/b", "%-escaped"),
        ("urn:epc:id:sgtin:0614141.107346.123456789012345678901", "at most 20"),
        ("urn:epc:id:foo:1.2", "unknown EPC scheme"),
        ("urn:epc:id:sscc:061414A.1234567890", "must be digits"),
        ("urn:epc:id:sgtin:0614141.107346", "expected 3 fields"),
    ])
    func malformedThrows(text: String, fragment: String) {
        #expect {
            _ = try EPCIdentifier.parse(text)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test("gid has a URN and no Digital Link")
    func gidHasNoDigitalLink() throws {
        let id = try #require(try EPCIdentifier.parse("urn:epc:id:gid:95100000.12345.400"))
        #expect(id.kind == .gid)
        #expect(id.digitalLink() == nil)
        #expect(id.urn == "urn:epc:id:gid:95100000.12345.400")
    }
}
