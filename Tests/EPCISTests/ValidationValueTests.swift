import EPCIS
import Foundation
import Testing

@Suite struct ValidationValueTests {
    typealias F = ValidationFixtures

    @Test("quantities must be positive and finite", arguments: [0.0, -5, Double.nan, Double.infinity])
    func nonPositiveQuantityRefused(quantity: Double) {
        // Given a quantity that is not a positive finite number
        var event = F.objectEvent()
        event.quantityList = [QuantityElement(epcClass: F.lgtin, quantity: quantity, uom: "KGM")]
        // Then
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/quantityList/0/quantity"])
        #expect(errors.first?.message.contains("quantity must be positive") == true)
    }

    @Test("uom must have the shape of a UN/ECE Rec 20 code and come with a quantity")
    func uomShape() {
        // Given a lower-case unit and a unit without quantity
        var event = F.transformationEvent()
        event.outputQuantityList = [
            QuantityElement(epcClass: F.lgtin, quantity: 2, uom: "kg"),
            QuantityElement(epcClass: F.lgtin, quantity: nil, uom: "KGM"),
            QuantityElement(epcClass: F.lgtin, quantity: 2.5, uom: "KGM"),
        ]
        // Then both bad ones are named
        let errors = F.errors(event)
        #expect(
            errors.map(\.location) == [
                "/epcisBody/eventList/0/outputQuantityList/0/uom", "/epcisBody/eventList/0/outputQuantityList/1/uom",
            ]
        )
        #expect(errors.first?.message.contains("UN/ECE Recommendation 20") == true)
        #expect(errors.last?.message.contains("uom without quantity") == true)
    }

    @Test("eventTimeZoneOffset must lie within -14:00 and +14:00", arguments: ["+15:00", "+14:30", "0100", "+01:60"])
    func badOffsetRefused(offset: String) {
        // Given a bad offset
        var event = F.objectEvent()
        event.eventTimeZoneOffset = offset
        // Then
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/eventTimeZoneOffset"])
        #expect(errors.first?.message.contains("eventTimeZoneOffset must be") == true)
    }

    @Test("offsets at the limits are accepted", arguments: ["+14:00", "-14:00", "+00:00", "-03:30", "+05:45"])
    func limitOffsetsAccepted(offset: String) {
        var event = F.objectEvent()
        event.eventTimeZoneOffset = offset
        #expect(F.errors(event).isEmpty)
    }

    @Test("an eventTime beyond the tolerance in the future is refused; within it, accepted")
    func futureEventTime() {
        // Given an event one hour after the validator's clock
        var event = F.objectEvent()
        event.eventTime = EPCISDateTime(F.now.addingTimeInterval(3600))
        // Then refused
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/eventTime"])
        #expect(errors.first?.message.contains("eventTime in the future") == true)
        // And five minutes ahead is within the tolerance
        event.eventTime = EPCISDateTime(F.now.addingTimeInterval(300))
        #expect(F.errors(event).isEmpty)
    }

    @Test("a recordTime sent for capture is a warning")
    func recordTimeWarns() {
        var event = F.objectEvent()
        event.recordTime = F.time()
        #expect(F.errors(event).isEmpty)
        #expect(F.warnings(event).map(\.location) == ["/epcisBody/eventList/0/recordTime"])
        #expect(F.warnings(event).first?.message.contains("recordTime is set by the repository") == true)
    }

    @Test("an error declared before the event is a warning, and corrective event ids must be URIs")
    func errorDeclarationRules() {
        // Given a declaration an hour before the event, with one bad corrective id
        var event = F.objectEvent()
        event.errorDeclaration = ErrorDeclaration(
            declarationTime: F.time("2026-11-20T07:00:00.000+01:00"),
            correctiveEventIDs: ["urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8", "not a uri"]
        )
        // Then
        #expect(F.warnings(event).map(\.location) == ["/epcisBody/eventList/0/errorDeclaration/declarationTime"])
        #expect(F.warnings(event).first?.message.contains("declarationTime before eventTime") == true)
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/errorDeclaration/correctiveEventIDs/1"])
        #expect(errors.first?.message.contains("correctiveEventIDs must be URIs") == true)
    }

    @Test("a disposition both set and unset is refused")
    func persistentDispositionOverlap() throws {
        var event = F.objectEvent()
        let completeness = try #require(CBVValue("completeness_inferred", in: .disposition))
        let damaged = try #require(CBVValue("urn:epcglobal:cbv:disp:damaged", in: .disposition))
        let damagedWord = try #require(CBVValue("damaged", in: .disposition))
        event.persistentDisposition = PersistentDisposition(set: [completeness, damaged], unset: [damagedWord])
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/persistentDisposition/set/1"])
        #expect(errors.first?.message.contains("set and unset overlap") == true)
    }
}
