import Identifiers
import Testing

@Suite struct GS1KeyTests {
    @Test("GTIN-8, -12, -13 and -14 validate and normalise to 14 digits", arguments: [
        ("96385074", "00000096385074", "96385074"),
        ("614141000036", "00614141000036", "614141000036"),
        ("9506000134352", "09506000134352", "9506000134352"),
        ("10614141073464", "10614141073464", "10614141073464"),
    ])
    func gtinForms(text: String, normalised: String, shortest: String) throws {
        let gtin = try GTIN(text)
        #expect(gtin.value == normalised)
        #expect(gtin.shortest == shortest)
    }

    @Test("a GTIN with a wrong check digit names the right one")
    func gtinCheckDigit() {
        #expect(throws: IdentifierError(.checkDigit, "GTIN 09506000134353: check digit should be 2")) {
            _ = try GTIN("09506000134353")
        }
        #expect(throws: IdentifierError.self) { _ = try GTIN("123") }
        #expect(throws: IdentifierError.self) { _ = try GTIN("0950600013435A") }
    }

    /// (kind, valid, invalid) for every key type.
    static let keys: [(GS1Key.Kind, String, String)] = [
        (.gtin, "09506000134352", "09506000134353"),
        (.sscc, "106141412345678908", "106141412345678909"),
        (.gln, "0614141073467", "0614141073468"),
        (.grai, "0401234566666387", "1401234566666387"),
        (.giai, "4012345AAbb", "4012345 AA"),
        (.gsrn, "401234598765400000", "401234598765400001"),
        (.gsrnp, "401234500000987658", "401234500000987650"),
        (.gdti, "401234555555498", "401234555555598"),
        (.ginc, "4012345333", "4012345 333"),
        (.gsin, "40123459999876541", "40123459999876542"),
        (.gcn, "401234599999044", "401234599999144"),
        (.cpid, "4012345ABC#-/", "4012345abc"),
        (.itip, "040123451234560102", "040123451234570102"),
        (.pgln, "4012345002256", "4012345002257"),
    ]

    @Test("every key type accepts a valid key and rejects an invalid one", arguments: keys)
    func keyValidation(kind: GS1Key.Kind, valid: String, invalid: String) throws {
        let key = try GS1Key(kind, valid)
        #expect(key.element.ai == kind.ai)
        #expect(GS1Key.Kind(ai: kind.ai) == kind)
        #expect(throws: IdentifierError.self) { _ = try GS1Key(kind, invalid) }
    }

    @Test("SGTIN, LGTIN and SGLN convert between URN and Digital Link")
    func serialisedForms() throws {
        let sgtin = try SGTIN(urn: "urn:epc:id:sgtin:0614141.107346.2017")
        #expect(sgtin.digitalLink() == "https://id.gs1.org/01/10614141073464/21/2017")
        #expect(sgtin.urn(prefixLengths: FixedCompanyPrefixLength(7)) == "urn:epc:id:sgtin:0614141.107346.2017")
        #expect(try SGTIN(digitalLink: "https://id.gs1.org/01/10614141073464/21/2017") == sgtin)
        let lgtin = try LGTIN(parsing: "urn:epc:class:lgtin:4012345.012345.998877")
        #expect(lgtin.digitalLink() == "https://id.gs1.org/01/04012345123456/10/998877")
        #expect(lgtin.urn(prefixLengths: FixedCompanyPrefixLength(7)) == "urn:epc:class:lgtin:4012345.012345.998877")
        let sgln = try SGLN(parsing: "urn:epc:id:sgln:0614141.07346.1234")
        #expect(sgln.digitalLink() == "https://id.gs1.org/414/0614141073467/254/1234")
        #expect(throws: IdentifierError.self) { _ = try SGTIN(urn: "urn:epc:id:sscc:0614141.1234567890") }
    }

    @Test("company prefix length tables pick the longest matching prefix")
    func prefixTable() throws {
        let table = try CompanyPrefixLengthTable(parsing: "# GCP lengths\nprefix,length\n06,6\n0614141,7\n95,8\n")
        #expect(table.companyPrefixLength(forKeyDigits: "0614141073467") == 7)
        #expect(table.companyPrefixLength(forKeyDigits: "0600000000000") == 6)
        #expect(table.companyPrefixLength(forKeyDigits: "1234567890123") == nil)
        #expect(throws: IdentifierError.self) { _ = try CompanyPrefixLengthTable(parsing: "0614141,13") }
        #expect(FixedCompanyPrefixLength(5).companyPrefixLength(forKeyDigits: "1") == nil)
    }
}
