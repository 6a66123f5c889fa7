import Identifiers
import Testing

/// The pesticide label and veterinary drug codes, and the URIs that carry China codes in events, on codes written
/// by hand from the published structures.
@Suite struct ChinaAgriculturalCodeTests {
    // 1 = PD registration, 080005 = PD20080005's last six digits, 1 = own production, 001 = specification,
    // then 21 random digits.
    static let pesticide = "10800051001123456789012345678901"
    // Applied for on 2024-03-15 by enterprise 00123, then 11 random digits.
    static let veterinaryDrug = "202403150012345678901234"

    @Test("a 32-digit pesticide code splits into class, registration digits, production type, specification and random code")
    func pesticideFields() throws {
        // Given a code written with the spaces a label prints between groups
        let code = try ChinaPesticideCode("1 080005 1 001 123456789012345678901")
        // Then every field is named
        #expect(code.value == Self.pesticide)
        #expect(code.registrationClass == 1)
        #expect(code.registrationClassName == "PD (registration)")
        #expect(code.registrationNumberDigits == "080005")
        #expect(code.productionType == 1)
        #expect(code.productionTypeName == "own production")
        #expect(code.specificationCode == "001")
        #expect(code.randomCode == "123456789012345678901")
        #expect(code.productPrefix == "10800051001")
    }

    @Test("the other registration classes and production types are read", arguments: [
        ("21500122250777777777777777777777", 2, 2, "contract processing"),
        ("30715733100000000000000000000000", 3, 3, "contract packing"),
    ])
    func pesticideClasses(text: String, registrationClass: Int, productionType: Int, name: String) throws {
        let code = try ChinaPesticideCode(text)
        #expect(code.registrationClass == registrationClass)
        #expect(code.productionType == productionType)
        #expect(code.productionTypeName == name)
    }

    @Test("a pesticide code agrees with the registration number it was made from")
    func pesticideRegistrationNumber() throws {
        let code = try ChinaPesticideCode(Self.pesticide)
        #expect(code.matches(registrationNumber: "PD20080005"))
        #expect(code.matches(registrationNumber: "pd20080005"))
        #expect(!code.matches(registrationNumber: "WP20080005"))
        #expect(!code.matches(registrationNumber: "PD20080006"))
        #expect(!code.matches(registrationNumber: "PD2008"))
    }

    /// The valid pesticide code with digit `position` (from 1) replaced.
    static func pesticideChanging(_ position: Int, to character: Character) -> String {
        var characters = Array(pesticide)
        characters[position - 1] = character
        return String(characters)
    }

    static let malformedPesticides: [(String, String)] = [
        (String(pesticide.dropLast()), "has 31 digits, expected 32"),
        (pesticide + "1", "has 33 digits, expected 32"),
        (pesticideChanging(1, to: "4"), "digit 1 (registration class) must be 1 (PD), 2 (WP) or 3 (temporary), found 4"),
        (pesticideChanging(1, to: "0"), "digit 1 (registration class)"),
        (pesticideChanging(8, to: "0"), "digit 8 (production type) must be 1"),
        (pesticideChanging(8, to: "4"), "found 4"),
        (pesticideChanging(12, to: "X"), "character 'X' at position 12 is not a digit"),
    ]

    @Test("malformed pesticide codes name the digit position and the rule", arguments: malformedPesticides)
    func pesticideMalformed(text: String, message: String) {
        #expect { _ = try ChinaPesticideCode(text) } throws: { "\($0)".contains(message) }
    }

    @Test("a 24-digit veterinary drug code splits into application date, enterprise and random digits")
    func veterinaryDrugFields() throws {
        let code = try ChinaVeterinaryDrugCode(Self.veterinaryDrug)
        #expect(code.applicationDate == "2024-03-15")
        #expect(code.applicationDateParts == (2024, 3, 15))
        #expect(code.enterpriseID == "00123")
        #expect(code.randomCode == "45678901234")
        // A leap day is a day
        #expect(throws: Never.self) { _ = try ChinaVeterinaryDrugCode("202402290012345678901234") }
    }

    static let malformedVeterinaryDrugs: [(String, String)] = [
        (String(veterinaryDrug.dropLast()), "has 23 digits, expected 24"),
        ("199912310012345678901234", "digits 1-4 (application year) must be a year 2000-2099, found 1999"),
        ("202413150012345678901234", "digits 5-6 (application month) must be 01-12, found 13"),
        ("202400150012345678901234", "digits 5-6 (application month) must be 01-12, found 00"),
        ("202302290012345678901234", "digits 7-8 (application day) 29 is not a day of 2023-02"),
        ("202404310012345678901234", "digits 7-8 (application day) 31 is not a day of 2024-04"),
        ("202403000012345678901234", "digits 7-8 (application day) 00"),
        ("2024031500123456789O1234", "character 'O' at position 20 is not a digit"),
    ]

    @Test("malformed veterinary drug codes name the digit positions and the rule", arguments: malformedVeterinaryDrugs)
    func veterinaryDrugMalformed(text: String, message: String) {
        #expect { _ = try ChinaVeterinaryDrugCode(text) } throws: { "\($0)".contains(message) }
    }

    @Test("China codes have URIs under id.suyuan.org and read back from them")
    func uris() throws {
        let pesticide = try #require(try ChinaTraceCode.parse(uri: "https://id.suyuan.org/cn/pesticide/" + Self.pesticide))
        #expect(pesticide.kind == .pesticide)
        #expect(pesticide.digits == Self.pesticide)
        #expect(pesticide.uri == "https://id.suyuan.org/cn/pesticide/" + Self.pesticide)
        let veterinary = try #require(try ChinaTraceCode.parse(uri: "https://id.suyuan.org/cn/vetdrug/" + Self.veterinaryDrug))
        #expect(veterinary == .veterinaryDrug(try ChinaVeterinaryDrugCode(Self.veterinaryDrug)))
        let drug = try #require(try ChinaTraceCode.parse(uri: "https://id.suyuan.org/cn/drug/81234567890123456789"))
        #expect(drug.kind == .drug)
        // Other URIs are no China code
        #expect(try ChinaTraceCode.parse(uri: "https://id.gs1.org/01/09506000134352/21/1") == nil)
        #expect(try ChinaTraceCode.parse(uri: "urn:epc:id:sgtin:9506000.013435.1") == nil)
        #expect(ChinaTraceCode.kind(ofBareCode: Self.pesticide) == .pesticide)
        #expect(ChinaTraceCode.kind(ofBareCode: Self.veterinaryDrug) == .veterinaryDrug)
        #expect(ChinaTraceCode.kind(ofBareCode: "12345") == nil)
    }

    static let badURIs: [(String, String)] = [
        ("https://id.suyuan.org/cn/seed/123", "kind one of drug, pesticide, vetdrug"),
        ("https://id.suyuan.org/cn/pesticide", "kind one of drug, pesticide, vetdrug"),
        ("https://id.suyuan.org/cn/pesticide/" + pesticide + "/x", "kind one of"),
        ("https://id.suyuan.org/cn/pesticide/1-080005", "character '-' at position 2 is not a digit"),
        ("https://id.suyuan.org/cn/pesticide/" + pesticideChanging(1, to: "5"), "digit 1 (registration class)"),
        ("https://id.suyuan.org/cn/vetdrug/202413010012345678901234", "digits 5-6 (application month)"),
        ("https://id.suyuan.org/cn/drug/80234567890123456789", "digit 2 (code level)"),
    ]

    @Test("a URI under id.suyuan.org/cn/ that is no valid code says what is wrong", arguments: badURIs)
    func malformedURIs(uri: String, message: String) {
        #expect { _ = try ChinaTraceCode.parse(uri: uri) } throws: { "\($0)".contains(message) }
    }

    static let describedInputs: [(String, IdentifierDescription.InputForm, String)] = [
        (pesticide, .cnPesticideCode, "cnPesticideCode"),
        (veterinaryDrug, .cnVeterinaryDrugCode, "cnVeterinaryDrugCode"),
        ("https://id.suyuan.org/cn/pesticide/" + pesticide, .cnCodeURI, "cnPesticideCode"),
        ("https://id.suyuan.org/cn/vetdrug/" + veterinaryDrug, .cnCodeURI, "cnVeterinaryDrugCode"),
        ("https://id.suyuan.org/cn/drug/81234567890123456789", .cnCodeURI, "cnDrugCode"),
    ]

    @Test("describe reads bare pesticide and veterinary drug codes and China code URIs", arguments: describedInputs)
    func describe(text: String, form: IdentifierDescription.InputForm, key: String) throws {
        let description = try IdentifierDescription.read(text)
        #expect(description.form == form)
        #expect(description.key == key)
        let code = try #require(description.chinaTraceCode)
        #expect(text.hasSuffix(code.digits))
        #expect(description.digitalLink() == nil)
    }

    @Test("describe gives a malformed pesticide or veterinary drug code's own error", arguments: [
        (pesticideChanging(1, to: "4"), "digit 1 (registration class)"),
        ("202413150012345678901234", "digits 5-6 (application month)"),
    ])
    func describeMalformed(text: String, message: String) {
        #expect { _ = try IdentifierDescription.read(text) } throws: { "\($0)".contains(message) }
    }

    @Test("24 and 32 digits that are GS1 element strings are still read as GS1")
    func gs1NotTakenForChinaCodes() throws {
        // (01) GTIN (21) six-digit serial: 24 digits starting with 0
        let sgtin = try IdentifierDescription.read("010950600013435221123456")
        #expect(sgtin.key == "sgtin")
        // (01) GTIN (21) fourteen-digit serial: 32 digits starting with 0
        let long = try IdentifierDescription.read("01095060001343522112345678901234")
        #expect(long.key == "sgtin")
    }
}
