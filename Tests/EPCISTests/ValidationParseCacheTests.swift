import EPCIS
import Identifiers
import Testing

/// `IdentifierParseCache` parses each identifier text once across the events a validator checks: the diagnostics
/// must be the ones each event gets alone, at each event's own pointers, whatever the cache already holds.
@Suite struct ValidationParseCacheTests {
    typealias F = ValidationFixtures

    /// Events that repeat identifiers: a Digital Link with a wrong check digit, a class in an instance list, an EPC
    /// written as URN and as Digital Link in one list, a trade item as a location, and valid ones.
    static func events() -> [EPCISEvent] {
        var first = F.objectEvent()
        first.epcList = [F.sgtin, "https://id.gs1.org/01/09521141012346/21/1", F.lgtin]
        var second = F.aggregationEvent()
        second.childEPCs = ["https://id.gs1.org/01/09521141012346/21/1", F.sgtin, "https://id.gs1.org/01/00614141073467/21/2017"]
        var third = F.transformationEvent()
        third.outputQuantityList = [QuantityElement(epcClass: F.sgtin, quantity: 1), QuantityElement(epcClass: F.lgtin)]
        var fourth = F.objectEvent()
        fourth.readPoint = LocationReference(id: F.sgtin)
        fourth.sourceList = [SourceDestination(type: CBVValue("owning_party", in: .sourceDestType)!, id: F.pgln)]
        return [first, second, third, fourth, first, F.objectEvent()]
    }

    @Test("a shared parse cache gives every event the diagnostics it gets alone")
    func sharedCacheKeepsEveryDiagnostic() {
        // Given events that share valid and invalid identifiers
        let events = Self.events()
        let validator = EPCISValidator(prefixLengths: FixedCompanyPrefixLength(7), now: { F.now })
        var parses = validator.makeParseCache()
        for (index, event) in events.enumerated() {
            let at = EventLocation(pointer: "/epcisBody/eventList/\(index)")
            // When each is validated with the one cache
            let shared = validator.validate(event, at: at, parses: &parses)
            // Then it gets the diagnostics, pointers included, that it gets alone
            #expect(shared == validator.validate(event, at: at), "event \(index)")
        }
        // And each distinct text was parsed once
        var texts: Set<String> = []
        for event in events {
            let lists: [[IdentifierURI]] = [
                event.epcList, event.childEPCs, event.inputEPCList, event.outputQuantityList.map(\.epcClass),
                event.sourceList.map(\.id), [event.parentID, event.readPoint?.id].compactMap { $0 },
            ]
            for list in lists { texts.formUnion(list.map(\.text)) }
        }
        #expect(parses.count == texts.count)
    }

    @Test("a cached malformed identifier is refused again, at the pointer of each event")
    func cachedErrorIsReportedAgain() {
        // Given a Digital Link with a wrong check digit in two events
        let events = Self.events()
        var parses = F.validator.makeParseCache()
        // When both are validated with one cache
        let first = F.validator.validate(events[0], at: F.at, parses: &parses).filter { $0.severity == .error }
        let second = F.validator.validate(
            events[1], at: EventLocation(pointer: "/epcisBody/eventList/1"), parses: &parses
        ).filter { $0.severity == .error }
        // Then each names it where it stands
        #expect(first.map(\.location) == ["/epcisBody/eventList/0/epcList/1", "/epcisBody/eventList/0/epcList/2"])
        #expect(second.map(\.location) == ["/epcisBody/eventList/1/childEPCs/0"])
        #expect(second.first?.message.contains("invalid GS1 identifier") == true)
    }

    @Test("the cache answers what a fresh parse answers")
    func cacheAnswersAsParse() throws {
        var parses = IdentifierParseCache()
        for text in ["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/00614141073467/21/2017", "urn:uuid:x"] {
            let fresh = try EPCIdentifier.parse(text)
            #expect(try parses.parse(text) == fresh)
            #expect(try parses.parse(text) == fresh)
        }
        #expect(throws: IdentifierError.self) { try parses.parse("https://id.gs1.org/01/09521141012346/21/1") }
        #expect(throws: IdentifierError.self) { try parses.parse("https://id.gs1.org/01/09521141012346/21/1") }
        #expect(parses.gs1Identifier("https://id.gs1.org/01/09521141012346/21/1") == nil)
        #expect(parses.count == 4)
    }
}
