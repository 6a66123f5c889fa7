import EPCIS
import Testing

@Suite struct ValidationIdentifierTests {
    typealias F = ValidationFixtures

    @Test("a Digital Link with a wrong check digit is refused at its pointer")
    func wrongCheckDigitRefused() {
        // Given an epcList with a valid and an invalid GTIN check digit
        var event = F.objectEvent()
        event.epcList = ["https://id.gs1.org/01/09521141012345/21/1", "https://id.gs1.org/01/09521141012346/21/1"]
        // When validated
        let errors = F.errors(event)
        // Then only the second is refused, with the rule named
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/epcList/1"])
        #expect(errors.first?.message.contains("invalid GS1 identifier") == true)
    }

    @Test("an identifier that is not a URI is refused")
    func nonURIRefused() {
        // Given a childEPC that is plain text
        var event = F.aggregationEvent()
        event.childEPCs = ["box 12"]
        // Then
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/childEPCs/0"])
        #expect(errors.first?.message.contains("must be a URI") == true)
    }

    @Test("a non-GS1 URI is accepted as an identifier")
    func nonGS1URIAccepted() {
        // Given a UUID URN and an http URI
        var event = F.objectEvent()
        event.epcList = ["urn:uuid:6926712e-599f-4c4e-b6e9-8dd888c906bd", "http://example.com/objects/1"]
        // Then no error
        #expect(F.errors(event).isEmpty)
    }

    @Test("a class in epcList is refused: it belongs in quantityList")
    func classInEPCListRefused() {
        // Given an LGTIN and a GTIN pattern in epcList
        var event = F.objectEvent()
        event.epcList = [F.lgtin, "urn:epc:idpat:sgtin:4012345.098765.*"]
        // Then both are named
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/epcList/0", "/epcisBody/eventList/0/epcList/1"])
        #expect(errors.allSatisfy { $0.message.contains("instance-level identifier required") })
    }

    @Test("a quantity's epcClass must be a class, not an instance")
    func instanceAsClassRefused() {
        // Given a quantity of an SGTIN
        var event = F.objectEvent()
        event.quantityList = [QuantityElement(epcClass: F.sgtin, quantity: 1)]
        // Then
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/quantityList/0/epcClass"])
        #expect(errors.first?.message.contains("epcClass must be a class") == true)
        // And an LGTIN, a GTIN pattern and a Digital Link /01/ are classes
        event.quantityList = [
            QuantityElement(epcClass: F.lgtin, quantity: 1),
            QuantityElement(epcClass: "urn:epc:idpat:sgtin:4012345.098765.*", quantity: 2),
            QuantityElement(epcClass: "https://id.gs1.org/01/09521141012345/10/LOT1", quantity: 3),
            QuantityElement(epcClass: "https://id.gs1.org/01/09521141012345", quantity: 4),
        ]
        #expect(F.errors(event).isEmpty)
    }

    @Test("readPoint and bizLocation must be locations, not trade items")
    func locationRoleChecked() {
        // Given a readPoint that is an SGTIN and a bizLocation that is an SGLN
        var event = F.objectEvent()
        event.readPoint = LocationReference(id: F.sgtin)
        event.bizLocation = LocationReference(id: F.sgln)
        // Then only the readPoint is refused
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/readPoint/id"])
        #expect(errors.first?.message.contains("location must be a location") == true)
        // And a non-GS1 location URI (geo:) is fine
        event.readPoint = LocationReference(id: "geo:47.506,19.045")
        #expect(F.errors(event).isEmpty)
    }

    @Test("a source of type owning_party is a party, of type location a location")
    func sourceDestinationRoles() throws {
        // Given an owning_party source that is an SSCC and a location destination that is a PGLN
        var event = F.objectEvent()
        let owning = try #require(CBVValue("owning_party", in: .sourceDestType))
        let location = try #require(CBVValue("location", in: .sourceDestType))
        event.sourceList = [SourceDestination(type: owning, id: F.sscc), SourceDestination(type: owning, id: F.pgln)]
        event.destinationList = [SourceDestination(type: location, id: F.pgln)]
        // Then both wrong roles are named
        let errors = F.errors(event)
        #expect(
            errors.map(\.location) == [
                "/epcisBody/eventList/0/sourceList/0/source", "/epcisBody/eventList/0/destinationList/0/destination",
            ]
        )
        #expect(errors.first?.message.contains("party must be a party") == true)
        #expect(errors.last?.message.contains("location must be a location") == true)
    }

    @Test("the same EPC twice in one list is a warning")
    func duplicateEPCWarns() {
        // Given an epcList with a repeated SGTIN
        var event = F.objectEvent()
        event.epcList = [F.sgtin, F.sgtin2, F.sgtin]
        // Then a warning at the second occurrence, no error
        #expect(F.errors(event).isEmpty)
        let warnings = F.warnings(event)
        #expect(warnings.map(\.location) == ["/epcisBody/eventList/0/epcList/2"])
        #expect(warnings.first?.message.contains("duplicate EPC") == true)
    }

    @Test("an EPC URN and the Digital Link of the same object are a duplicate")
    func duplicateAcrossForms() {
        // Given the same SGTIN as a URN and as a Digital Link
        var event = F.objectEvent()
        event.epcList = [F.sgtin, "https://id.gs1.org/01/10614141073464/21/2017"]
        // Then the second is a duplicate
        #expect(F.errors(event).isEmpty)
        #expect(F.warnings(event).map(\.location) == ["/epcisBody/eventList/0/epcList/1"])
    }
}
