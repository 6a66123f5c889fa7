import EPCIS
import Foundation
import Testing

/// China drug, pesticide and veterinary drug codes in events: their URIs are recognised and checked digit by
/// digit, and a malformed one is a diagnostic at its JSON pointer that names the rule.
@Suite struct ValidationChinaCodeTests {
    typealias F = ValidationFixtures

    static let pesticide = "https://id.suyuan.org/cn/pesticide/10800051001123456789012345678901"
    static let pesticideCase = "https://id.suyuan.org/cn/pesticide/10800051001999999999999999999999"
    static let veterinaryDrug = "https://id.suyuan.org/cn/vetdrug/202403150012345678901234"
    static let drug = "https://id.suyuan.org/cn/drug/81234567890123456789"

    @Test("valid pesticide, veterinary drug and drug codes are accepted as instances")
    func validCodesAccepted() {
        // Given an inner/outer package link (AggregationEvent) and an ObjectEvent of all three kinds
        var aggregation = F.aggregationEvent()
        aggregation.parentID = IdentifierURI(Self.pesticideCase)
        aggregation.childEPCs = [IdentifierURI(Self.pesticide)]
        var object = F.objectEvent()
        object.epcList = [IdentifierURI(Self.pesticide), IdentifierURI(Self.veterinaryDrug), IdentifierURI(Self.drug)]
        // Then no diagnostic
        #expect(F.validate(aggregation).isEmpty)
        #expect(F.validate(object).isEmpty)
    }

    static let malformed: [(String, String)] = [
        ("https://id.suyuan.org/cn/pesticide/40800051001123456789012345678901", "digit 1 (registration class)"),
        ("https://id.suyuan.org/cn/pesticide/10800050001123456789012345678901", "digit 8 (production type)"),
        ("https://id.suyuan.org/cn/pesticide/1080005100112345678901234567890", "has 31 digits, expected 32"),
        ("https://id.suyuan.org/cn/vetdrug/202302290012345678901234", "digits 7-8 (application day)"),
        ("https://id.suyuan.org/cn/vetdrug/202403150012345678901", "has 21 digits, expected 24"),
        ("https://id.suyuan.org/cn/drug/80234567890123456789", "digit 2 (code level)"),
        ("https://id.suyuan.org/cn/fertiliser/123", "kind one of drug, pesticide, vetdrug"),
    ]

    @Test("a malformed China code in an event is an error at its pointer naming the digit and the rule", arguments: malformed)
    func malformedCodeRefused(uri: String, rule: String) {
        // Given an event whose second EPC is the malformed code
        var event = F.objectEvent()
        event.epcList = [IdentifierURI(Self.pesticide), IdentifierURI(uri)]
        // When validated
        let errors = F.errors(event)
        // Then one error, at the code's pointer, with the rule
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/epcList/1"])
        #expect(errors.first?.message.contains("invalid China code") == true)
        #expect(errors.first?.message.contains(rule) == true, "\(errors)")
    }

    @Test("a China code names one sales unit: not a class, a location or a party")
    func roleChecked() {
        // Given a pesticide code as an epcClass and as a bizLocation
        var event = F.objectEvent()
        event.quantityList = [QuantityElement(epcClass: IdentifierURI(Self.pesticide), quantity: 1)]
        event.bizLocation = LocationReference(id: IdentifierURI(Self.veterinaryDrug))
        // Then both are refused with their rule
        let errors = F.errors(event)
        #expect(
            errors.map(\.location) == [
                "/epcisBody/eventList/0/bizLocation/id", "/epcisBody/eventList/0/quantityList/0/epcClass",
            ])
        #expect(errors.contains { $0.message.contains("epcClass must be a class") && $0.message.contains("pesticide code") })
        #expect(errors.contains { $0.message.contains("location must be a location") })
    }

    @Test("a bare code where a URI belongs is refused with the URI it should have been")
    func bareCodeHint() {
        var event = F.objectEvent()
        event.epcList = ["10800051001123456789012345678901"]
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/epcList/0"])
        #expect(errors.first?.message.contains("https://id.suyuan.org/cn/pesticide/<digits>") == true)
    }

    @Test("a JSON document with a malformed pesticide code is refused at the code's JSON pointer")
    func documentPointer() {
        // Given a document whose second event aggregates a malformed pesticide code
        let good = """
            {"type": "ObjectEvent", "eventTime": "2026-11-20T08:00:00Z", "eventTimeZoneOffset": "+08:00",
             "action": "ADD", "bizStep": "commissioning", "epcList": ["\(Self.pesticide)"]}
            """
        let bad = """
            {"type": "AggregationEvent", "eventTime": "2026-11-20T08:05:00Z", "eventTimeZoneOffset": "+08:00",
             "action": "ADD", "bizStep": "packing", "parentID": "\(Self.pesticideCase)",
             "childEPCs": ["\(Self.pesticide)", "https://id.suyuan.org/cn/pesticide/10800054001123456789012345678901"]}
            """
        let data = ValidationPipelineTests.document(good + "," + bad)
        // When checked
        let result = F.validator.check(data)
        // Then
        #expect(!result.accepted)
        #expect(result.errors.map(\.location) == ["/epcisBody/eventList/1/childEPCs/1"])
        #expect(result.errors.first?.message.contains("digit 8 (production type)") == true)
    }
}
